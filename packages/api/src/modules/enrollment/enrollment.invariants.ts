import type { InvariantCheck } from '../../common/invariant-check';

/** Enrollment's rules for the invariant checker: seats match the applications holding them, waitlists are orderly, applications and contracts agree. */
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
    name: 'every application holding a seat has its contract (CONFIRMED: an offer; ENROLLED: a running one), and every running contract its enrolled application',
    sql: `
      SELECT 'applications ' || a.id AS subject, format('application %s, contract %s', a.status, coalesce(c.status, 'none')) AS details
        FROM applications a LEFT JOIN contracts c ON c.application_id = a.id
       WHERE (a.status = 'CONFIRMED' AND c.status IS DISTINCT FROM 'OFFERED')
          OR (a.status = 'ENROLLED' AND c.status NOT IN ('ACTIVE','AWAITING_FUNDING'))
          OR (c.status IN ('ACTIVE','AWAITING_FUNDING') AND a.status <> 'ENROLLED')`,
  },
];
