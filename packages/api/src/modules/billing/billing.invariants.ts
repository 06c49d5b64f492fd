import type { InvariantCheck } from '../../common/invariant-check';

/** DESIGN.md → Invariants, billing's part: contracts' charges and invoices' totals. */
export const billingChecks: InvariantCheck[] = [
  {
    name: 'every contract: charges of a period ≤ what that period funded, and no charge in a month no period funded',
    sql: `
      SELECT 'charges ' || c.id AS subject, format('contract %s, %s: no certificate funding covers the month', c.contract_id, c.month) AS details
        FROM charges c
       WHERE NOT EXISTS (SELECT 1 FROM contract_fundings f
                          WHERE f.contract_id = c.contract_id AND f.source = 'CERTIFICATE' AND f.status = 'COMMITTED'
                            AND to_char(f.starts_on, 'YYYY-MM') <= c.month AND to_char(f.ends_on, 'YYYY-MM') >= c.month)
      UNION ALL
      SELECT 'contract_fundings ' || f.id AS subject, format('charged=%s funded=%s', sum(c.amount), f.certificate_amount) AS details
        FROM contract_fundings f
        JOIN charges c ON c.contract_id = f.contract_id AND c.month BETWEEN to_char(f.starts_on, 'YYYY-MM') AND to_char(f.ends_on, 'YYYY-MM')
       WHERE f.source = 'CERTIFICATE'
       GROUP BY f.id HAVING sum(c.amount) > f.certificate_amount`,
  },
  {
    name: 'every contract: one charge a month',
    sql: `
      SELECT 'contracts ' || contract_id AS subject, format('%s charges for %s', count(*), month) AS details
        FROM charges GROUP BY contract_id, month HAVING count(*) > 1`,
  },
  {
    name: 'every charge equals what the ledger moved for it (charged − reversed)',
    sql: `
      SELECT 'charges ' || c.id AS subject, format('amount=%s ledger=%s', c.amount, coalesce(l.net, 0)) AS details
        FROM charges c
        LEFT JOIN (SELECT charge_id, sum(CASE type WHEN 'CHARGE' THEN amount WHEN 'REVERSAL' THEN -amount ELSE 0 END) AS net
                     FROM ledger_entries WHERE charge_id IS NOT NULL GROUP BY charge_id) l ON l.charge_id = c.id
       WHERE c.amount <> coalesce(l.net, 0)`,
  },
  {
    name: 'every invoice: total and count equal its charges',
    sql: `
      SELECT 'invoices ' || i.id AS subject, format('total=%s charges=%s; count=%s charges=%s', i.total, coalesce(sum(c.amount), 0), i.charge_count, count(c.id)) AS details
        FROM invoices i LEFT JOIN charges c ON c.invoice_id = i.id
       GROUP BY i.id HAVING i.total <> coalesce(sum(c.amount), 0) OR i.charge_count <> count(c.id)`,
  },
  {
    name: 'every charge of an invoice belongs to its organization, municipality and month',
    sql: `
      SELECT 'charges ' || c.id AS subject, format('invoice %s', i.id) AS details
        FROM charges c JOIN invoices i ON i.id = c.invoice_id
       WHERE c.organization_id <> i.organization_id OR c.municipality_id <> i.municipality_id OR c.month <> i.month`,
  },
];
