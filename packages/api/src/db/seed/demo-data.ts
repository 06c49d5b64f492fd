import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../../modules/accounts/account.service';
import { Role } from '../../common/role';
import { CertificationStatus, Direction, FundingType, OrganizationType, ProgramFormat, ProgramStatus } from '../../modules/catalog/catalog.enums';
import { AMUR_MUNICIPALITIES, ZEYA_SUPPORT_CENTER } from './amur-region';
import { createRandom, PROGRAM_TITLES, STREETS, TEACHERS } from './catalog-vocabulary';
import { seedDemoChildren } from './demo-children';

export const DEMO_PASSWORD = 'demo12345';

/** Demo accounts, one or more per role (README lists them). */
export const DEMO_ACCOUNTS = {
  parent: 'parent@demo.ru',
  staff: 'staff@demo.ru',
  otherStaff: 'staff.blag@demo.ru',
  operator: 'operator@demo.ru',
  otherOperator: 'operator.blag@demo.ru',
  admin: 'admin@demo.ru',
} as const;

type Random = ReturnType<typeof createRandom>;

export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(`SELECT NOT EXISTS (SELECT 1 FROM municipalities) AS empty`);
  return row.empty;
}

/**
 * Loads the demo region: deterministic for a given `now` (which fixes the current period's year).
 * `dataEncryptionKey` is the application's key: children's SNILS are stored encrypted with it.
 */
export async function seedDemoData(dataSource: DataSource, now: Date, dataEncryptionKey: Buffer): Promise<void> {
  const random = createRandom(28);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const municipalities = await seedMunicipalities(manager, now.getUTCFullYear());
    const organizations = await seedOrganizations(manager, municipalities, random);
    await seedPrograms(manager, organizations, now, random);
    await seedAccounts(manager, municipalities, organizations, passwordHash);
    await seedDemoChildren(manager, { now, passwordHash, dataEncryptionKey, municipalities });
    // Demo parents have consented to the current text (and, like every seeded account, have a confirmed e-mail).
    await manager.query(`INSERT INTO consents (user_id, version, given_at) SELECT id, (SELECT max(version) FROM consent_versions), $1 FROM users WHERE role = 'PARENT'`, [now]);
  });
}

async function insert<T extends Record<string, unknown>>(manager: EntityManager, table: string, rows: T[]): Promise<{ id: string }[]> {
  if (rows.length === 0) return [];
  const columns = Object.keys(rows[0]);
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${columns.map((c) => { values.push(row[c]); return `$${values.length}`; }).join(', ')})`);
  return manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} RETURNING id`, values);
}

async function seedMunicipalities(manager: EntityManager, year: number): Promise<Map<string, string>> {
  const ids = await insert(
    manager,
    'municipalities',
    AMUR_MUNICIPALITIES.map((m) => ({ region_code: '28', code: m.code, name: m.name, auto_financing: m.code !== 'zeya' })),
  );
  const byCode = new Map(AMUR_MUNICIPALITIES.map((m, i) => [m.code, ids[i].id]));
  await insert(
    manager,
    'support_centers',
    AMUR_MUNICIPALITIES.map((m) =>
      m.code === 'zeya'
        ? {
            municipality_id: byCode.get(m.code),
            name: ZEYA_SUPPORT_CENTER.name,
            host_organization: ZEYA_SUPPORT_CENTER.hostOrganization,
            address: ZEYA_SUPPORT_CENTER.address,
            phone: ZEYA_SUPPORT_CENTER.phone,
            email: null,
            links: ZEYA_SUPPORT_CENTER.links,
            is_demo: false,
          }
        : {
            municipality_id: byCode.get(m.code),
            name: `Муниципальный опорный центр: ${m.name}`,
            host_organization: `Центр дополнительного образования, ${m.town} (демо)`,
            address: `${m.town}, ул. Ленина, 1 (демо)`,
            phone: '8-800-000-00-00 (демо)',
            email: `moc.${m.code}@example.ru`,
            links: ['https://dopportal.amurobl.ru/blog/31'],
            is_demo: true,
          },
    ),
  );
  // This year's period and the next one, set in advance as МОЦ do, so school-year contracts show which year pays which months.
  await insert(
    manager,
    'certificate_periods',
    [year, year + 1].flatMap((y) =>
      AMUR_MUNICIPALITIES.map((m) => ({
        municipality_id: byCode.get(m.code),
        year: y,
        nominal: m.nominal,
        financing_limit: m.financingLimit,
        starts_on: `${y}-01-01`,
        ends_on: `${y}-12-31`,
      })),
    ),
  );
  return byCode;
}

interface SeededOrganization {
  id: string;
  municipalityId: string;
  town: string;
  pfConnected: boolean;
}

