import type { EntityManager } from 'typeorm';
import { addDays, addYears, toIsoDate } from '../../common/dates';
import { execute } from '../../common/sql';
import { Role } from '../../common/role';
import { financingCreditKey } from '../../modules/certificates/certificate.service';
import { CertificateStatus, Gender } from '../../modules/certificates/certificates.enums';
import { certificateValidUntil } from '../../modules/certificates/child.service';
import { LedgerService } from '../../modules/certificates/ledger.service';
import { SnilsCrypto, snilsWithControlSum } from '../../common/snils';

interface DemoChild {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: Gender;
  age: number;
  certificate?: CertificateStatus;
  reason?: string;
}

interface DemoFamily {
  email: string;
  fullName: string;
  municipalityCode: string;
  /** Already created with the demo accounts. */
  existing?: boolean;
  children: DemoChild[];
}

/**
 * Parents with children and certificates in every status. parent@demo.ru has
 * a 10-year-old in Zeya with a financing certificate (the «robotics club in
 * Zeya» journey) and a younger child still without one.
 */
export const DEMO_FAMILIES: DemoFamily[] = [
  {
    email: 'parent@demo.ru',
    fullName: 'Иванова Мария Петровна',
    municipalityCode: 'zeya',
    existing: true,
    children: [
      { lastName: 'Иванов', firstName: 'Артём', middleName: 'Сергеевич', gender: Gender.MALE, age: 10, certificate: CertificateStatus.FINANCING },
      { lastName: 'Иванова', firstName: 'Софья', middleName: 'Сергеевна', gender: Gender.FEMALE, age: 7 },
    ],
  },
  {
    email: 'petrova@demo.ru',
    fullName: 'Петрова Анна Викторовна',
    municipalityCode: 'zeya',
    children: [
      { lastName: 'Петров', firstName: 'Максим', middleName: 'Игоревич', gender: Gender.MALE, age: 9, certificate: CertificateStatus.PENDING_VERIFICATION },
      { lastName: 'Петрова', firstName: 'Дарья', middleName: 'Игоревна', gender: Gender.FEMALE, age: 13, certificate: CertificateStatus.ACCOUNTING },
    ],
  },
  {
    email: 'kuznetsova@demo.ru',
    fullName: 'Кузнецова Ольга Александровна',
    municipalityCode: 'zeya',
    children: [
      { lastName: 'Кузнецов', firstName: 'Егор', middleName: 'Андреевич', gender: Gender.MALE, age: 14, certificate: CertificateStatus.FINANCING },
      { lastName: 'Кузнецова', firstName: 'Алиса', middleName: 'Андреевна', gender: Gender.FEMALE, age: 16, certificate: CertificateStatus.CLOSED, reason: 'Семья переехала в другой регион' },
    ],
  },
  {
    email: 'smirnov@demo.ru',
    fullName: 'Смирнов Олег Николаевич',
    municipalityCode: 'blagoveshchensk',
    children: [
      { lastName: 'Смирнов', firstName: 'Кирилл', middleName: 'Олегович', gender: Gender.MALE, age: 12, certificate: CertificateStatus.FINANCING },
      { lastName: 'Смирнова', firstName: 'Полина', middleName: 'Олеговна', gender: Gender.FEMALE, age: 15, certificate: CertificateStatus.SUSPENDED, reason: 'Документы о месте жительства на проверке в МОЦ' },
    ],
  },
];

/** Children, certificates and, for financing certificates, the period's nominal credited through the ledger. */
export async function seedDemoChildren(
  manager: EntityManager,
  options: { now: Date; passwordHash: string; dataEncryptionKey: Buffer; municipalities: Map<string, string> },
): Promise<void> {
  const crypto = new SnilsCrypto(options.dataEncryptionKey);
  const ledger = new LedgerService();
  const today = toIsoDate(options.now);
  let serial = 0;
  for (const family of DEMO_FAMILIES) {
    const municipalityId = options.municipalities.get(family.municipalityCode)!;
    const [parent] = family.existing
      ? await manager.query(`SELECT id FROM users WHERE email = $1`, [family.email])
      : await manager.query(`INSERT INTO users (email, password_hash, role, full_name, municipality_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
          family.email,
          options.passwordHash,
          Role.PARENT,
          family.fullName,
          municipalityId,
        ]);
    for (const child of family.children) {
      serial++;
      const birthDate = addDays(addYears(today, -child.age), -(serial * 37) % 300 - 1);
      const snils = snilsWithControlSum(`1${String(43_250_000 + serial * 7_919).padStart(8, '0')}`);
      const protectedSnils = crypto.protect(snils);
      const [{ id: childId }] = await manager.query(
        `INSERT INTO children (parent_user_id, municipality_id, last_name, first_name, middle_name, birth_date, gender, snils_encrypted, snils_hash, snils_last_digits)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [parent.id, municipalityId, child.lastName, child.firstName, child.middleName, birthDate, child.gender, protectedSnils.snilsEncrypted, protectedSnils.snilsHash, protectedSnils.snilsLastDigits],
      );
      if (!child.certificate) continue;
      const verified = child.certificate !== CertificateStatus.PENDING_VERIFICATION;
      const [{ id: certificateId }] = await manager.query(
        `INSERT INTO certificates (number, child_id, municipality_id, status, status_before_suspension, status_reason, valid_until, verified_at, financing_requested_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [
          `28${String(10_000_000 + serial * 7_919)}`,
          childId,
          municipalityId,
          child.certificate,
          child.certificate === CertificateStatus.SUSPENDED ? CertificateStatus.ACCOUNTING : null,
          child.reason ?? null,
          certificateValidUntil(birthDate),
          verified ? options.now : null,
          child.certificate === CertificateStatus.ACCOUNTING ? options.now : null,
        ],
      );
      if (child.certificate !== CertificateStatus.FINANCING) continue;
      const {
        rows: [period],
      } = await execute<{ id: string; year: number; nominal: string }>(
        manager,
        `UPDATE certificate_periods SET financing_issued = financing_issued + 1
          WHERE municipality_id = $1 AND starts_on <= $2 AND ends_on >= $2 RETURNING id, year, nominal`,
        [municipalityId, today],
      );
      await manager.query(`UPDATE certificates SET financed_at = $2 WHERE id = $1`, [certificateId, options.now]);
      await ledger.credit(manager, {
        certificateId,
        amount: Number(period.nominal),
        on: today,
        actorUserId: null,
        reason: `Зачислен номинал сертификата на ${period.year} год`,
        idempotencyKey: financingCreditKey(certificateId, period.id),
      });
    }
  }
}
