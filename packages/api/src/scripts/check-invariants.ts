import 'reflect-metadata';
import path from 'node:path';
import { loadConfig } from '../config';
import { createDataSource } from '../db/data-source';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../db/embedded-postgres';
import { checkInvariants, invariantChecks } from '../invariants/registry';

/**
 * `pnpm --filter @navigator/api check-invariants`: verifies every invariant
 * of DESIGN.md against the database (DATABASE_URL, or the embedded one under
 * DATA_DIR when the system is not running), prints each violation and exits
 * non-zero on any.
 */
async function main(): Promise<number> {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.dataDir, 'postgres'),
      port: config.embeddedPgPort,
      sharedBuffers: config.embeddedPgSharedBuffers,
      database: 'navigator',
    });
    databaseUrl = embedded.url;
  }
  const dataSource = createDataSource(databaseUrl, { poolSize: 2, applicationName: 'navigator-check-invariants' });
  try {
    await dataSource.initialize();
    const violations = await checkInvariants(dataSource);
    for (const v of violations) console.log(`VIOLATION  ${v.invariant}: ${v.subject} — ${v.details}`);
    console.log(violations.length === 0 ? `All ${invariantChecks.length} invariants hold.` : `${violations.length} violation(s) found.`);
    return violations.length === 0 ? 0 : 1;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
