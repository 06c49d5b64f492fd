import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { addDays } from '../src/common/dates';
import { TEST_TODAY } from '../src/testing/test-today';
import type { Actor } from '../src/common/actor';
import { Role } from '../src/common/role';

export interface TestGroupOptions {
  fundingType?: 'CERTIFICATE' | 'BUDGET' | 'PAID';
  capacity?: number;
  monthlyPrice?: number;
  normativeMonthlyCost?: number;
  ageFrom?: number;
  ageTo?: number;
  startsOn?: string;
  endsOn?: string;
  enrollmentOpen?: boolean;
  programStatus?: 'DRAFT' | 'PUBLISHED' | 'ARCHIVED';
  certificationStatus?: 'NOT_SUBMITTED' | 'SUBMITTED' | 'CERTIFIED';
  /** Staff e-mail whose organization runs the program; staff@demo.ru (ДДТ «Ровесник», Zeya) by default. */
  staffEmail?: string;
}

export interface TestGroup {
  groupId: string;
  programId: string;
  organizationId: string;
}

/**
 * A published program with one group at the organization of `staffEmail`:
 * by default a certified CERTIFICATE program at 5 000 ₽ a month (normative
 * 4 000 ₽, so the parent pays 1 000 ₽), ages 5–17, running from two months
 * ago to 200 days ahead, 15 seats, enrollment open.
 */
export async function createTestGroup(dataSource: DataSource, options: TestGroupOptions = {}): Promise<TestGroup> {
  const fundingType = options.fundingType ?? 'CERTIFICATE';
  const today = TEST_TODAY;
  const monthlyPrice = options.monthlyPrice ?? (fundingType === 'BUDGET' ? 0 : 500_000);
  const certificationStatus = options.certificationStatus ?? (fundingType === 'CERTIFICATE' ? 'CERTIFIED' : 'NOT_SUBMITTED');
  return dataSource.transaction(async (m) => {
    const [{ organization_id: organizationId, municipality_id: municipalityId }] = await m.query(
      `SELECT u.organization_id, o.municipality_id FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = $1`,
      [options.staffEmail ?? 'staff@demo.ru'],
    );
    const [{ id: programId }] = await m.query(
      `INSERT INTO programs (organization_id, municipality_id, title, description, direction, age_from, age_to, duration_months, academic_hours, format,
                             funding_type, monthly_price, normative_monthly_cost, certification_status, status, address, published_at)
       VALUES ($1, $2, $3, 'Тестовая программа', 'TECHNICAL', $4, $5, 9, 72, 'IN_PERSON', $6, $7, $8, $9, $10, 'г. Зея, ул. Народная, 26', now()) RETURNING id`,
      [
        organizationId,
        municipalityId,
        `Робототехника ${randomUUID().slice(0, 8)}`,
        options.ageFrom ?? 5,
        options.ageTo ?? 17,
        fundingType,
        monthlyPrice,
        certificationStatus === 'CERTIFIED' ? (options.normativeMonthlyCost ?? 400_000) : null,
        certificationStatus,
        options.programStatus ?? 'PUBLISHED',
      ],
    );
    const [{ id: groupId }] = await m.query(
      `INSERT INTO groups (program_id, name, starts_on, ends_on, capacity, address, enrollment_open)
       VALUES ($1, 'Группа 1', $2, $3, $4, 'г. Зея, ул. Народная, 26', $5) RETURNING id`,
      [programId, options.startsOn ?? addDays(today, -60), options.endsOn ?? addDays(today, 200), options.capacity ?? 15, options.enrollmentOpen ?? true],
    );
    return { groupId, programId, organizationId };
  });
}

/** `count` new parents in a municipality (Zeya by default), as actors for service calls, with their e-mails. */
export async function createTestParents(dataSource: DataSource, count: number, municipalityCode = 'zeya'): Promise<(Actor & { email: string })[]> {
  const [{ id: municipalityId }] = await dataSource.query(`SELECT id FROM municipalities WHERE code = $1`, [municipalityCode]);
  const emails = Array.from({ length: count }, () => `parent-${randomUUID()}@test.ru`);
  const rows: { id: string; email: string }[] = await dataSource.query(
    `INSERT INTO users (email, password_hash, role, full_name, municipality_id)
     SELECT e, 'not-a-hash', 'PARENT', 'Родитель Тестовый', $2 FROM unnest($1::text[]) WITH ORDINALITY AS t(e, n) ORDER BY n RETURNING id, email`,
    [emails, municipalityId],
  );
  // Confirmed (the column's default) and consenting, as a parent must be to add children and apply.
  await dataSource.query(`INSERT INTO consents (user_id, version) SELECT unnest($1::uuid[]), (SELECT max(version) FROM consent_versions)`, [rows.map((r) => r.id)]);
  return rows.map((r) => ({ userId: r.id, email: r.email, role: Role.PARENT, municipalityId, organizationId: null }));
}
