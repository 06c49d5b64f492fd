/** One broken rule found in the database. */
export interface InvariantViolation {
  invariant: string;
  /** The row that breaks it, e.g. `certificate_accounts 3f2…`. */
  subject: string;
  details: string;
}

/**
 * A rule of DESIGN.md → Invariants, as one SQL query returning a row per
 * violation with the columns `subject` and `details` (both text). Each
 * module exports its own checks; `src/invariants/registry.ts` composes them,
 * so the command and the tests check everything at once.
 */
export interface InvariantCheck {
  name: string;
  sql: string;
}
