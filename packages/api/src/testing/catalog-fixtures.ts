import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addDays } from '../common/dates';
import { TEST_TODAY } from './test-today';
import type { Actor } from '../common/actor';
import { Role } from '../common/role';
import { Direction, FundingType, ProgramFormat } from '../modules/catalog/catalog.enums';
import type { CreateGroupInput } from '../modules/catalog/inputs/group.input';
import type { CreateProgramInput } from '../modules/catalog/inputs/program.input';

/** A valid new program; each test overrides what it is about. */
export function programInput(overrides: Partial<CreateProgramInput> = {}): CreateProgramInput {
  return {
    title: 'Юные астрономы',
    description: 'Наблюдаем звёздное небо, собираем телескоп и ведём дневник наблюдений.',
    direction: Direction.NATURAL_SCIENCE,
    ageFrom: 9,
    ageTo: 14,
    durationMonths: 9,
    academicHours: 72,
    format: ProgramFormat.IN_PERSON,
    fundingType: FundingType.CERTIFICATE,
    monthlyPrice: 250_000,
    address: 'г. Зея, ул. Народная, 26',
    teacher: 'Кузнецов Андрей Викторович',
    tags: ['астрономия'],
    ...overrides,
  };
}

export function groupInput(programId: string, overrides: Partial<CreateGroupInput> = {}): CreateGroupInput {
  return {
    programId,
    name: 'Группа 1',
    schedule: [
      { weekday: 2, startTime: '16:00', endTime: '17:30' },
      { weekday: 4, startTime: '16:00', endTime: '17:30' },
    ],
    startsOn: TEST_TODAY,
    endsOn: addDays(TEST_TODAY, 270),
    capacity: 12,
    ...overrides,
  };
}

/** An organization of the municipality with the given code, connected to personalized financing or not. */
export async function organizationIn(dataSource: DataSource, municipalityCode: string, pfConnected: boolean): Promise<{ id: string; municipalityId: string }> {
  const [row] = await dataSource.query(
    `SELECT o.id, o.municipality_id FROM organizations o JOIN municipalities m ON m.id = o.municipality_id
      WHERE m.code = $1 AND o.pf_connected = $2 ORDER BY o.created_at, o.id LIMIT 1`,
    [municipalityCode, pfConnected],
  );
  if (!row) throw new Error(`no ${pfConnected ? 'connected' : 'unconnected'} organization in ${municipalityCode}`);
  return { id: row.id, municipalityId: row.municipality_id };
}

/** A new staff member of an organization, as an Actor (for organizations without a demo account). */
export async function staffOf(dataSource: DataSource, organizationId: string): Promise<Actor> {
  const [org] = await dataSource.query(`SELECT municipality_id FROM organizations WHERE id = $1`, [organizationId]);
  const [user] = await dataSource.query(
    `INSERT INTO users (email, password_hash, role, full_name, municipality_id, organization_id)
     VALUES ($1, 'x', 'PROVIDER_STAFF', 'Сотрудник организации', $2, $3) RETURNING id`,
    [`staff.${randomUUID()}@example.ru`, org.municipality_id, organizationId],
  );
  return { userId: user.id, role: Role.PROVIDER_STAFF, municipalityId: org.municipality_id, organizationId };
}