const ORG_TEMPLATES = [
  { name: 'Муниципальное автономное учреждение дополнительного образования «Дом детского творчества»', short: 'МАУ ДО ДДТ', type: OrganizationType.MUNICIPAL },
  { name: 'Муниципальное бюджетное учреждение дополнительного образования «Детско-юношеская спортивная школа»', short: 'МБУ ДО ДЮСШ', type: OrganizationType.MUNICIPAL },
  { name: 'Государственное автономное учреждение дополнительного образования «Амурский областной центр технического творчества»', short: 'ГАУ ДО АОЦТТ', type: OrganizationType.STATE },
  { name: 'Общество с ограниченной ответственностью «Робошкола»', short: 'ООО «Робошкола»', type: OrganizationType.PRIVATE },
  { name: 'Муниципальное бюджетное учреждение дополнительного образования «Станция юных техников»', short: 'МБУ ДО СЮТ', type: OrganizationType.MUNICIPAL },
  { name: 'Автономная некоммерческая организация «Центр развития детей «Созвездие»»', short: 'АНО «Созвездие»', type: OrganizationType.PRIVATE },
];

async function seedOrganizations(manager: EntityManager, municipalities: Map<string, string>, random: Random): Promise<SeededOrganization[]> {
  // Larger towns get several providers; every municipality gets at least one.
  const plan: { code: string; count: number }[] = AMUR_MUNICIPALITIES.map((m) => ({
    code: m.code,
    count: m.code === 'blagoveshchensk' ? 5 : ['zeya', 'belogorsk', 'svobodny', 'tynda'].includes(m.code) ? 2 : 1,
  }));
  const rows: Record<string, unknown>[] = [];
  const meta: Omit<SeededOrganization, 'id'>[] = [];
  for (const { code, count } of plan) {
    const m = AMUR_MUNICIPALITIES.find((x) => x.code === code)!;
    for (let i = 0; i < count; i++) {
      const isRovesnik = code === 'zeya' && i === 0;
      const template = isRovesnik
        ? { name: 'Муниципальное автономное образовательное учреждение дополнительного образования Дом детского творчества «Ровесник»', short: 'МАО ДО ДДТ «Ровесник»', type: OrganizationType.MUNICIPAL }
        : ORG_TEMPLATES[(rows.length + i) % ORG_TEMPLATES.length];
      const pfConnected = isRovesnik || random.chance(0.75);
      const address = isRovesnik ? 'г. Зея, ул. Народная, 26' : `${m.town}, ${random.pick(STREETS)}, ${random.int(1, 120)}`;
      rows.push({
        municipality_id: municipalities.get(code),
        name: isRovesnik ? template.name : `${template.name} (${m.town})`,
        short_name: isRovesnik ? template.short : `${template.short}, ${m.town}`,
        type: template.type,
        inn: `28${String(random.int(10_000_000, 99_999_999))}`,
        license_number: `Л035-01211-28/00${random.int(100_000, 999_999)}`,
        license_date: `20${random.int(15, 23)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
        address,
        phone: isRovesnik ? '8 (41658) 2-28-98' : `8 (4162) ${random.int(20, 59)}-${random.int(10, 99)}-${random.int(10, 99)}`,
        email: `org${rows.length + 1}@example.ru`,
        description: 'Организация дополнительного образования детей (демо-данные).',
        pf_connected: pfConnected,
      });
      meta.push({ municipalityId: municipalities.get(code)!, town: m.town, pfConnected });
    }
  }
  const ids = await insert(manager, 'organizations', rows);
  return meta.map((m, i) => ({ ...m, id: ids[i].id }));
}

const DIRECTIONS = Object.values(Direction);

async function seedPrograms(manager: EntityManager, organizations: SeededOrganization[], now: Date, random: Random): Promise<void> {
  const year = now.getUTCFullYear();
  const programs: Record<string, unknown>[] = [];
  const groupPlans: number[] = [];
  organizations.forEach((org, orgIndex) => {
    const count = Math.round(400 / organizations.length) + (orgIndex % 3 === 0 ? 1 : 0);
    for (let i = 0; i < count; i++) {
      // Every organization covers all directions in turn, so each municipality's catalog is varied.
      const direction = DIRECTIONS[(orgIndex + i) % DIRECTIONS.length];
      const entry = PROGRAM_TITLES[direction][(orgIndex * 7 + i) % PROGRAM_TITLES[direction].length];
      const first = i === 0 && org.pfConnected;
      const fundingType = first || (org.pfConnected && random.chance(0.55)) ? FundingType.CERTIFICATE : random.chance(0.6) ? FundingType.BUDGET : FundingType.PAID;
      const price = fundingType === FundingType.BUDGET ? 0 : random.int(24, 70) * 5_000;
      const certified = fundingType === FundingType.CERTIFICATE && (first || random.chance(0.85));
      const status = first || random.chance(0.93) ? ProgramStatus.PUBLISHED : ProgramStatus.DRAFT;
      programs.push({
        organization_id: org.id,
        municipality_id: org.municipalityId,
        title: entry.title,
        description: `${entry.about}. Занятия ведут опытные педагоги; программа рассчитана на детей ${entry.ages[0]}–${entry.ages[1]} лет.`,
        direction,
        age_from: entry.ages[0],
        age_to: entry.ages[1],
        duration_months: 9,
        academic_hours: random.pick([72, 108, 144]),
        format: random.chance(0.85) ? ProgramFormat.IN_PERSON : random.pick([ProgramFormat.ONLINE, ProgramFormat.MIXED]),
        funding_type: fundingType,
        monthly_price: price,
        // The normative cost sometimes sits below the price, leaving a parent co-payment.
        normative_monthly_cost: certified ? (random.chance(0.6) ? price : price - random.int(1, 8) * 5_000) : null,
        certification_status: fundingType !== FundingType.CERTIFICATE ? CertificationStatus.NOT_SUBMITTED : certified ? CertificationStatus.CERTIFIED : CertificationStatus.SUBMITTED,
        certification_submitted_at: fundingType === FundingType.CERTIFICATE ? new Date(Date.UTC(year, 5, 1 + (programs.length % 28))) : null,
        certified_at: certified ? new Date(Date.UTC(year, 6, 1 + (programs.length % 28))) : null,
        status,
        address: `${org.town}, ${random.pick(STREETS)}, ${random.int(1, 120)}`,
        teacher: random.pick(TEACHERS),
        tags: [direction.toLowerCase()],
        published_at: status === ProgramStatus.PUBLISHED ? new Date(Date.UTC(year, 7, 1 + (programs.length % 28))) : null,
      });
      groupPlans.push(random.int(1, 3));
    }
  });
  const programIds = await insert(manager, 'programs', programs);
  const groups: Record<string, unknown>[] = [];
  programIds.forEach(({ id }, index) => {
    const program = programs[index];
    for (let g = 0; g < groupPlans[index]; g++) {
      const startsLater = g === 2;
      groups.push({
        program_id: id,
        name: `Группа ${g + 1}${g === 0 ? ' (начинающие)' : ''}`,
        schedule: JSON.stringify([
          { weekday: 1 + ((index + g) % 5), startTime: `${15 + g}:00`, endTime: `${16 + g}:30` },
          { weekday: 3 + ((index + g) % 3), startTime: `${15 + g}:00`, endTime: `${16 + g}:30` },
        ]),
        starts_on: startsLater ? `${year}-12-01` : `${year}-09-01`,
        ends_on: `${year + 1}-05-31`,
        capacity: random.pick([10, 12, 15, 15, 20]),
        address: program.address,
        teacher: program.teacher,
        enrollment_open: random.chance(0.9),
      });
    }
  });
  await insert(manager, 'groups', groups);
}

async function seedAccounts(manager: EntityManager, municipalities: Map<string, string>, organizations: SeededOrganization[], passwordHash: string): Promise<void> {
  const zeya = municipalities.get('zeya')!;
  const blag = municipalities.get('blagoveshchensk')!;
  const rovesnik = organizations.find((o) => o.municipalityId === zeya)!;
  const blagOrg = organizations.find((o) => o.municipalityId === blag)!;
  const user = (email: string, role: Role, fullName: string, municipalityId: string | null, organizationId: string | null) => ({
    email,
    password_hash: passwordHash,
    role,
    full_name: fullName,
    phone: null,
    municipality_id: municipalityId,
    organization_id: organizationId,
  });
  await insert(manager, 'users', [
    user(DEMO_ACCOUNTS.parent, Role.PARENT, 'Иванова Мария Петровна', zeya, null),
    user(DEMO_ACCOUNTS.staff, Role.PROVIDER_STAFF, 'Сидорова Галина Ивановна (ДДТ «Ровесник»)', zeya, rovesnik.id),
    user(DEMO_ACCOUNTS.otherStaff, Role.PROVIDER_STAFF, 'Орлов Виктор Павлович', blag, blagOrg.id),
    user(DEMO_ACCOUNTS.operator, Role.OPERATOR, 'Белова Светлана Андреевна (МОЦ г. Зеи)', zeya, null),
    user(DEMO_ACCOUNTS.otherOperator, Role.OPERATOR, 'Комаров Илья Сергеевич (МОЦ г. Благовещенска)', blag, null),
    user(DEMO_ACCOUNTS.admin, Role.REGION_ADMIN, 'Администратор РМЦ', null, null),
  ]);
}
