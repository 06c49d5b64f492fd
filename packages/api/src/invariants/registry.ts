import type { DataSource } from 'typeorm';
import type { InvariantCheck, InvariantViolation } from '../common/invariant-check';
import { billingChecks } from '../modules/billing/billing.invariants';
import { seatChecks } from '../modules/catalog/catalog.invariants';
import { ledgerChecks } from '../modules/certificates/certificates.invariants';
import { contractChecks } from '../modules/contracts/contracts.invariants';
import { enrollmentChecks } from '../modules/enrollment/enrollment.invariants';

/**
 * Every invariant of the system (DESIGN.md → Invariants). Each module
 * exports its checks and knows nothing of the others'; this registry, outside
 * the modules, is the one place that lists them all.
 */
export const invariantChecks: InvariantCheck[] = [...ledgerChecks, ...seatChecks, ...enrollmentChecks, ...contractChecks, ...billingChecks];

/** Runs every check against the database; an empty list means all invariants hold. */
export async function checkInvariants(dataSource: DataSource, checks: InvariantCheck[] = invariantChecks): Promise<InvariantViolation[]> {
  const violations: InvariantViolation[] = [];
  for (const check of checks) {
    const rows: { subject: string; details: string }[] = await dataSource.query(check.sql);
    for (const row of rows) violations.push({ invariant: check.name, subject: row.subject, details: row.details });
  }
  return violations;
}
