import type { DataSource } from 'typeorm';
import type { Container } from '../src/common/container';
import { Contract } from '../src/modules/contracts/contract.entity';
import { EnrollmentService } from '../src/modules/enrollment/enrollment.service';
import { ContractOffers } from '../src/modules/contracts/contract-offers';
import { TEST_TODAY } from '../src/testing/test-today';
import { actorByEmail } from './app';
import { createTestCertificate } from './certificates';

/** The year of the current financing period: the seeded periods are calendar years around the tests' day. */
export const YEAR = Number(TEST_TODAY.slice(0, 4));

/** `09-15` → `${YEAR}-09-15`. */
export const day = (monthDay: string): string => `${YEAR}-${monthDay}`;

export interface TestProgram {
  programId: string;
  groupId: string;
  organizationId: string;
}

/**
 * A certified CERTIFICATE program of staff@demo.ru's organization (connected
 * to financing) with one group running from `startsOn` (1 September) to next May:
 * price `price`, normative `share`, so the parent co-pays the difference.
 */
export async function createTestProgram(
  dataSource: DataSource,
  options: { title?: string; price?: number; share?: number; capacity?: number; staffEmail?: string; startsOn?: string; endsOn?: string } = {},
): Promise<TestProgram> {
  const { title = 'Робототехника', price = 200_000, share = 180_000, capacity = 10, staffEmail = 'staff@demo.ru', startsOn = day('09-01'), endsOn = `${YEAR + 1}-05-31` } = options;
  return dataSource.transaction(async (m) => {
    const [{ organization_id: organizationId }] = await m.query(`SELECT organization_id FROM users WHERE email = $1`, [staffEmail]);
    await m.query(
      `UPDATE organizations SET pf_connected = true, license_number = coalesce(license_number, 'Л035-01234-28/00123456'), license_date = coalesce(license_date, '2020-01-15') WHERE id = $1`,
      [organizationId],
    );
    const [{ id: programId }] = await m.query(
      `INSERT INTO programs (organization_id, municipality_id, title, description, direction, age_from, age_to, duration_months, academic_hours, format, funding_type,
                             monthly_price, normative_monthly_cost, certification_status, certified_at, status, address, published_at)
       SELECT id, municipality_id, $2, 'Тестовая программа', 'TECHNICAL', 7, 14, 9, 144, 'IN_PERSON', 'CERTIFICATE', $3, $4, 'CERTIFIED', now(), 'PUBLISHED', address, now()
         FROM organizations WHERE id = $1 RETURNING id`,
      [organizationId, title, price, share],
    );
    const [{ id: groupId }] = await m.query(
      `INSERT INTO groups (program_id, name, schedule, starts_on, ends_on, capacity, address)
       VALUES ($1, 'Группа 1', '[{"weekday":1,"startTime":"15:00","endTime":"16:30"}]', $2, $3, $4, 'г. Зея, ул. Народная, 26') RETURNING id`,
      [programId, startsOn, endsOn, capacity],
    );
    return { programId, groupId, organizationId };
  });
}

/**
 * A contract made the way parents and providers make one: a new child with a
 * financing certificate applies, staff confirm on `confirmedAt`, the parent
 * signs a day later. With the September default the contract runs the whole
 * season, 1 September – 31 May, and today's period (the calendar year) funds
 * September – December (4 months).
 */
export async function signTestContract(
  container: Container,
  dataSource: DataSource,
  groupId: string,
  options: { confirmedAt?: string; nominal?: number } = {},
): Promise<{ contract: Contract; certificateId: string; childId: string }> {
  const { confirmedAt = day('09-01'), nominal } = options;
  const enrollment = container.get(EnrollmentService);
  const offers = container.get(ContractOffers);
  const parent = await actorByEmail(dataSource, 'parent@demo.ru');
  const staff = await actorByEmail(dataSource, 'staff@demo.ru');
  const { certificateId, childId } = await createTestCertificate(dataSource, nominal ? { nominal } : {});
  const application = await enrollment.submitApplication(parent, { childId, groupId });
  const confirmed = new Date(`${confirmedAt}T03:00:00Z`);
  await enrollment.confirmApplication(staff, application.id, null, confirmed);
  const offer = await dataSource.getRepository(Contract).findOneByOrFail({ applicationId: application.id });
  const contract = await offers.signContract(parent, offer.id, null, new Date(confirmed.getTime() + 24 * 3600_000));
  return { contract, certificateId, childId };
}
