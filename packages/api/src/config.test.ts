import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const KEY = 'ab'.repeat(32);
const saved = { ...process.env };

function withEnv(vars: Record<string, string | undefined>) {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}

describe('configuration', () => {
  afterEach(() => {
    process.env = { ...saved };
  });

  it('is safe by default in production: no demo data, no introspection', () => {
    withEnv({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY, SEED_DEMO_DATA: undefined, ENABLE_INTROSPECTION: undefined });
    const config = loadConfig();
    expect(config.seedDemoData).toBe(false);
    expect(config.introspection).toBe(false);
  });

  it('refuses demo data in production with a message saying why', () => {
    withEnv({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY, SEED_DEMO_DATA: 'true' });
    expect(() => loadConfig()).toThrow(/SEED_DEMO_DATA=true is refused with NODE_ENV=production/);
  });

  it('requires the data key in production', () => {
    withEnv({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: undefined, SEED_DEMO_DATA: undefined });
    expect(() => loadConfig()).toThrow(/DATA_ENCRYPTION_KEY is required in production/);
  });

  it('turns introspection on in production only when asked', () => {
    withEnv({ NODE_ENV: 'production', DATA_ENCRYPTION_KEY: KEY, ENABLE_INTROSPECTION: 'true' });
    expect(loadConfig().introspection).toBe(true);
  });

  it('keeps demo data and introspection in development, and refuses flags it cannot read', () => {
    withEnv({ NODE_ENV: 'development', DATA_ENCRYPTION_KEY: KEY, SEED_DEMO_DATA: undefined, ENABLE_INTROSPECTION: undefined });
    expect(loadConfig()).toMatchObject({ seedDemoData: true, introspection: true });
    withEnv({ SEED_DEMO_DATA: 'yes' });
    expect(() => loadConfig()).toThrow(/SEED_DEMO_DATA must be "true" or "false"/);
    withEnv({ SEED_DEMO_DATA: undefined, NODE_ENV: 'prod' });
    expect(() => loadConfig()).toThrow(/NODE_ENV must be/);
  });

  it('runs one worker per core by default, one with CLOCK_START, and refuses counts it cannot honour', () => {
    withEnv({ NODE_ENV: 'development', DATA_ENCRYPTION_KEY: KEY, API_WORKERS: undefined, CLOCK_START: undefined });
    expect(loadConfig().apiWorkers).toBe(availableParallelism());
    withEnv({ API_WORKERS: '3' });
    expect(loadConfig().apiWorkers).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'many', '65']) {
      withEnv({ API_WORKERS: bad });
      expect(() => loadConfig()).toThrow(/API_WORKERS must be an integer from 1 to 64/);
    }
    withEnv({ API_WORKERS: undefined, CLOCK_START: '2026-12-10' });
    expect(loadConfig().apiWorkers).toBe(1);
    withEnv({ API_WORKERS: '2' });
    expect(() => loadConfig()).toThrow(/CLOCK_START keeps the moved calendar in one process/);
  });

  it('sizes the embedded PostgreSQL from the machine unless told, and refuses a size it cannot read', () => {
    withEnv({ NODE_ENV: 'development', DATA_ENCRYPTION_KEY: KEY, EMBEDDED_PG_SHARED_BUFFERS: undefined });
    expect(loadConfig().embeddedPgSharedBuffers).toBeUndefined();
    withEnv({ EMBEDDED_PG_SHARED_BUFFERS: '1GB' });
    expect(loadConfig().embeddedPgSharedBuffers).toBe('1GB');
    for (const bad of ['1 GB', '0MB', 'lots', '512']) {
      withEnv({ EMBEDDED_PG_SHARED_BUFFERS: bad });
      expect(() => loadConfig()).toThrow(/EMBEDDED_PG_SHARED_BUFFERS must be a size such as 512MB or 2GB/);
    }
  });
});
