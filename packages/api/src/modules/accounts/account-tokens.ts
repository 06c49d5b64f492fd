import type { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { hashToken, newToken } from './sessions.service';

export enum TokenPurpose {
  CONFIRM_EMAIL = 'CONFIRM_EMAIL',
  RESET_PASSWORD = 'RESET_PASSWORD',
}

const LIFETIME_MS: Record<TokenPurpose, number> = {
  [TokenPurpose.CONFIRM_EMAIL]: 48 * 3600_000,
  [TokenPurpose.RESET_PASSWORD]: 3600_000,
};

const INVALID: Record<TokenPurpose, string> = {
  [TokenPurpose.CONFIRM_EMAIL]: 'Ссылка для подтверждения почты недействительна или устарела. Войдите и отправьте письмо ещё раз.',
  [TokenPurpose.RESET_PASSWORD]: 'Ссылка для смены пароля недействительна или устарела. Запросите новую на странице входа.',
};

/**
 * Single-use, expiring links sent by e-mail. The link carries a random token;
 * the database keeps its SHA-256 only. Issuing a link spends the earlier
 * unused ones of the same purpose, so only the newest letter works.
 */
@Service()
export class AccountTokens {
  constructor(private readonly clock: Clock) {}

  async issue(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    const now = this.clock.now();
    await manager.query(`UPDATE account_tokens SET used_at = $3 WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`, [userId, purpose, now]);
    const token = newToken();
    await manager.query(`INSERT INTO account_tokens (user_id, purpose, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`, [
      userId,
      purpose,
      hashToken(token),
      now,
      new Date(now.getTime() + LIFETIME_MS[purpose]),
    ]);
    return token;
  }

  /** Spends a token and returns its user; an unknown, used or expired token is one typed error, whichever it was. */
  async consume(manager: EntityManager, token: string, purpose: TokenPurpose): Promise<string> {
    const now = this.clock.now();
    const [rows]: [{ user_id: string }[], number] = await manager.query(
      `UPDATE account_tokens SET used_at = $3 WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3 RETURNING user_id`,
      [hashToken(token), purpose, now],
    );
    if (!rows[0]) throw new DomainError(ErrorCode.TOKEN_INVALID, INVALID[purpose]);
    return rows[0].user_id;
  }

  /** How many links of a purpose a user was sent since `ms` ago (for rate limits on resending). */
  async sentWithin(manager: EntityManager, userId: string, purpose: TokenPurpose, ms: number): Promise<number> {
    const [row] = await manager.query(`SELECT count(*)::int AS n FROM account_tokens WHERE user_id = $1 AND purpose = $2 AND created_at > $3`, [
      userId,
      purpose,
      new Date(this.clock.now().getTime() - ms),
    ]);
    return row.n;
  }
}
