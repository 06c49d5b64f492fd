import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { actorByEmail, createTestApp } from '../../../test/app';
import { copyRows } from '../../../test/bulk';
import { createTestCertificate } from '../../../test/certificates';
import { createTestGroup } from '../../../test/enrollment';
import { StatementCounter } from '../../../test/statements';
import type { Container } from '../../common/container';
import { ContractOffers } from '../contracts/contract-offers';
import { EnrollmentService } from './enrollment.service';

/**
 * At a season start there are tens of thousands of families, and a
 * transition's statements stay prepared on their connection, so PostgreSQL
 * runs them by a generic plan made without the values. Such a plan must not
 * read every user: with 20,000 parents, none of a submission's,
 * confirmation's or signature's statements scans the users table.
 */
describe('plans of the enrollment transitions at season-start size', () => {
  let ds: DataSource;
  let container: Container;
  let close: () => Promise<void>;
  const counter = new StatementCounter();

  beforeAll(async () => {
    ({ dataSource: ds, container, close } = await createTestApp({ logger: counter }));
    await copyRows(ds, 'users', { where: `email = 'parent@demo.ru'`, count: 20_000, set: { email: `'family' || i || '@example.ru'` } });
    await ds.query('ANALYZE users');
  });
  afterAll(() => close());

  it('never scans all users in a generic plan', async () => {
    const parent = await actorByEmail(ds, 'parent@demo.ru');
    const staff = await actorByEmail(ds, 'staff@demo.ru');
    const enrollment = container.get(EnrollmentService);
    const { childId } = await createTestCertificate(ds);
    const { groupId } = await createTestGroup(ds);
    const submit = await counter.measure(() => enrollment.submitApplication(parent, { childId, groupId }));
    const confirm = await counter.measure(() => enrollment.confirmApplication(staff, submit.result.id));
    const [{ id: contractId }] = await ds.query(`SELECT id FROM contracts WHERE application_id = $1`, [submit.result.id]);
    const sign = await counter.measure(() => container.get(ContractOffers).signContract(parent, contractId));

    const statements = [...submit.statements, ...confirm.statements, ...sign.statements].filter((sql) => /\busers\b/.test(sql));
    expect(statements.length).toBeGreaterThan(0);
    for (const sql of statements) {
      const plan: { 'QUERY PLAN': string }[] = await ds.query(`EXPLAIN (GENERIC_PLAN) ${sql}`);
      const scans = plan.map((row) => row['QUERY PLAN']).filter((line) => /Seq Scan on users\b/.test(line));
      expect(scans, sql).toEqual([]);
    }
  });
});
