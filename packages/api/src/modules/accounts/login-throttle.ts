import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import { DomainError, ErrorCode } from '../../common/errors';
import { pluralRu } from '../../common/russian';

/**
 * Each counter lets `free` failures through, then asks for a wait that doubles
 * with every further failure, up to `capSeconds`. Nothing locks: a wait ends
 * on its own, and a success from the same place resets its counter.
 */
interface Rule {
  free: number;
  capSeconds: number;
}

/** One address guessing one account's password: the real attack, slowed hard. */
const PAIR: Rule = { free: 3, capSeconds: 15 * 60 };
/** One account from many addresses: a stranger controls this one, so it stays short, and skips addresses the owner has signed in from. */
const ACCOUNT: Rule = { free: 10, capSeconds: 60 };
/** One address trying many accounts; skipped for accounts that have signed in from it before, so neighbours behind one NAT are not held up. */
const ADDRESS: Rule = { free: 20, capSeconds: 5 * 60 };
/** How long a successful sign-in makes an address "known" to an account. */
const KNOWN_ADDRESS_DAYS = 90;

export function waitSeconds(failures: number, rule: Rule): number {
  if (failures < rule.free) return 0;
  return Math.min(2 ** (failures - rule.free), rule.capSeconds);
}

interface Counters {
  now_s: number;
  pair_n: number;
  pair_last: number | null;
  account_n: number;
  account_last: number | null;
  address_n: number;
  address_last: number | null;
  known: boolean;
}

@Service()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  /** Refuses an attempt that comes before its wait is over; such an attempt is not counted, so waiting is always enough. */
  async check(email: string, ip: string | null): Promise<void> {
    const [c]: Counters[] = await this.dataSource.query(
      `WITH recent AS (
         SELECT lower(email) = lower($1) AS mine, ip IS NOT DISTINCT FROM $2 AS same_ip, succeeded, at
           FROM login_attempts
          WHERE at > now() - interval '1 day' AND (lower(email) = lower($1) OR ip = $2)
       ), last_ok AS (
         SELECT coalesce(max(at) FILTER (WHERE mine AND same_ip AND succeeded), '-infinity') AS pair,
                coalesce(max(at) FILTER (WHERE mine AND succeeded), '-infinity') AS account
           FROM recent
       )
       SELECT extract(epoch FROM now())::float8 AS now_s,
              count(*) FILTER (WHERE mine AND same_ip AND NOT succeeded AND at > l.pair)::int AS pair_n,
              extract(epoch FROM max(at) FILTER (WHERE mine AND same_ip AND NOT succeeded))::float8 AS pair_last,
              count(*) FILTER (WHERE mine AND NOT succeeded AND at > l.account)::int AS account_n,
              extract(epoch FROM max(at) FILTER (WHERE mine AND NOT succeeded))::float8 AS account_last,
              count(*) FILTER (WHERE same_ip AND NOT succeeded AND at > now() - interval '1 hour')::int AS address_n,
              extract(epoch FROM max(at) FILTER (WHERE same_ip AND NOT succeeded))::float8 AS address_last,
              EXISTS (SELECT 1 FROM login_attempts k
                       WHERE lower(k.email) = lower($1) AND k.ip = $2 AND k.succeeded AND k.at > now() - make_interval(days => $3)) AS known
         FROM last_ok l LEFT JOIN recent ON true
        GROUP BY l.pair, l.account`,
      [email.trim(), ip, KNOWN_ADDRESS_DAYS],
    );
    const until = Math.max(
      readyAt(c.pair_last, waitSeconds(c.pair_n, PAIR)),
      c.known ? 0 : readyAt(c.account_last, waitSeconds(c.account_n, ACCOUNT)),
      c.known ? 0 : readyAt(c.address_last, waitSeconds(c.address_n, ADDRESS)),
    );
    const remaining = Math.ceil(until - c.now_s);
    if (remaining > 0) {
      throw new DomainError(ErrorCode.TOO_MANY_REQUESTS, `Слишком много неудачных попыток входа. Попробуйте снова через ${inWords(remaining)}.`, {
        retryAfterSeconds: remaining,
      });
    }
  }

  async record(email: string, ip: string | null, succeeded: boolean): Promise<void> {
    await this.dataSource.query(`INSERT INTO login_attempts (email, ip, succeeded) VALUES ($1, $2, $3)`, [email.trim(), ip, succeeded]);
  }
}

function readyAt(last: number | null, wait: number): number {
  return last == null || wait === 0 ? 0 : last + wait;
}

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} ${pluralRu(seconds, 'секунду', 'секунды', 'секунд')}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${pluralRu(minutes, 'минуту', 'минуты', 'минут')}`;
}
