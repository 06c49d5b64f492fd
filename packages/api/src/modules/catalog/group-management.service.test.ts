import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { groupInput, programInput } from '../../testing/catalog-fixtures';
import { addDays } from '../../common/dates';
import type { Actor } from '../../common/actor';
import { GroupManagementService } from './group-management.service';
import { takeSeat } from './group-seats';
import { ProgramManagementService } from './program-management.service';
import { ProgramSearchService } from './program-search.service';

describe('group management', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let groups: GroupManagementService;
  let programs: ProgramManagementService;
  let staff: Actor;
  let otherStaff: Actor;
  let operator: Actor;
  let parent: Actor;

  beforeAll(async () => {
    app = await createTestApp({ poolSize: 30 });
    groups = app.container.get(GroupManagementService);
    programs = app.container.get(ProgramManagementService);
    [staff, otherStaff, operator, parent] = await Promise.all(
      ['staff@demo.ru', 'staff.blag@demo.ru', 'operator@demo.ru', 'parent@demo.ru'].map((e) => actorByEmail(app.dataSource, e)),
    );
  });
  afterAll(() => app.close());

  const newProgram = async (overrides = {}) => programs.createProgram(staff, programInput(overrides));
  const seats = async (groupId: string) => {
    const [row] = await app.dataSource.query(`SELECT capacity, seats_taken FROM groups WHERE id = $1`, [groupId]);
    return row as { capacity: number; seats_taken: number };
  };
  const fill = async (groupId: string, n: number) => {
    for (let i = 0; i < n; i++) expect(await app.dataSource.transaction((m) => takeSeat(m, groupId))).toBe(true);
  };

  it('creates an open group with the program\'s address and teacher unless given, schedule in timetable order', async () => {
    const program = await newProgram();
    const group = await groups.createGroup(staff, groupInput(program.id, {
      schedule: [
        { weekday: 4, startTime: '16:00', endTime: '17:30' },
        { weekday: 2, startTime: '16:00', endTime: '17:30' },
      ],
    }));
    expect(group).toMatchObject({
      programId: program.id,
      capacity: 12,
      seatsTaken: 0,
      enrollmentOpen: true,
      address: program.address,
      teacher: program.teacher,
      schedule: [
        { weekday: 2, startTime: '16:00', endTime: '17:30' },
        { weekday: 4, startTime: '16:00', endTime: '17:30' },
      ],
    });
    const [event] = await app.dataSource.query(`SELECT action, actor_user_id FROM audit_events WHERE entity_type = 'Group' AND entity_id = $1`, [group.id]);
    expect(event).toEqual({ action: 'group.created', actor_user_id: staff.userId });
  });

  it('refuses dates the wrong way round, a lesson that ends before it starts, and groups of archived programs', async () => {
    const program = await newProgram();
    await expect(groups.createGroup(staff, groupInput(program.id, { startsOn: '2030-06-01', endsOn: '2030-05-31' }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('Дата окончания'),
    });
    await expect(groups.createGroup(staff, groupInput(program.id, { schedule: [{ weekday: 1, startTime: '18:00', endTime: '17:00' }] }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    const group = await groups.createGroup(staff, groupInput(program.id));
    await expect(groups.updateGroup(staff, { groupId: group.id, endsOn: addDays(group.startsOn, -1) })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await programs.archiveProgram(staff, program.id);
    await expect(groups.createGroup(staff, groupInput(program.id))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('edits a group and records what changed', async () => {
    const group = await groups.createGroup(staff, groupInput((await newProgram()).id));
    const updated = await groups.updateGroup(staff, { groupId: group.id, name: 'Продвинутые', capacity: 20, teacher: null });
    expect(updated).toMatchObject({ name: 'Продвинутые', capacity: 20, teacher: null });
    const [event] = await app.dataSource.query(`SELECT before, after FROM audit_events WHERE entity_id = $1 AND action = 'group.updated'`, [group.id]);
    expect(event).toEqual({ before: { name: 'Группа 1', capacity: 12, teacher: 'Кузнецов Андрей Викторович' }, after: { name: 'Продвинутые', capacity: 20, teacher: null } });
  });

  it('refuses to lower capacity below the seats taken, with a clear error, and allows lowering it to exactly that', async () => {
    const group = await groups.createGroup(staff, groupInput((await newProgram()).id, { capacity: 10 }));
    await fill(group.id, 6);
    await expect(groups.updateGroup(staff, { groupId: group.id, capacity: 5 })).rejects.toMatchObject({
      code: 'CAPACITY_BELOW_TAKEN',
      message: 'В группе уже занято мест: 6. Нельзя сделать мест меньше, чем занято.',
      details: { seatsTaken: 6 },
    });
    expect(await seats(group.id)).toEqual({ capacity: 10, seats_taken: 6 });
    expect((await groups.updateGroup(staff, { groupId: group.id, capacity: 6 })).capacity).toBe(6);
  });

  it('waits for a seat being taken before checking capacity, and then refuses (no lost update)', async () => {
    const group = await groups.createGroup(staff, groupInput((await newProgram()).id, { capacity: 10 }));
    await fill(group.id, 5);
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    expect(await takeSeat(runner.manager, group.id)).toBe(true);
    // The enrollment transaction holds the group row; the capacity change must wait for it.
    const lowering = groups.updateGroup(staff, { groupId: group.id, capacity: 5 });
    const settled = await Promise.race([lowering.then(() => 'done', () => 'done'), new Promise((r) => setTimeout(() => r('waiting'), 300))]);
    expect(settled).toBe('waiting');
    await runner.commitTransaction();
    await runner.release();
    await expect(lowering).rejects.toMatchObject({ code: 'CAPACITY_BELOW_TAKEN', details: { seatsTaken: 6 } });
    expect(await seats(group.id)).toEqual({ capacity: 10, seats_taken: 6 });
  });

  it('control: the same interleaving without the row lock checks a stale count and only the database CHECK stops it', async () => {
    const group = await groups.createGroup(staff, groupInput((await newProgram()).id, { capacity: 10 }));
    await fill(group.id, 5);
    const runner = app.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    expect(await takeSeat(runner.manager, group.id)).toBe(true);
    const unlocked = app.dataSource.transaction(async (m) => {
      const [{ seats_taken }] = await m.query(`SELECT seats_taken FROM groups WHERE id = $1`, [group.id]);
      expect(seats_taken).toBe(5); // stale: the sixth seat is being taken
      await m.query(`UPDATE groups SET capacity = 5 WHERE id = $1`, [group.id]);
    });
    await new Promise((r) => setTimeout(r, 300));
    await runner.commitTransaction();
    await runner.release();
    await expect(unlocked).rejects.toThrow(/groups_seats/);
  });

  it('keeps seats taken within capacity when seats are taken while the capacity is lowered', async () => {
    const outcomes = new Set<string>();
    // Seven rounds: the capacity change starts first, last, and at every place among six seat takers.
    for (let round = 0; round <= 6; round++) {
      const group = await groups.createGroup(staff, groupInput((await newProgram()).id, { capacity: 10 }));
      await fill(group.id, 4);
      const started = Array.from({ length: 7 }, (_, i) =>
        i === round
          ? groups.updateGroup(staff, { groupId: group.id, capacity: 6 }).then(
              () => 'lowered',
              (err: { code?: string }) => err.code ?? String(err),
            )
          : app.dataSource.transaction((m) => takeSeat(m, group.id)),
      );
      const results = await Promise.all(started);
      const outcome = results[round] as string;
      const taken = results.filter((r) => r === true).length;
      const final = await seats(group.id);
      expect(final.seats_taken).toBe(4 + taken);
      expect(final.seats_taken).toBeLessThanOrEqual(final.capacity);
      if (outcome === 'lowered') {
        expect(final.capacity).toBe(6);
        expect(taken).toBeLessThanOrEqual(2);
      } else {
        expect(outcome).toBe('CAPACITY_BELOW_TAKEN');
        expect(final.capacity).toBe(10);
        expect(taken).toBeGreaterThan(2);
      }
      outcomes.add(outcome);
    }
    // Both sides of the race were exercised: sometimes the change wins, sometimes the takers do.
    expect(outcomes).toEqual(new Set(['lowered', 'CAPACITY_BELOW_TAKEN']));
  });

  it('closes and opens enrollment, refusing to repeat either, and the free-seats filter follows at once', async () => {
    const program = await newProgram({ title: 'Гидропоника на подоконнике' });
    await programs.publishProgram(staff, program.id);
    const group = await groups.createGroup(staff, groupInput(program.id));
    const search = app.container.get(ProgramSearchService);
    const withSeats = async () => (await search.search({ text: 'гидропоника', hasFreeSeats: true })).totalCount;
    expect(await withSeats()).toBe(1);
    expect((await groups.closeEnrollment(staff, group.id)).enrollmentOpen).toBe(false);
    expect(await withSeats()).toBe(0);
    await expect(groups.closeEnrollment(staff, group.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', message: 'Набор в группу уже закрыт' });
    expect((await groups.openEnrollment(staff, group.id)).enrollmentOpen).toBe(true);
    await expect(groups.openEnrollment(staff, group.id)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(await withSeats()).toBe(1);
    const actions = await app.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [group.id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['group.created', 'group.enrollment_closed', 'group.enrollment_opened']);
  });

  it('does not let staff of another organization touch a group, nor operators, parents or anonymous callers', async () => {
    const program = await newProgram();
    const group = await groups.createGroup(staff, groupInput(program.id));
    await expect(groups.createGroup(otherStaff, groupInput(program.id))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(groups.updateGroup(otherStaff, { groupId: group.id, capacity: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(groups.closeEnrollment(otherStaff, group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(groups.openEnrollment(otherStaff, group.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const [actor, code] of [[operator, 'FORBIDDEN'], [parent, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      await expect(groups.createGroup(actor, groupInput(program.id))).rejects.toMatchObject({ code });
      await expect(groups.updateGroup(actor, { groupId: group.id, capacity: 1 })).rejects.toMatchObject({ code });
      await expect(groups.closeEnrollment(actor, group.id)).rejects.toMatchObject({ code });
    }
    const [row] = await app.dataSource.query(`SELECT capacity, enrollment_open FROM groups WHERE id = $1`, [group.id]);
    expect(row).toEqual({ capacity: 12, enrollment_open: true });
    const [{ n }] = await app.dataSource.query(`SELECT count(*)::int AS n FROM groups WHERE program_id = $1`, [program.id]);
    expect(n).toBe(1);
  });
});
