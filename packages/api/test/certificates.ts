import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { type HoldOpening, LedgerService } from '../src/modules/certificates/ledger.service';
import { snilsWithControlSum } from '../src/common/snils';
import { addDays, addYears } from '../src/common/dates';
import { TEST_TODAY } from '../src/testing/test-today';

/** A SNILS that passes the checksum, random enough never to collide within a test run. */
export function randomSnils(): string {
  return snilsWithControlSum(String(randomInt(2_000_000, 999_999_999)).padStart(9, '0'));
}

/** The date of a birthday `years` ago, a few days past so the age is exactly `years`. */
export function bornYearsAgo(years: number, daysPast = 3, today = TEST_TODAY): string {
  return addDays(addYears(today, -years), -daysPast);
}

/**
 * A fresh child of parent@demo.ru with a certificate in `status`, in Zeya by
 * default. FINANCING certificates are credited `nominal` for today's period
 * through the ledger (and counted against the period's limit), as financing does.
 */
export async function createTestCertificate(
  dataSource: DataSource,
  options: { status?: string; nominal?: number; municipalityCode?: string; parentEmail?: string; today?: string } = {},
): Promise<{ certificateId: string; childId: string; municipalityId: string }> {
  const { status = 'FINANCING', nominal = 1_347_000, municipalityCode = 'zeya', parentEmail = 'parent@demo.ru', today = TEST_TODAY } = options;
  return dataSource.transaction(async (m) => {
    const [{ id: municipalityId }] = await m.query(`SELECT id FROM municipalities WHERE code = $1`, [municipalityCode]);
    const [{ id: parentId }] = await m.query(`SELECT id FROM users WHERE email = $1`, [parentEmail]);
    // SNILS fields are opaque here: tests of children go through the service.
    const [{ id: childId }] = await m.query(
      `INSERT INTO children (parent_user_id, municipality_id, last_name, first_name, birth_date, gender, snils_encrypted, snils_hash, snils_last_digits)
       VALUES ($1, $2, 'Тестов', 'Тест', $5::date - interval '10 years', 'MALE', $3, $4, '00') RETURNING id`,
      [parentId, municipalityId, randomBytes(40), randomBytes(32).toString('hex'), today],
    );
    const number = `28${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [{ id: certificateId }] = await m.query(
      `INSERT INTO certificates (number, child_id, municipality_id, status, valid_until) VALUES ($1, $2, $3, $4, $5::date + interval '8 years') RETURNING id`,
      [number, childId, municipalityId, status, today],
    );
    if (status === 'FINANCING') {
      await m.query(
        `UPDATE certificate_periods SET financing_issued = financing_issued + 1 WHERE municipality_id = $1 AND starts_on <= $2 AND ends_on >= $2`,
        [municipalityId, today],
      );
      await new LedgerService().credit(m, { certificateId, amount: nominal, on: today, actorUserId: null, reason: 'Зачислен номинал (тест)', idempotencyKey: `test-credit:${randomUUID()}` });
    }
    return { certificateId, childId, municipalityId };
  });
}

/**
 * One child with a financing certificate per parent, in bulk: the children
 * and certificates in one statement each, the nominal of the period
 * containing `on` credited through the ledger (counted against the period's
 * limit), `financedAt` ordering whom a lower limit leaves out at the next rollover.
 */
export async function createFinancedChildren(
  dataSource: DataSource,
  parents: { userId: string; municipalityId: string | null }[],
  options: { on: string; nominal: number; financedAt: (index: number) => Date; parallel?: number },
): Promise<{ certificateId: string; childId: string }[]> {
  const created: { child_id: string; certificate_id: string }[] = await dataSource.query(
    `WITH input AS (
       SELECT p.parent, p.municipality, p.n FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS p(parent, municipality, n)),
     kids AS (
       INSERT INTO children (parent_user_id, municipality_id, last_name, first_name, birth_date, gender, snils_encrypted, snils_hash, snils_last_digits)
       SELECT parent, municipality, 'Тестов', 'Тест', $3::date - interval '10 years', 'MALE', decode(md5(random()::text), 'hex'), md5(random()::text || n), '00'
         FROM input ORDER BY n RETURNING id, parent_user_id)
     SELECT k.id AS child_id, i.n FROM kids k JOIN input i ON i.parent = k.parent_user_id ORDER BY i.n`,
    [parents.map((p) => p.userId), parents.map((p) => p.municipalityId), options.on],
  );
  const certificates: { id: string; child_id: string }[] = await dataSource.query(
    `INSERT INTO certificates (number, child_id, municipality_id, status, valid_until, financed_at)
     SELECT '28' || lpad((floor(random() * 1e8))::bigint::text, 8, '0'), c.id, c.municipality_id, 'FINANCING', $2::date + interval '8 years', f.at
       FROM unnest($1::uuid[], $3::timestamptz[]) WITH ORDINALITY AS f(child, at, n) JOIN children c ON c.id = f.child ORDER BY f.n RETURNING id, child_id`,
    [created.map((c) => c.child_id), options.on, parents.map((_, i) => options.financedAt(i))],
  );
  await dataSource.query(
    `UPDATE certificate_periods p SET financing_issued = financing_issued + x.n
       FROM (SELECT municipality_id, count(*)::int AS n FROM certificates WHERE id = ANY($1::uuid[]) GROUP BY municipality_id) x
      WHERE p.municipality_id = x.municipality_id AND p.starts_on <= $2 AND p.ends_on >= $2`,
    [certificates.map((c) => c.id), options.on],
  );
  const ledger = new LedgerService();
  const queue = certificates.map((c) => c.id);
  await Promise.all(
    Array.from({ length: options.parallel ?? 4 }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const certificateId = id;
        await dataSource.transaction((m) =>
          ledger.credit(m, { certificateId, amount: options.nominal, on: options.on, actorUserId: null, reason: 'Зачислен номинал (тест)', idempotencyKey: `test-credit:${certificateId}` }),
        );
      }
    }),
  );
  const byChild = new Map(certificates.map((c) => [c.child_id, c.id]));
  return created.map((c) => ({ childId: c.child_id, certificateId: byChild.get(c.child_id)! }));
}

/** A fresh financing certificate and a way to open holds on it for made-up applications. */
export async function certificateWithHolds(ds: DataSource) {
  const { certificateId } = await createTestCertificate(ds);
  const [{ period_id: periodId }] = await ds.query(`SELECT period_id FROM certificate_accounts WHERE certificate_id = $1`, [certificateId]);
  const opening = (amount: number, extra: Partial<HoldOpening> = {}): HoldOpening => ({
    certificateId,
    periodId,
    applicationId: randomUUID(),
    contractId: randomUUID(),
    amount,
    actorUserId: null,
    reason: 'Тестовая блокировка',
    ...extra,
  });
  return { certificateId, periodId, opening };
}
