import type { InvariantCheck } from '../certificates/invariants';

/** Enrollment's rules for the invariant checker: seats match the applications holding them, waitlists are orderly. */
export const enrollmentChecks: InvariantCheck[] = [
  {
    name: 'every group: taken seats = applications holding a seat (offered + enrolled)',
    sql: `
      SELECT 'groups ' || g.id AS subject, format('seats_taken=%s holding=%s', g.seats_taken, count(a.id)) AS details
        FROM groups g LEFT JOIN applications a ON a.group_id = g.id AND a.status IN ('CONFIRMED','ENROLLED')
       GROUP BY g.id
      HAVING g.seats_taken <> count(a.id)`,
  },
  {
    name: 'every group: waitlist positions are unique and follow the order of submission',
    sql: `
      SELECT 'applications ' || id AS subject, format('group %s position %s after %s', group_id, waitlist_position, previous_position) AS details
        FROM (SELECT id, group_id, waitlist_position, submitted_at,
                     lag(waitlist_position) OVER w AS previous_position, lag(submitted_at) OVER w AS previous_submitted_at
                FROM applications WHERE status = 'WAITLISTED'
              WINDOW w AS (PARTITION BY group_id ORDER BY waitlist_position, submitted_at)) ordered
       WHERE waitlist_position = previous_position OR submitted_at < previous_submitted_at`,
  },
  {
    name: 'every application holding a seat has its contract: CONFIRMED with an offer, ENROLLED with an active contract',
    sql: `
      SELECT 'applications ' || a.id AS subject, format('application %s, contract %s', a.status, coalesce(c.status, 'none')) AS details
        FROM applications a LEFT JOIN contracts c ON c.application_id = a.id
       WHERE (a.status = 'CONFIRMED' AND c.status IS DISTINCT FROM 'OFFERED')
          OR (a.status = 'ENROLLED' AND c.status IS DISTINCT FROM 'ACTIVE')`,
  },
  {
    name: 'every offer blocks, and every active contract commits, exactly its certificate total',
    sql: `
      WITH moves AS (
        SELECT contract_id,
               sum(CASE type WHEN 'BLOCK' THEN amount WHEN 'UNBLOCK' THEN -amount WHEN 'ACTIVATE' THEN -amount ELSE 0 END) AS blocked,
               sum(CASE type WHEN 'ACTIVATE' THEN amount WHEN 'RELEASE' THEN -amount WHEN 'CHARGE' THEN -amount ELSE 0 END) AS committed,
               sum(amount) FILTER (WHERE type = 'CHARGE') AS spent
          FROM ledger_entries WHERE contract_id IS NOT NULL GROUP BY contract_id)
      SELECT 'contracts ' || c.id AS subject, format('%s total=%s blocked=%s committed=%s', c.status, c.certificate_total, coalesce(m.blocked, 0), coalesce(m.committed, 0)) AS details
        FROM contracts c LEFT JOIN moves m ON m.contract_id = c.id
       WHERE (c.status = 'OFFERED' AND (coalesce(m.blocked, 0) <> c.certificate_total OR coalesce(m.committed, 0) <> 0))
          OR (c.status IN ('EXPIRED','CANCELLED') AND (coalesce(m.blocked, 0) <> 0 OR coalesce(m.committed, 0) <> 0))
          OR (c.status = 'ACTIVE' AND (coalesce(m.blocked, 0) <> 0 OR coalesce(m.committed, 0) + coalesce(m.spent, 0) <> c.certificate_total))`,
  },
];
