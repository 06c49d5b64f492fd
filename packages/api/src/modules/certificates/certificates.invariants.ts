import type { InvariantCheck } from '../../common/invariant-check';

/** DESIGN.md → Invariants, the certificates' part: accounts equal their ledger, and periods keep their limits. */
export const ledgerChecks: InvariantCheck[] = [
  {
    name: 'account balances are never negative and available ≥ 0',
    sql: `
      SELECT 'certificate_accounts ' || id AS subject,
             format('nominal=%s blocked=%s committed=%s spent=%s expired=%s', nominal, blocked, committed, spent, expired) AS details
        FROM certificate_accounts
       WHERE nominal < 0 OR blocked < 0 OR committed < 0 OR spent < 0 OR expired < 0
          OR nominal - blocked - committed - spent - expired < 0`,
  },
  {
    name: 'every account equals the sum of its ledger entries',
    sql: `
      WITH sums AS (
        SELECT account_id,
               sum(amount) FILTER (WHERE type = 'CREDIT') AS credit,
               sum(CASE type WHEN 'BLOCK' THEN amount WHEN 'UNBLOCK' THEN -amount WHEN 'ACTIVATE' THEN -amount ELSE 0 END) AS blocked,
               sum(CASE type WHEN 'ACTIVATE' THEN amount WHEN 'COMMIT' THEN amount WHEN 'RELEASE' THEN -amount WHEN 'CHARGE' THEN -amount WHEN 'REVERSAL' THEN amount ELSE 0 END) AS committed,
               sum(CASE type WHEN 'CHARGE' THEN amount WHEN 'REVERSAL' THEN -amount ELSE 0 END) AS spent,
               sum(amount) FILTER (WHERE type = 'EXPIRE') AS expired
          FROM ledger_entries GROUP BY account_id)
      SELECT 'certificate_accounts ' || a.id AS subject,
             format('balance nominal=%s blocked=%s committed=%s spent=%s expired=%s; ledger %s/%s/%s/%s/%s',
                    a.nominal, a.blocked, a.committed, a.spent, a.expired,
                    coalesce(s.credit, 0), coalesce(s.blocked, 0), coalesce(s.committed, 0), coalesce(s.spent, 0), coalesce(s.expired, 0)) AS details
        FROM certificate_accounts a LEFT JOIN sums s ON s.account_id = a.id
       WHERE a.nominal <> coalesce(s.credit, 0) OR a.blocked <> coalesce(s.blocked, 0) OR a.committed <> coalesce(s.committed, 0)
          OR a.spent <> coalesce(s.spent, 0) OR a.expired <> coalesce(s.expired, 0)`,
  },
  {
    name: 'every account: blocked, committed and spent are the sums of its holds',
    sql: `
      WITH sums AS (SELECT account_id, sum(blocked) AS blocked, sum(committed) AS committed, sum(spent) AS spent FROM ledger_holds GROUP BY account_id)
      SELECT 'certificate_accounts ' || a.id AS subject,
             format('blocked=%s committed=%s spent=%s; holds %s/%s/%s', a.blocked, a.committed, a.spent, coalesce(s.blocked, 0), coalesce(s.committed, 0), coalesce(s.spent, 0)) AS details
        FROM certificate_accounts a LEFT JOIN sums s ON s.account_id = a.id
       WHERE a.blocked <> coalesce(s.blocked, 0) OR a.committed <> coalesce(s.committed, 0) OR a.spent <> coalesce(s.spent, 0)`,
  },
  {
    name: 'every hold equals the sum of its entries, all in its own account, opened once',
    sql: `
      WITH sums AS (
        SELECT e.hold_id, bool_and(e.account_id = h.account_id) AS same_account,
               count(*) FILTER (WHERE e.type IN ('BLOCK','COMMIT')) AS openings,
               sum(e.amount) FILTER (WHERE e.type IN ('BLOCK','COMMIT')) AS opened,
               sum(CASE e.type WHEN 'BLOCK' THEN e.amount WHEN 'UNBLOCK' THEN -e.amount WHEN 'ACTIVATE' THEN -e.amount ELSE 0 END) AS blocked,
               sum(CASE e.type WHEN 'ACTIVATE' THEN e.amount WHEN 'COMMIT' THEN e.amount WHEN 'RELEASE' THEN -e.amount WHEN 'CHARGE' THEN -e.amount WHEN 'REVERSAL' THEN e.amount ELSE 0 END) AS committed,
               sum(CASE e.type WHEN 'CHARGE' THEN e.amount WHEN 'REVERSAL' THEN -e.amount ELSE 0 END) AS spent
          FROM ledger_entries e JOIN ledger_holds h ON h.id = e.hold_id GROUP BY e.hold_id)
      SELECT 'ledger_holds ' || h.id AS subject,
             format('amount=%s blocked=%s committed=%s spent=%s; entries %s opening(s) of %s, %s/%s/%s%s', h.amount, h.blocked, h.committed, h.spent,
                    coalesce(s.openings, 0), coalesce(s.opened, 0), coalesce(s.blocked, 0), coalesce(s.committed, 0), coalesce(s.spent, 0),
                    CASE WHEN s.same_account THEN '' ELSE ', entries in another account' END) AS details
        FROM ledger_holds h LEFT JOIN sums s ON s.hold_id = h.id
       WHERE s.openings IS DISTINCT FROM 1 OR h.amount <> s.opened OR NOT s.same_account
          OR h.blocked <> s.blocked OR h.committed <> s.committed OR h.spent <> s.spent`,
  },
  {
    name: 'every hold is resolved at most once (posted or voided), takes its whole pending amount, and pends no more once resolved',
    sql: `
      SELECT 'ledger_holds ' || h.id AS subject,
             format('%s resolution(s) of %s; opened %s by %s; blocked=%s', count(r.id), coalesce(sum(r.amount), 0), h.amount, o.type, h.blocked) AS details
        FROM ledger_holds h
        JOIN ledger_entries o ON o.hold_id = h.id AND o.type IN ('BLOCK','COMMIT')
        LEFT JOIN ledger_entries r ON r.hold_id = h.id AND r.type IN ('ACTIVATE','UNBLOCK')
       GROUP BY h.id, o.type
      HAVING count(r.id) > 1 OR (o.type = 'COMMIT' AND count(r.id) > 0)
          OR (count(r.id) = 1 AND (h.blocked <> 0 OR sum(r.amount) <> h.amount))
          OR (count(r.id) = 0 AND o.type = 'BLOCK' AND h.blocked <> h.amount)`,
  },
  {
    name: 'ledger entries stay with the certificate of their account',
    sql: `
      SELECT 'ledger_entries ' || e.id AS subject, format('entry certificate %s, account certificate %s', e.certificate_id, a.certificate_id) AS details
        FROM ledger_entries e JOIN certificate_accounts a ON a.id = e.account_id
       WHERE e.certificate_id <> a.certificate_id`,
  },
  {
    name: 'the ledger is append-only (its triggers are in place and enabled)',
    sql: `
      SELECT 'ledger_entries' AS subject, 'trigger ' || t.name || ' is missing or disabled' AS details
        FROM (VALUES ('ledger_entries_no_update_delete'), ('ledger_entries_no_truncate')) AS t(name)
       WHERE NOT EXISTS (
         SELECT 1 FROM pg_trigger g WHERE g.tgrelid = 'ledger_entries'::regclass AND g.tgname = t.name AND g.tgenabled <> 'D')`,
  },
  {
    name: 'financing certificates in a period stay within the municipality\'s limit',
    sql: `
      SELECT 'certificate_periods ' || p.id AS subject,
             format('limit=%s issued=%s accounts=%s', p.financing_limit, p.financing_issued, count(a.id)) AS details
        FROM certificate_periods p LEFT JOIN certificate_accounts a ON a.period_id = p.id
       GROUP BY p.id
      HAVING count(a.id) > p.financing_limit OR p.financing_issued > p.financing_limit OR count(a.id) <> p.financing_issued`,
  },
  {
    name: 'a financing certificate has money: at least one account',
    sql: `
      SELECT 'certificates ' || c.id AS subject, 'FINANCING without an account' AS details
        FROM certificates c
       WHERE c.status = 'FINANCING' AND NOT EXISTS (SELECT 1 FROM certificate_accounts a WHERE a.certificate_id = c.id)`,
  },
];
