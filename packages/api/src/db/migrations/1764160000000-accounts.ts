import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CONSENT_TEXT_V1 } from '../../modules/accounts/consent-texts';

/**
 * Accounts a family can trust: confirmed e-mail, single-use tokens for
 * confirmation and password reset (only their SHA-256 is stored), versioned
 * consent to personal-data processing (152-ФЗ) with its withdrawal, sessions
 * that show when they were last used, and an e-mail outbox whose rows are
 * claimed before sending so a crash repeats at most the message in flight.
 */
export class Accounts1764160000000 implements MigrationInterface {
  name = 'Accounts1764160000000';

  async up(q: QueryRunner): Promise<void> {
    // Accounts made by the seed, an admin or a script are confirmed; registration alone inserts NULL explicitly.
    await q.query(`ALTER TABLE users ADD COLUMN email_confirmed_at timestamptz DEFAULT now()`);
    await q.query(`UPDATE users SET email_confirmed_at = created_at`);
    await q.query(`ALTER TABLE users ADD COLUMN closed_at timestamptz`);

    await q.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        purpose text NOT NULL CHECK (purpose IN ('CONFIRM_EMAIL','RESET_PASSWORD')),
        token_hash text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT account_tokens_expiry CHECK (expires_at > created_at)
      )`);
    await q.query(`CREATE INDEX account_tokens_user ON account_tokens (user_id, purpose, created_at DESC)`);

    await q.query(`
      CREATE TABLE consent_versions (
        version int PRIMARY KEY CHECK (version > 0),
        text text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO consent_versions (version, text) VALUES (1, $1)`, [CONSENT_TEXT_V1]);

    // Evidence of consent is kept after withdrawal: it shows on what basis data was processed until then.
    await q.query(`
      CREATE TABLE consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        version int NOT NULL REFERENCES consent_versions(version),
        given_at timestamptz NOT NULL DEFAULT now(),
        ip text,
        user_agent text,
        withdrawn_at timestamptz,
        CONSTRAINT consents_once_per_version UNIQUE (user_id, version)
      )`);
    // Parents who registered before consent was asked are asked on their next visit; demo parents are seeded with it.

    await q.query(`ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz`);
    await q.query(`UPDATE sessions SET last_seen_at = created_at`);
    await q.query(`ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL, ALTER COLUMN last_seen_at SET DEFAULT now()`);
    await q.query(`CREATE INDEX login_attempts_email_ip_at ON login_attempts (lower(email), ip, at)`);

    // Messages with a secret (a confirmation or reset link) lose their body once sent: the outbox is no second token store.
    await q.query(`ALTER TABLE email_outbox ADD COLUMN erase_after_send boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN claimed_at timestamptz, ADD COLUMN claim_token uuid`);
    await q.query(`ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check`);
    await q.query(`ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check CHECK (status IN ('PENDING','SENDING','SENT','FAILED'))`);
    await q.query(`DROP INDEX email_outbox_pending`);
    await q.query(`CREATE INDEX email_outbox_pending ON email_outbox (id) WHERE status IN ('PENDING','SENDING')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX email_outbox_pending`);
    await q.query(`UPDATE email_outbox SET status = 'PENDING', claimed_at = NULL WHERE status = 'SENDING'`);
    await q.query(`ALTER TABLE email_outbox DROP CONSTRAINT email_outbox_status_check`);
    await q.query(`ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_status_check CHECK (status IN ('PENDING','SENT','FAILED'))`);
    await q.query(`CREATE INDEX email_outbox_pending ON email_outbox (id) WHERE status = 'PENDING'`);
    await q.query(`ALTER TABLE email_outbox DROP COLUMN claim_token, DROP COLUMN claimed_at, DROP COLUMN erase_after_send`);
    await q.query(`DROP INDEX login_attempts_email_ip_at`);
    await q.query(`ALTER TABLE sessions DROP COLUMN last_seen_at`);
    await q.query(`DROP TABLE consents`);
    await q.query(`DROP TABLE consent_versions`);
    await q.query(`DROP TABLE account_tokens`);
    await q.query(`ALTER TABLE users DROP COLUMN closed_at, DROP COLUMN email_confirmed_at`);
  }
}
