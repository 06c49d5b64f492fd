import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { signTestContract } from '../../../test/signed-contracts';
import { groupInput, programInput } from '../../testing/catalog-fixtures';
import type { Actor } from '../../common/actor';
import { Contract } from '../contracts/contract.entity';
import { CertificationStatus, FundingType } from './catalog.enums';
import { acceptsCertificatePayment, certificateMonthlyShare } from './certificate-terms';
import { GroupManagementService } from './group-management.service';
import { Organization } from './organization.entity';
import { ProgramCertificationService } from './program-certification.service';
import { ProgramManagementService } from './program-management.service';
import { ProgramSearchService } from './program-search.service';
import { TEST_TODAY } from '../../testing/test-today';

describe('program certification', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let programs: ProgramManagementService;
  let certification: ProgramCertificationService;
  let staff: Actor;
  let otherStaff: Actor;
  let operator: Actor;
  let otherOperator: Actor;
  let admin: Actor;
  let parent: Actor;
  let blagId: string;

  beforeAll(async () => {
    app = await createTestApp({ poolSize: 12 });
    programs = app.container.get(ProgramManagementService);
    certification = app.container.get(ProgramCertificationService);
    [staff, otherStaff, operator, otherOperator, admin, parent] = await Promise.all(
      ['staff@demo.ru', 'staff.blag@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru', 'admin@demo.ru', 'parent@demo.ru'].map((e) => actorByEmail(app.dataSource, e)),
    );
    [{ id: blagId }] = await app.dataSource.query(`SELECT id FROM municipalities WHERE code = 'blagoveshchensk'`);
  });
  afterAll(() => app.close());

  const submitted = async (overrides = {}) => {
    const program = await programs.createProgram(staff, programInput(overrides));
    await programs.publishProgram(staff, program.id);
    return certification.submit(staff, program.id);
  };
  const organizationOf = (organizationId: string) => app.dataSource.getRepository(Organization).findOneByOrFail({ id: organizationId });

  it('takes a submitted program through the МОЦ queue to certification, which turns on certificate payment', async () => {
    const program = await submitted({ title: 'Юные физики-экспериментаторы', monthlyPrice: 250_000 });
    expect(program.certificationStatus).toBe(CertificationStatus.SUBMITTED);
    expect(program.certificationSubmittedAt).toBeInstanceOf(Date);
    expect((await certification.awaitingCertification(operator)).map((p) => p.id)).toContain(program.id);
    expect((await certification.awaitingCertification(admin)).map((p) => p.id)).toContain(program.id);
    expect((await certification.awaitingCertification(otherOperator)).map((p) => p.id)).not.toContain(program.id);
    const organization = await organizationOf(program.organizationId);
    expect(acceptsCertificatePayment(program, organization)).toBe(false);

    const certified = await certification.certify(operator, { programId: program.id, normativeMonthlyCost: 200_000 });
    expect(certified).toMatchObject({ certificationStatus: CertificationStatus.CERTIFIED, normativeMonthlyCost: 200_000 });
    expect(acceptsCertificatePayment(certified, organization)).toBe(true);
    expect(certificateMonthlyShare(certified)).toBe(200_000);
    expect((await certification.awaitingCertification(operator)).map((p) => p.id)).not.toContain(program.id);

    const found = await app.container.get(ProgramSearchService).search({ text: 'физики-экспериментаторы' });
    expect(found.edges.map((e) => e.node.id)).toEqual([program.id]);
    expect(found.edges[0].node.certificationStatus).toBe(CertificationStatus.CERTIFIED);

    const [event] = await app.dataSource.query(
      `SELECT actor_user_id, before, after FROM audit_events WHERE entity_id = $1 AND action = 'program.certified'`,
      [program.id],
    );
    expect(event).toMatchObject({
      actor_user_id: operator.userId,
      before: { certificationStatus: 'SUBMITTED', normativeMonthlyCost: null },
      after: { certificationStatus: 'CERTIFIED', normativeMonthlyCost: 200_000 },
    });
  });

  it('keeps a certified program certified when its price changes; the certificate pays min(price, normative cost)', async () => {
    const program = await submitted({ monthlyPrice: 250_000 });
    await certification.certify(operator, { programId: program.id, normativeMonthlyCost: 200_000 });
    const cheaper = await programs.updateProgram(staff, { programId: program.id, monthlyPrice: 150_000 });
    expect(cheaper).toMatchObject({ certificationStatus: CertificationStatus.CERTIFIED, normativeMonthlyCost: 200_000 });
    expect(certificateMonthlyShare(cheaper)).toBe(150_000);
    const dearer = await programs.updateProgram(staff, { programId: program.id, monthlyPrice: 400_000, description: 'Новое описание программы для родителей.' });
    expect(dearer.certificationStatus).toBe(CertificationStatus.CERTIFIED);
    expect(certificateMonthlyShare(dearer)).toBe(200_000);
  });

  it('leaves a signed contract\'s terms alone when the price of its certified program changes', async () => {
    const program = await submitted({ monthlyPrice: 250_000 });
    await certification.certify(operator, { programId: program.id, normativeMonthlyCost: 200_000 });
    const group = await app.container.get(GroupManagementService).createGroup(staff, groupInput(program.id));
    const { contract } = await signTestContract(app.container, app.dataSource, group.id, { confirmedAt: TEST_TODAY });
    const terms = (c: Contract) => ({ monthlyPrice: c.monthlyPrice, share: c.certificateMonthlyShare, copayment: c.parentMonthlyCopayment, total: c.certificateTotal });
    expect(terms(contract)).toMatchObject({ monthlyPrice: 250_000, share: 200_000, copayment: 50_000 });

    await programs.updateProgram(staff, { programId: program.id, monthlyPrice: 120_000 });
    await programs.updateProgram(staff, { programId: program.id, monthlyPrice: 400_000 });
    const after = await app.dataSource.getRepository(Contract).findOneByOrFail({ id: contract.id });
    expect(terms(after)).toEqual(terms(contract));
  });

  it('refuses to change the certified terms of a submitted or certified program', async () => {
    const program = await submitted();
    await expect(programs.updateProgram(staff, { programId: program.id, ageTo: 16 })).rejects.toMatchObject({ code: 'CERTIFICATION_LOCKED' });
    await certification.certify(operator, { programId: program.id, normativeMonthlyCost: 200_000 });
    await expect(programs.updateProgram(staff, { programId: program.id, fundingType: FundingType.PAID })).rejects.toMatchObject({
      code: 'CERTIFICATION_LOCKED',
      message: expect.stringContaining('способ оплаты'),
    });
    await expect(programs.updateProgram(staff, { programId: program.id, durationMonths: 3, academicHours: 24 })).rejects.toMatchObject({
      code: 'CERTIFICATION_LOCKED',
      details: { fields: ['durationMonths', 'academicHours'] },
    });
    // Sending the same value is not a change.
    expect((await programs.updateProgram(staff, { programId: program.id, ageTo: program.ageTo })).certificationStatus).toBe(CertificationStatus.CERTIFIED);
  });

  it('rejects with a reason the organization sees, and accepts the corrected program again', async () => {
    const program = await submitted();
    const rejected = await certification.reject(operator, { programId: program.id, reason: 'Не приложен учебный план' });
    expect(rejected).toMatchObject({ certificationStatus: CertificationStatus.REJECTED, certificationRejectReason: 'Не приложен учебный план', normativeMonthlyCost: null });
    await programs.updateProgram(staff, { programId: program.id, academicHours: 144 });
    const again = await certification.submit(staff, program.id);
    expect(again).toMatchObject({ certificationStatus: CertificationStatus.SUBMITTED, certificationRejectReason: null });
  });

  it('drops certification when a rejected program stops being a CERTIFICATE program', async () => {
    const program = await submitted();
    await certification.reject(operator, { programId: program.id, reason: 'Программа не соответствует требованиям' });
    const paid = await programs.updateProgram(staff, { programId: program.id, fundingType: FundingType.PAID });
    expect(paid).toMatchObject({ certificationStatus: CertificationStatus.NOT_SUBMITTED, certificationRejectReason: null });
    await expect(certification.submit(staff, program.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('refuses transitions from the wrong state', async () => {
    const draft = await programs.createProgram(staff, programInput());
    await expect(certification.certify(operator, { programId: draft.id, normativeMonthlyCost: 1000 })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(certification.reject(operator, { programId: draft.id, reason: 'Нет документов' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await certification.submit(staff, draft.id);
    await expect(certification.submit(staff, draft.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Программа уже на сертификации' });
    await certification.certify(operator, { programId: draft.id, normativeMonthlyCost: 1000 });
    await expect(certification.certify(operator, { programId: draft.id, normativeMonthlyCost: 2000 })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(certification.submit(staff, draft.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Программа уже сертифицирована' });

    const budget = await programs.createProgram(staff, programInput({ fundingType: FundingType.BUDGET, monthlyPrice: 0 }));
    await expect(certification.submit(staff, budget.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const archived = await programs.createProgram(staff, programInput());
    await programs.archiveProgram(staff, archived.id);
    await expect(certification.submit(staff, archived.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('lets only an operator of the organization\'s municipality or the region admin decide', async () => {
    const program = await submitted();
    await expect(certification.certify(otherOperator, { programId: program.id, normativeMonthlyCost: 1000 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(certification.reject(otherOperator, { programId: program.id, reason: 'Чужой МОЦ' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const [actor, code] of [[staff, 'FORBIDDEN'], [otherStaff, 'FORBIDDEN'], [parent, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      await expect(certification.certify(actor, { programId: program.id, normativeMonthlyCost: 1000 })).rejects.toMatchObject({ code });
      await expect(certification.reject(actor, { programId: program.id, reason: 'Не положено' })).rejects.toMatchObject({ code });
      await expect(certification.awaitingCertification(actor)).rejects.toMatchObject({ code });
    }
    await expect(certification.awaitingCertification(otherOperator, operator.municipalityId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [row] = await app.dataSource.query(`SELECT certification_status FROM programs WHERE id = $1`, [program.id]);
    expect(row.certification_status).toBe('SUBMITTED');
    expect((await certification.certify(admin, { programId: program.id, normativeMonthlyCost: 1000 })).certificationStatus).toBe(CertificationStatus.CERTIFIED);
  });

  it('is decided by the МОЦ of the organization, not of the municipality where the program runs', async () => {
    const program = await submitted({ municipalityId: blagId });
    expect(program.municipalityId).toBe(blagId);
    expect((await certification.awaitingCertification(otherOperator)).map((p) => p.id)).not.toContain(program.id);
    await expect(certification.certify(otherOperator, { programId: program.id, normativeMonthlyCost: 1000 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await certification.certify(operator, { programId: program.id, normativeMonthlyCost: 1000 })).certificationStatus).toBe(CertificationStatus.CERTIFIED);
  });

  it('does not let staff submit another organization\'s program', async () => {
    const program = await programs.createProgram(staff, programInput());
    await expect(certification.submit(otherStaff, program.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const [actor, code] of [[operator, 'FORBIDDEN'], [parent, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      await expect(certification.submit(actor, program.id)).rejects.toMatchObject({ code });
    }
  });

  it('lets exactly one of a simultaneous certification and rejection win', async () => {
    const program = await submitted();
    const results = await Promise.allSettled([
      certification.certify(operator, { programId: program.id, normativeMonthlyCost: 180_000 }),
      certification.reject(admin, { programId: program.id, reason: 'Не хватает документов' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'INVALID_TRANSITION' } });
    const [row] = await app.dataSource.query(`SELECT certification_status, normative_monthly_cost FROM programs WHERE id = $1`, [program.id]);
    const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ certificationStatus: string }>).value;
    expect(row.certification_status).toBe(winner.certificationStatus);
    const [{ n }] = await app.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action IN ('program.certified', 'program.certification_rejected')`,
      [program.id],
    );
    expect(n).toBe(1);
  });

  it('lists the oldest submission first and leaves other states out', async () => {
    const queue = await certification.awaitingCertification(admin);
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((p) => p.certificationStatus === CertificationStatus.SUBMITTED)).toBe(true);
    const times = queue.map((p) => p.certificationSubmittedAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const forBlag = await certification.awaitingCertification(admin, blagId);
    expect(forBlag.length).toBeGreaterThan(0);
    expect(forBlag.length).toBeLessThan(queue.length);
    const municipalities = await app.dataSource.query(`SELECT DISTINCT municipality_id FROM organizations WHERE id = ANY($1)`, [forBlag.map((p) => p.organizationId)]);
    expect(municipalities).toEqual([{ municipality_id: blagId }]);
  });
});
