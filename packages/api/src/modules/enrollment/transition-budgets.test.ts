import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { createTestCertificate } from '../../../test/certificates';
import { createTestGroup } from '../../../test/enrollment';
import { StatementCounter } from '../../../test/statements';
import type { Actor } from '../../common/actor';
import type { Container } from '../../common/container';
import { checkInvariants } from '../../invariants/registry';
import { ContractOffers } from '../contracts/contract-offers';
import { EnrollmentService } from './enrollment.service';

/**
 * How many SQL statements each transition of a season-start rush sends,
 * reads, locks, writes, notifications and audit included (START TRANSACTION
 * and COMMIT are not counted; an idempotency key adds its own look-up and
 * record): at thousands of parents a minute every round trip is paid by the
 * database and by the rows it keeps locked. Signing is held at what it sends
 * today; it has not been taken apart yet.
 */
const BUDGET = { submit: 4, waitlist: 5, confirm: 8, sign: 8 };

describe('statements per enrollment transition', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  const counter = new StatementCounter();
  let parent: Actor;
  let staff: Actor;

  beforeAll(async () => {
    ({ dataSource: ds, container, close } = await createTestApp({ logger: counter }));
    parent = await actorByEmail(ds, 'parent@demo.ru');
    staff = await actorByEmail(ds, 'staff@demo.ru');
  });
  afterAll(() => close());

  it(`submits in ≤ ${BUDGET.submit} (${BUDGET.waitlist} onto the waitlist), confirms in ≤ ${BUDGET.confirm} and signs in ≤ ${BUDGET.sign} statements, certificate money included`, async () => {
    const enrollment = container.get(EnrollmentService);
    const { childId } = await createTestCertificate(ds);
    const { childId: secondChildId } = await createTestCertificate(ds);
    const { groupId } = await createTestGroup(ds, { capacity: 1 });

    const submit = await counter.measure(() => enrollment.submitApplication(parent, { childId, groupId }));
    // The one seat is now pending: the next application reads where the waitlist ends.
    const waitlist = await counter.measure(() => enrollment.submitApplication(parent, { childId: secondChildId, groupId }));
    expect(waitlist.result.status).toBe('WAITLISTED');
    const confirm = await counter.measure(() => enrollment.confirmApplication(staff, submit.result.id));
    const [{ id: contractId }] = await ds.query(`SELECT id FROM contracts WHERE application_id = $1`, [submit.result.id]);
    const sign = await counter.measure(() => container.get(ContractOffers).signContract(parent, contractId));

    // On failure the message lists the statements sent.
    expect(submit.statements.length, submit.statements.join('\n')).toBeLessThanOrEqual(BUDGET.submit);
    expect(waitlist.statements.length, waitlist.statements.join('\n')).toBeLessThanOrEqual(BUDGET.waitlist);
    expect(confirm.statements.length, confirm.statements.join('\n')).toBeLessThanOrEqual(BUDGET.confirm);
    expect(sign.statements.length, sign.statements.join('\n')).toBeLessThanOrEqual(BUDGET.sign);
    expect(await checkInvariants(ds)).toEqual([]);
  });
});
