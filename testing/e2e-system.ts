/**
 * Support for browser tests: starts the real system (the built API serving
 * the built SPAs, on its own fresh embedded PostgreSQL with demo data) and a
 * headless Debian Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Mailbox } from '../packages/api/src/modules/notifications/mailbox';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const artifactsDir = path.join(root, 'test-artifacts');

/** The built API's own SMTP sink (smtp-server + mailparser), loaded as Node loads the API, so its dependencies resolve from the API package. */
function startMailbox(): Promise<Mailbox> {
  const built = createRequire(import.meta.url)(path.join(root, 'packages/api/dist/modules/notifications/mailbox.js')) as { startMailbox: () => Promise<Mailbox> };
  return built.startMailbox();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningSystem {
  baseUrl: string;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Signs in through the API (as seeded staff or operators do in tests) and returns the bearer token. */
  login(email: string, password?: string): Promise<string>;
  /** Moves the system's calendar (the region's day), as the New Year would. */
  travelTo(today: string): Promise<void>;
  /** Every letter the system sends, received over real SMTP by this test process. */
  mailbox: Mailbox;
  /** Runs a background job now instead of at its scheduled hour, e.g. `certificates.period-rollover`. */
  runJob(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The day browser journeys live on unless they choose another: the system's
 * calendar is pinned, so a journey behaves the same in October and December.
 */
export const E2E_TODAY = '2026-10-15';

export async function startSystem(options: { today?: string } = {}): Promise<RunningSystem> {
  const dir = mkdtempSync(path.join(tmpdir(), 'navigator-e2e-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const logFile = path.join(dir, 'server.log');
  const mailbox = await startMailbox();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'packages/api/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dir,
      EMBEDDED_PG_PORT: String(await freePort()),
      DATABASE_URL: '',
      NODE_ENV: 'test',
      CLOCK_START: options.today ?? E2E_TODAY,
      SMTP_URL: mailbox.url,
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (d) => output.push(String(d)));
  child.stderr?.on('data', (d) => output.push(String(d)));
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output.join('')}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${output.join('')}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  const gql: RunningSystem['gql'] = async (query, variables, token) => {
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json();
  };

  const devPost = async (route: string, body: object) => {
    const res = await fetch(`${baseUrl}/dev/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`/dev/${route}: HTTP ${res.status} ${await res.text()}`);
  };

  return {
    baseUrl,
    gql,
    mailbox,
    travelTo: (today) => devPost('clock', { today }),
    runJob: (name) => devPost(`jobs/${encodeURIComponent(name)}`, {}),
    async login(email, password = 'demo12345') {
      const res = await gql(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password } });
      if (!res.data) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      writeFileSync(logFile, output.join(''));
      await mailbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export interface SystemAndBrowser {
  system: RunningSystem;
  browser: Browser;
}

/** Starts the system and a browser before the tests of the enclosing `describe` block and stops both after them. */
export function useSystemAndBrowser(options?: Parameters<typeof startSystem>[0]): SystemAndBrowser {
  const env = {} as SystemAndBrowser;
  beforeAll(async () => {
    env.system = await startSystem(options);
    env.browser = await launchBrowser();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.system?.stop();
  });
  return env;
}

/**
 * The browser's calendar follows the system's pinned day (noon in the region),
 * so a page that reasons about "this month" agrees with the server. Timers keep
 * running; only `Date` is fixed.
 */
export async function pinBrowserClock(context: BrowserContext, today: string = E2E_TODAY): Promise<void> {
  await context.clock.setFixedTime(new Date(`${today}T03:00:00Z`));
}

/** A browser context as people in the region have it, on the system's pinned day. */
export async function newRegionContext(browser: Browser, viewport: { width: number; height: number }, today: string = E2E_TODAY): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'ru-RU', timezoneId: 'Asia/Yakutsk' });
  await pinBrowserClock(context, today);
  return context;
}

/** A phone-sized context by default: most parents use phones. */
export function newPhoneContext(browser: Browser, today: string = E2E_TODAY): Promise<BrowserContext> {
  return newRegionContext(browser, { width: 390, height: 844 }, today);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}
