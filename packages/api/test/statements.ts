import type { Logger as TypeOrmLogger } from 'typeorm';

/** Transaction control: the frame around a transition's work, not part of its budget. */
const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SAVEPOINT|RELEASE SAVEPOINT|ROLLBACK TO SAVEPOINT)\b/i;

/**
 * Counts the SQL statements a piece of code sends through TypeORM (every
 * query of this app goes through a query runner). Pass it as the data
 * source's logger (`createTestApp({ logger: counter })`), then measure one
 * service call at a time: `START TRANSACTION` / `COMMIT` / `ROLLBACK` are
 * left out, everything else (reads, locks, writes, notifications, audit) counts.
 */
export class StatementCounter implements TypeOrmLogger {
  private recording: string[] | null = null;

  async measure<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    if (this.recording) throw new Error('StatementCounter measures one call at a time');
    const statements: string[] = [];
    this.recording = statements;
    try {
      const result = await run();
      return { result, statements };
    } finally {
      this.recording = null;
    }
  }

  logQuery(query: string): void {
    if (this.recording && !TRANSACTION_CONTROL.test(query)) this.recording.push(query.replace(/\s+/g, ' ').trim());
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
