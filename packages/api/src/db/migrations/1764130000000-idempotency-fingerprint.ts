import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys remember what they were used for, so reuse with other arguments can be refused. */
export class IdempotencyFingerprint1764130000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    // sha256 of operation + canonical arguments; NULL for keys stored before (matched by operation alone).
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN fingerprint text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN fingerprint`);
  }
}
