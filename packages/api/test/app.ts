import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { FixedClock } from '../src/common/clock';
import { AppSettings, type Container } from '../src/common/container';
import { TEST_TODAY } from '../src/testing/test-today';
import { type AppConfig, loadConfig } from '../src/config';
import { EmailDeliveryService } from '../src/modules/notifications/email-delivery.service';
import { type Mailbox, startMailbox } from '../src/modules/notifications/mailbox';
import { createLogger } from '../src/logger';
import { type AppServer, createContainer, createServer } from '../src/server';
import type { Actor } from '../src/common/actor';
import type { Role } from '../src/common/role';
import { createTestDataSource, TEST_DATA_ENCRYPTION_KEY } from './database';

/** Services wired against a fresh database, as the server wires them. */
export async function createTestApp(
  options: { poolSize?: number; today?: string; smtpUrl?: string; env?: AppConfig['env']; config?: Partial<AppConfig>; logger?: TypeOrmLogger } = {},
): Promise<{ dataSource: DataSource; container: Container; clock: FixedClock; close(): Promise<void> }> {
  const dataSource = await createTestDataSource(options);
  // TEST_LOG_LEVEL=error shows what a failing test's server logged.
  const logLevel = process.env.TEST_LOG_LEVEL ?? 'silent';
  const config = loadConfig({ env: options.env ?? 'test', dataEncryptionKey: TEST_DATA_ENCRYPTION_KEY, logLevel, smtpUrl: options.smtpUrl, publicUrl: 'http://navigator.test', ...options.config });
  const clock = new FixedClock(options.today ?? TEST_TODAY);
  const container = createContainer(dataSource, config, createLogger(logLevel), clock);
  return {
    dataSource,
    container,
    clock,
    async close() {
      // A letter still on its way would otherwise meet a closed pool.
      await container.get(EmailDeliveryService).idle();
      await dataSource.destroy();
    },
  };
}

export interface TestServer {
  url: string;
  dataSource: DataSource;
  clock: FixedClock;
  /** The inbox every letter of this server arrives in, through real SMTP. */
  mailbox: Mailbox;
  server: AppServer;
  /** POSTs a GraphQL operation; pass a token to act as a signed-in user. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

/** The real HTTP server on a random port, over a fresh database, sending mail to its own in-process SMTP server; `config` overrides settings. */
export async function startTestServer(options: { env?: AppConfig['env']; config?: Partial<AppConfig> } = {}): Promise<TestServer> {
  const mailbox = await startMailbox();
  const app = await createTestApp({ smtpUrl: mailbox.url, env: options.env, config: options.config });
  const settings = app.container.get(AppSettings);
  const server = await createServer(app.dataSource, settings.config, settings.logger, app.container, { devMail: async () => mailbox.messages });
  const port = await server.listen(0);
  const url = `http://127.0.0.1:${port}`;
  const gql: TestServer['gql'] = async (query, variables, token) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return res.json() as never;
  };
  return {
    url,
    dataSource: app.dataSource,
    clock: app.clock,
    mailbox,
    server,
    gql,
    async login(email, password = 'demo12345') {
      const res = await gql<{ login: { token: string } }>(`mutation($input: LoginInput!) { login(input: $input) { token } }`, { input: { email, password } });
      if (!res.data) throw new Error(`login failed for ${email}: ${JSON.stringify(res.errors)}`);
      return res.data.login.token;
    },
    async close() {
      await server.stop();
      server.httpServer.close();
      await app.close();
      await mailbox.stop();
    },
  };
}

/** Looks up a seeded demo user as an Actor, for service-level tests. */
export async function actorByEmail(dataSource: DataSource, email: string): Promise<Actor> {
  const [u] = await dataSource.query(`SELECT id, role, municipality_id, organization_id FROM users WHERE email = $1`, [email]);
  if (!u) throw new Error(`no user ${email}`);
  return { userId: u.id, role: u.role as Role, municipalityId: u.municipality_id, organizationId: u.organization_id };
}
