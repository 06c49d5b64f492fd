import type { InvariantCheck } from '../../common/invariant-check';

/** The contracts' rules for the invariant checker: fundings equal what the ledger moved, and no contract ends before its group without a decision. */
export const contractChecks: InvariantCheck[] = [
  {
    name: 'every funding of a contract is exactly what the ledger moved for it in that period (blocked for an offer, committed once signed)',
    sql: `
      WITH moves AS (
        SELECT e.contract_id, a.period_id,
               sum(CASE e.type WHEN 'BLOCK' THEN e.amount WHEN 'UNBLOCK' THEN -e.amount WHEN 'ACTIVATE' THEN -e.amount ELSE 0 END) AS blocked,
               sum(CASE e.type WHEN 'ACTIVATE' THEN e.amount WHEN 'COMMIT' THEN e.amount ELSE 0 END) AS committed_in
          FROM ledger_entries e JOIN certificate_accounts a ON a.id = e.account_id
          -- The ledger knows contracts by id only; its own checks keep the holds of every id whole.
          JOIN contracts c ON c.id = e.contract_id
         GROUP BY e.contract_id, a.period_id),
      expected AS (
        SELECT contract_id, period_id,
               CASE status WHEN 'BLOCKED' THEN certificate_amount ELSE 0 END AS blocked,
               CASE status WHEN 'COMMITTED' THEN certificate_amount ELSE 0 END AS committed_in
          FROM contract_fundings WHERE source = 'CERTIFICATE')
      SELECT 'contracts ' || coalesce(x.contract_id, m.contract_id) AS subject,
             format('period %s: expected blocked=%s committed=%s, ledger blocked=%s committed=%s',
                    coalesce(x.period_id, m.period_id), coalesce(x.blocked, 0), coalesce(x.committed_in, 0), coalesce(m.blocked, 0), coalesce(m.committed_in, 0)) AS details
        FROM expected x FULL JOIN moves m ON m.contract_id = x.contract_id AND m.period_id = x.period_id
       WHERE coalesce(x.blocked, 0) <> coalesce(m.blocked, 0) OR coalesce(x.committed_in, 0) <> coalesce(m.committed_in, 0)`,
  },
  {
    name: 'an offer holds only blocked fundings, a signed contract none: nothing stays blocked past the signature or the offer\'s end',
    sql: `
      SELECT 'contracts ' || c.id AS subject, format('%s with a %s funding for period %s', c.status, f.status, f.period_id) AS details
        FROM contracts c JOIN contract_fundings f ON f.contract_id = c.id
       WHERE (c.status = 'OFFERED' AND f.status <> 'BLOCKED') OR (c.status <> 'OFFERED' AND f.status = 'BLOCKED')`,
  },
  {
    name: 'no seat is freed because a period ended while its contract\'s season runs: only a decision ends a contract before its group does',
    sql: `
      SELECT 'contracts ' || c.id AS subject, format('completed on %s, group runs to %s', c.ends_on, g.ends_on) AS details
        FROM contracts c JOIN groups g ON g.id = c.group_id
       WHERE c.status = 'COMPLETED' AND c.close_reason IS NULL AND c.ends_on < g.ends_on`,
  },
];
