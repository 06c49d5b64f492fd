import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import 'reflect-metadata';
import type { TestProject } from 'vitest/node';
import { FixedClock } from '../src/common/clock';
import { createDataSource, migrate } from '../src/db/data-source';
import { TEST_TODAY } from '../src/testing/test-today';
import { ensureDatabase, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { seedDemoData } from '../src/db/seed/demo-data';
import { freePort } from './api-process';
import { TEMPLATE_DATABASE, TEST_DATA_ENCRYPTION_KEY } from './database';

/**
 * One real PostgreSQL per test run (or TEST_DATABASE_ADMIN_URL for an
 * external one). A template database is migrated and seeded once; each test
 * file clones it, which takes milliseconds and isolates files completely.
 */
export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_ADMIN_URL;
  let stop: (() => Promise<void>) | undefined;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = mkdtempSync(path.join(tmpdir(), 'navigator-test-pg-'));
    // Postgres runs as its own user when we are root, so it must be able to enter the directory.
    chmodSync(dir, 0o755);
    const db = await startEmbeddedPostgres({ dir: path.join(dir, 'data'), port: await freePort(), database: 'postgres', persistent: false });
    adminUrl = db.adminUrl;
    stop = db.stop;
  }
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  try {
    await ensureDatabase(adminUrl, TEMPLATE_DATABASE);
    const ds = createDataSource(templateUrl.toString(), { poolSize: 2 });
    await ds.initialize();
    try {
      await migrate(ds);
      await seedDemoData(ds, new FixedClock(TEST_TODAY).now(), TEST_DATA_ENCRYPTION_KEY);
    } finally {
      await ds.destroy();
    }
  } catch (err) {
    await stop?.();
    throw err;
  }

  project.provide('pgAdminUrl', adminUrl);
  return async () => {
    await stop?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
