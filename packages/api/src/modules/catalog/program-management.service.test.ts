import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { organizationIn, programInput, staffOf } from '../../testing/catalog-fixtures';
import type { Actor } from '../../common/actor';
import { CertificationStatus, Direction, FundingType, ProgramStatus } from './catalog.enums';
import { ProgramManagementService } from './program-management.service';
import { ProgramSearchService } from './program-search.service';

describe('program management', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let programs: ProgramManagementService;
  let search: ProgramSearchService;
  let staff: Actor;
  let otherStaff: Actor;
  let operator: Actor;
  let parent: Actor;

  beforeAll(async () => {
    app = await createTestApp({ poolSize: 12 });
    programs = app.container.get(ProgramManagementService);
    search = app.container.get(ProgramSearchService);
    staff = await actorByEmail(app.dataSource, 'staff@demo.ru');
    otherStaff = await actorByEmail(app.dataSource, 'staff.blag@demo.ru');
    operator = await actorByEmail(app.dataSource, 'operator@demo.ru');
    parent = await actorByEmail(app.dataSource, 'parent@demo.ru');
  });
  afterAll(() => app.close());

  const audit = (id: string) =>
    app.dataSource.query(`SELECT action, actor_user_id, before, after FROM audit_events WHERE entity_type = 'Program' AND entity_id = $1 ORDER BY id`, [id]);

  it('creates a draft of the staff member\'s own organization, in its municipality, and audits it', async () => {
    const program = await programs.createProgram(staff, programInput());
    expect(program).toMatchObject({
      organizationId: staff.organizationId,
      municipalityId: staff.municipalityId,
      status: ProgramStatus.DRAFT,
      certificationStatus: CertificationStatus.NOT_SUBMITTED,
      monthlyPrice: 250_000,
    });
    const [event] = await audit(program.id);
    expect(event).toMatchObject({ action: 'program.created', actor_user_id: staff.userId, before: null });
    expect(event.after).toMatchObject({ title: 'Юные астрономы', status: 'DRAFT' });
  });

  it('keeps drafts out of search; publishing shows the program at once with facet counts that include it', async () => {
    const word = 'квазароведение';
    const program = await programs.createProgram(staff, programInput({ title: `Квазароведение для школьников` }));
    const zeya = { municipalityId: staff.municipalityId! };
    const before = await search.search(zeya);
    expect((await search.search({ text: word })).totalCount).toBe(0);

    await programs.publishProgram(staff, program.id);
    const found = await search.search({ text: word });
    expect(found.edges.map((e) => e.node.id)).toEqual([program.id]);
    expect(found.facets.directions).toEqual([{ value: Direction.NATURAL_SCIENCE, count: 1 }]);
    expect(found.facets.fundingTypes).toEqual([{ value: FundingType.CERTIFICATE, count: 1 }]);
    const after = await search.search(zeya);
    expect(after.totalCount).toBe(before.totalCount + 1);
    const count = (r: typeof after, v: string) => r.facets.directions.find((f) => f.value === v)?.count ?? 0;
    expect(count(after, Direction.NATURAL_SCIENCE)).toBe(count(before, Direction.NATURAL_SCIENCE) + 1);

    await programs.archiveProgram(staff, program.id);
    expect((await search.search({ text: word })).totalCount).toBe(0);
    const archived = await search.search(zeya);
    expect(archived.totalCount).toBe(before.totalCount);
    expect(archived.facets).toEqual(before.facets);
  });

  it('makes an edited title searchable at once and forgets the old one (the database keeps the search document)', async () => {
    const program = await programs.createProgram(staff, programInput({ title: 'Планетарий своими руками' }));
    await programs.publishProgram(staff, program.id);
    expect((await search.search({ text: 'планетарий' })).edges.map((e) => e.node.id)).toContain(program.id);
    await programs.updateProgram(staff, { programId: program.id, title: 'Метеорология для юных синоптиков', direction: Direction.TECHNICAL });
    expect((await search.search({ text: 'планетарий' })).edges.map((e) => e.node.id)).not.toContain(program.id);
    const found = await search.search({ text: 'синоптиков' });
    expect(found.edges.map((e) => e.node.id)).toEqual([program.id]);
    expect(found.facets.directions).toEqual([{ value: Direction.TECHNICAL, count: 1 }]);
  });

  it('records only the changed fields of an edit, before and after', async () => {
    const program = await programs.createProgram(staff, programInput());
    await programs.updateProgram(staff, { programId: program.id, monthlyPrice: 300_000, title: 'Юные астрономы' });
    const events = await audit(program.id);
    expect(events.at(-1)).toMatchObject({ action: 'program.updated', before: { monthlyPrice: 250_000 }, after: { monthlyPrice: 300_000 } });
  });

  it('refuses a BUDGET program with a price, ages the wrong way round, and a free CERTIFICATE program', async () => {
    await expect(programs.createProgram(staff, programInput({ fundingType: FundingType.BUDGET, monthlyPrice: 100 }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('Бюджетная программа'),
    });
    await expect(programs.createProgram(staff, programInput({ ageFrom: 12, ageTo: 10 }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('Возраст «от»'),
    });
    await expect(programs.createProgram(staff, programInput({ monthlyPrice: 0 }))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const program = await programs.createProgram(staff, programInput());
    await expect(programs.updateProgram(staff, { programId: program.id, ageFrom: 15 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(programs.updateProgram(staff, { programId: program.id, fundingType: FundingType.BUDGET })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    const budget = await programs.updateProgram(staff, { programId: program.id, fundingType: FundingType.BUDGET, monthlyPrice: 0 });
    expect(budget).toMatchObject({ fundingType: FundingType.BUDGET, monthlyPrice: 0 });
  });

  it('lets only organizations connected to personalized financing create or switch to CERTIFICATE programs', async () => {
    const unconnected = await staffOf(app.dataSource, (await organizationIn(app.dataSource, 'blagoveshchensk', false)).id);
    await expect(programs.createProgram(unconnected, programInput())).rejects.toMatchObject({ code: 'PF_NOT_CONNECTED' });
    const paid = await programs.createProgram(unconnected, programInput({ fundingType: FundingType.PAID }));
    await expect(programs.updateProgram(unconnected, { programId: paid.id, fundingType: FundingType.CERTIFICATE })).rejects.toMatchObject({
      code: 'PF_NOT_CONNECTED',
    });
  });

  it('does not let staff of another organization see or change a program: it is not found for them', async () => {
    const program = await programs.createProgram(staff, programInput());
    await expect(programs.updateProgram(otherStaff, { programId: program.id, title: 'Чужая программа' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(programs.publishProgram(otherStaff, program.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(programs.archiveProgram(otherStaff, program.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [row] = await app.dataSource.query(`SELECT title, status FROM programs WHERE id = $1`, [program.id]);
    expect(row).toEqual({ title: 'Юные астрономы', status: 'DRAFT' });
    expect((await programs.myOrganizationPrograms(otherStaff)).map((p) => p.id)).not.toContain(program.id);
  });

  it('refuses operators, parents and anonymous callers', async () => {
    const program = await programs.createProgram(staff, programInput());
    for (const [actor, code] of [[operator, 'FORBIDDEN'], [parent, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      await expect(programs.createProgram(actor, programInput())).rejects.toMatchObject({ code });
      await expect(programs.updateProgram(actor, { programId: program.id, title: 'Взлом' })).rejects.toMatchObject({ code });
      await expect(programs.publishProgram(actor, program.id)).rejects.toMatchObject({ code });
      await expect(programs.archiveProgram(actor, program.id)).rejects.toMatchObject({ code });
      await expect(programs.myOrganizationPrograms(actor)).rejects.toMatchObject({ code });
    }
  });

  it('lists the organization\'s programs in every status, filtered on request', async () => {
    const draft = await programs.createProgram(staff, programInput({ title: 'Черновик для списка' }));
    const archived = await programs.createProgram(staff, programInput({ title: 'Архив для списка' }));
    await programs.archiveProgram(staff, archived.id);
    const all = await programs.myOrganizationPrograms(staff);
    expect(all.map((p) => p.id)).toEqual(expect.arrayContaining([draft.id, archived.id]));
    expect(all.every((p) => p.organizationId === staff.organizationId)).toBe(true);
    expect(new Set(all.map((p) => p.status))).toEqual(new Set([ProgramStatus.DRAFT, ProgramStatus.PUBLISHED, ProgramStatus.ARCHIVED]));
    const onlyArchived = await programs.myOrganizationPrograms(staff, { status: ProgramStatus.ARCHIVED });
    expect(onlyArchived.map((p) => p.id)).toContain(archived.id);
    expect(onlyArchived.every((p) => p.status === ProgramStatus.ARCHIVED)).toBe(true);
  });

  it('refuses to publish a published program, and lets exactly one of two simultaneous publishes through', async () => {
    const program = await programs.createProgram(staff, programInput());
    const results = await Promise.allSettled([programs.publishProgram(staff, program.id), programs.publishProgram(staff, program.id)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'INVALID_TRANSITION' } });
    await expect(programs.publishProgram(staff, program.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Программа уже опубликована' });
    expect((await audit(program.id)).filter((e: { action: string }) => e.action === 'program.published')).toHaveLength(1);
  });

  it('publishes an archived program again', async () => {
    const program = await programs.createProgram(staff, programInput());
    await programs.publishProgram(staff, program.id);
    await programs.archiveProgram(staff, program.id);
    await expect(programs.archiveProgram(staff, program.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect((await programs.publishProgram(staff, program.id)).status).toBe(ProgramStatus.PUBLISHED);
  });
});
