import { DataSource, type EntityManager } from 'typeorm';
import { Service } from '../../common/container';
import { BadInputError, DomainError, ErrorCode, InvalidTransitionError } from '../../common/errors';
import { execute } from '../../common/sql';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { findOwnProgram } from './catalog-access';
import { AuditEntityType, auditCatalog, changedFields } from './catalog-audit';
import { CatalogErrorCode } from './catalog.errors';
import { ProgramStatus } from './catalog.enums';
import { Group, type ScheduleSlot } from './group.entity';
import type { CreateGroupInput, UpdateGroupInput } from './inputs/group.input';
import { Program } from './program.entity';

const GROUP_NOT_FOUND = 'Группа не найдена среди групп вашей организации';

/**
 * Groups of a program, kept by the program organization's staff. Seats are
 * taken and freed only by group-seats.ts; capacity changes lock the group row
 * first (the same lock order as seat taking), so a capacity check never races
 * an enrollment.
 */
@Service()
export class GroupManagementService {
  constructor(private readonly dataSource: DataSource) {}

  async createGroup(actor: Actor | undefined, input: CreateGroupInput): Promise<Group> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    checkGroupTerms(input);
    return this.dataSource.transaction(async (manager) => {
      const program = await findOwnProgram(manager, staff, input.programId);
      if (program.status === ProgramStatus.ARCHIVED) throw new InvalidTransitionError('Программа в архиве: в неё нельзя добавить группу');
      const saved = await manager.save(
        manager.create(Group, {
          programId: program.id,
          name: input.name.trim(),
          schedule: normalizeSchedule(input.schedule),
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          capacity: input.capacity,
          seatsTaken: 0,
          address: input.address?.trim() || program.address,
          teacher: input.teacher === undefined ? program.teacher : input.teacher?.trim() || null,
          enrollmentOpen: true,
        }),
      );
      const group = await manager.findOneOrFail(Group, { where: { id: saved.id } });
      await auditCatalog(manager, staff, AuditEntityType.GROUP, group.id, 'group.created', null, group);
      return group;
    });
  }

  async updateGroup(actor: Actor | undefined, input: UpdateGroupInput): Promise<Group> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    const { groupId, ...fields } = input;
    return this.dataSource.transaction(async (manager) => {
      const group = await lockOwnGroup(manager, staff, groupId);
      const changes: Partial<Group> = {
        ...fields,
        name: fields.name?.trim(),
        address: fields.address?.trim(),
        schedule: fields.schedule && normalizeSchedule(fields.schedule),
        teacher: fields.teacher === undefined ? undefined : fields.teacher?.trim() || null,
      };
      checkGroupTerms({
        startsOn: changes.startsOn ?? group.startsOn,
        endsOn: changes.endsOn ?? group.endsOn,
        schedule: changes.schedule ?? group.schedule,
      });
      // seats_taken is current: the row lock waited for any seat-taking transaction to finish.
      if (changes.capacity !== undefined && changes.capacity < group.seatsTaken) {
        throw new DomainError(
          CatalogErrorCode.CAPACITY_BELOW_TAKEN,
          `В группе уже занято мест: ${group.seatsTaken}. Нельзя сделать мест меньше, чем занято.`,
          { seatsTaken: group.seatsTaken },
        );
      }
      const { before, after } = changedFields(group, changes);
      if (Object.keys(after).length === 0) return group;
      await manager.update(Group, { id: group.id }, after);
      await auditCatalog(manager, staff, AuditEntityType.GROUP, group.id, 'group.updated', before, after);
      return manager.findOneOrFail(Group, { where: { id: group.id } });
    });
  }

  closeEnrollment(actor: Actor | undefined, groupId: string): Promise<Group> {
    return this.setEnrollment(actor, groupId, false);
  }

  openEnrollment(actor: Actor | undefined, groupId: string): Promise<Group> {
    return this.setEnrollment(actor, groupId, true);
  }

  private async setEnrollment(actor: Actor | undefined, groupId: string, open: boolean): Promise<Group> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction(async (manager) => {
      const { count } = await execute(
        manager,
        `UPDATE groups g SET enrollment_open = $3 FROM programs p
          WHERE g.id = $1 AND p.id = g.program_id AND p.organization_id = $2 AND g.enrollment_open = NOT $3`,
        [groupId, staff.organizationId, open],
      );
      if (count !== 1) {
        await findOwnGroup(manager, staff, groupId);
        throw new InvalidTransitionError(open ? 'Набор в группу уже открыт' : 'Набор в группу уже закрыт');
      }
      await auditCatalog(manager, staff, AuditEntityType.GROUP, groupId, open ? 'group.enrollment_opened' : 'group.enrollment_closed',
        { enrollmentOpen: !open }, { enrollmentOpen: open });
      return manager.findOneOrFail(Group, { where: { id: groupId } });
    });
  }
}

function checkGroupTerms(group: { startsOn: string; endsOn: string; schedule: ScheduleSlot[] }): void {
  if (group.startsOn > group.endsOn) throw new BadInputError('Дата окончания занятий не может быть раньше даты начала', 'endsOn');
  for (const slot of group.schedule) {
    if (slot.startTime >= slot.endTime) throw new BadInputError(`Занятие в ${slot.startTime} должно заканчиваться позже, чем начинается`, 'schedule');
  }
}

/** Stored in timetable order, so a schedule reads the same however it was entered. */
function normalizeSchedule(slots: ScheduleSlot[]): ScheduleSlot[] {
  return slots
    .map(({ weekday, startTime, endTime }) => ({ weekday, startTime, endTime }))
    .sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime));
}

function ownGroupQuery(manager: EntityManager, staff: Actor, groupId: string) {
  return manager
    .createQueryBuilder(Group, 'g')
    .innerJoin(Program, 'p', 'p.id = g.program_id')
    .where('g.id = :groupId AND p.organization_id = :organizationId', { groupId, organizationId: staff.organizationId });
}

async function findOwnGroup(manager: EntityManager, staff: Actor, groupId: string): Promise<Group> {
  const group = await ownGroupQuery(manager, staff, groupId).getOne();
  if (!group) throw new DomainError(ErrorCode.NOT_FOUND, GROUP_NOT_FOUND);
  return group;
}

async function lockOwnGroup(manager: EntityManager, staff: Actor, groupId: string): Promise<Group> {
  const group = await ownGroupQuery(manager, staff, groupId).setLock('pessimistic_write', undefined, ['g']).getOne();
  if (!group) throw new DomainError(ErrorCode.NOT_FOUND, GROUP_NOT_FOUND);
  return group;
}
