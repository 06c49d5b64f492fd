import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { inject } from 'vitest';
import { createDataSource } from '../src/db/data-source';

export const TEMPLATE_DATABASE = 'navigator_template';

/** The data key of every test app; the template's demo children are seeded with it. */
export const TEST_DATA_ENCRYPTION_KEY = Buffer.alloc(32, 7);

/** Creates a fresh database cloned from the migrated, seeded template and returns its URL. */
export async function createTestDatabaseUrl(): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // Clones from one template serialize inside Postgres; retry when two files clone at the same instant.
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
        break;
      } catch (err) {
        if (attempt >= 20 || !String(err).includes('is being accessed by other users')) throw err;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDataSource(options: { poolSize?: number; logger?: TypeOrmLogger } = {}): Promise<DataSource> {
  const ds = createDataSource(await createTestDatabaseUrl(), { poolSize: options.poolSize ?? 10, logger: options.logger });
  await ds.initialize();
  return ds;
}
