/**
 * The entry point the benchmarks in `bench/` use to build their datasets with
 * the application's own schema, seed and vocabulary (bench/ is plain ESM and
 * imports this compiled file).
 */
export { embeddedPgSharedBuffers } from './config';
export { createDataSource, migrate } from './db/data-source';
export { defaultSharedBuffers, startEmbeddedPostgres } from './db/embedded-postgres';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemoData } from './db/seed/demo-data';
export { PROGRAM_TITLES, TEACHERS, STREETS } from './db/seed/catalog-vocabulary';
export { hashToken } from './modules/accounts/sessions.service';
export { checkInvariants } from './invariants/registry';
export { SnilsCrypto, snilsWithControlSum } from './common/snils';

/** Fixed key for benchmark runs: their data is synthetic and thrown away. */
export const BENCH_ENCRYPTION_KEY_HEX = '28'.repeat(32);
