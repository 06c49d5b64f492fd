import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { LedgerService } from '../src/modules/certificates/ledger.service';
import { snilsWithControlSum } from '../src/modules/certificates/snils';

/** A SNILS that passes the checksum, random enough never to collide within a test run. */
export function randomSnils(): string {
  return snilsWithControlSum(String(randomInt(2_000_000, 999_999_999)).padStart(9, '0'));
}

/** The date of a birthday `years` ago, a few days past so the age is exactly `years`. */
export function bornYearsAgo(years: number, daysPast = 3): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - daysPast);
  return d.toISOString().slice(0, 10);
}

/**
 * A fresh child of parent@demo.ru with a certificate in `status`, in Zeya by
 * default. FINANCING certificates are credited `nominal` for today's period
 * through the ledger (and counted against the period's limit), as financing does.
 */
export async function createTestCertificate(
  dataSource: DataSource,
  options: { status?: string; nominal?: number; municipalityCode?: string; parentEmail?: string } = {},
): Promise<{ certificateId: string; childId: string; municipalityId: string }> {
  const { status = 'FINANCING', nominal = 1_347_000, municipalityCode = 'zeya', parentEmail = 'parent@demo.ru' } = options;
  return dataSource.transaction(async (m) => {
    const [{ id: municipalityId }] = await m.query(`SELECT id FROM municipalities WHERE code = $1`, [municipalityCode]);
    const [{ id: parentId }] = await m.query(`SELECT id FROM users WHERE email = $1`, [parentEmail]);
    // SNILS fields are opaque here: tests of children go through the service.
    const [{ id: childId }] = await m.query(
      `INSERT INTO children (parent_user_id, municipality_id, last_name, first_name, birth_date, gender, snils_encrypted, snils_hash, snils_last_digits)
       VALUES ($1, $2, 'Тестов', 'Тест', (current_date - interval '10 years')::date, 'MALE', $3, $4, '00') RETURNING id`,
      [parentId, municipalityId, randomBytes(40), randomBytes(32).toString('hex')],
    );
    const number = `28${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const [{ id: certificateId }] = await m.query(
      `INSERT INTO certificates (number, child_id, municipality_id, status, valid_until) VALUES ($1, $2, $3, $4, (current_date + interval '8 years')::date) RETURNING id`,
      [number, childId, municipalityId, status],
    );
    if (status === 'FINANCING') {
      await m.query(
        `UPDATE certificate_periods SET financing_issued = financing_issued + 1 WHERE municipality_id = $1 AND starts_on <= current_date AND ends_on >= current_date`,
        [municipalityId],
      );
      await new LedgerService().credit(m, { certificateId, amount: nominal, actorUserId: null, reason: 'Зачислен номинал (тест)', idempotencyKey: `test-credit:${randomUUID()}` });
    }
    return { certificateId, childId, municipalityId };
  });
}
