import type { InvariantCheck } from '../../common/invariant-check';

/** DESIGN.md → Invariants, the catalog's part: a group's taken seats stay within its capacity. */
export const seatChecks: InvariantCheck[] = [
  {
    name: 'every group: taken seats ≤ capacity',
    sql: `
      SELECT 'groups ' || id AS subject, format('seats_taken=%s capacity=%s', seats_taken, capacity) AS details
        FROM groups WHERE seats_taken < 0 OR seats_taken > capacity`,
  },
];
