/**
 * The season-start rush dataset, on top of the demo region: `groups` groups
 * of 15 seats in certified CERTIFICATE programs of connected organizations
 * (one staff account per organization), and `children` children with
 * FINANCING certificates credited through proper ledger entries, each with
 * its own parent. Sessions are created directly so the run measures
 * enrollment, not password hashing.
 */
import { randomBytes } from 'node:crypto';
import api from '@navigator/api/dist/bench-support.js';

const BATCH = 1000;
const PRICE = 200_000; // 2 000 ₽ a month, all of it paid by the certificate

function token() {
  return randomBytes(24).toString('base64url');
}

async function insertSessions(qr, userIds) {
  const tokens = userIds.map(() => token());
  await qr.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at) SELECT h, u, now() + interval '1 day' FROM unnest($1::text[], $2::uuid[]) AS t(h, u)`,
    [tokens.map((t) => api.hashToken(t)), userIds],
  );
  return tokens;
}

export async function loadRush(dataSource, { groups, children, encryptionKeyHex }) {
  const started = performance.now();
  await api.seedDemoData(dataSource, new Date(), Buffer.from(encryptionKeyHex, 'hex'));
  const qr = dataSource.createQueryRunner();
  await qr.connect();
  try {
    const year = new Date().getUTCFullYear();
    const orgs = await qr.query(`SELECT id, municipality_id FROM organizations WHERE pf_connected ORDER BY name`);
    await qr.query(
      `INSERT INTO programs (organization_id, municipality_id, title, description, direction, age_from, age_to, duration_months, academic_hours,
                             format, funding_type, monthly_price, normative_monthly_cost, certification_status, status, address, published_at)
       SELECT o.id, o.municipality_id, 'Робототехника: поток ' || g, 'Программа для нагрузочного теста', 'TECHNICAL', 5, 17, 9, 144,
              'IN_PERSON', 'CERTIFICATE', $2, $2, 'CERTIFIED', 'PUBLISHED', 'ул. Ленина, 1', now()
         FROM generate_series(1, $1) g
         JOIN LATERAL (SELECT * FROM unnest($3::uuid[], $4::uuid[]) WITH ORDINALITY AS x(id, municipality_id, k) WHERE k = 1 + (g % $5)) o ON true`,
      [groups, PRICE, orgs.map((o) => o.id), orgs.map((o) => o.municipality_id), orgs.length],
    );
    await qr.query(
      `INSERT INTO groups (program_id, name, schedule, starts_on, ends_on, capacity, address)
       SELECT id, 'Группа', '[{"weekday":1,"startTime":"16:00","endTime":"17:30"}]', make_date($1, 1, 1), make_date($1, 12, 31), 15, address
         FROM programs WHERE title LIKE 'Робототехника: поток %'`,
      [year],
    );
    const groupRows = await qr.query(
      `SELECT g.id, p.organization_id FROM groups g JOIN programs p ON p.id = g.program_id WHERE p.title LIKE 'Робототехника: поток %' ORDER BY g.id`,
    );

    const staffIds = (
      await qr.query(
        `INSERT INTO users (email, password_hash, role, full_name, organization_id, municipality_id)
         SELECT 'bench.staff.' || k || '@bench.example', 'x', 'PROVIDER_STAFF', 'Сотрудник ' || k, id, municipality_id
           FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS o(id, municipality_id, k) RETURNING id, organization_id`,
        [orgs.map((o) => o.id), orgs.map((o) => o.municipality_id)],
      )
    );
    const staffTokens = await insertSessions(qr, staffIds.map((s) => s.id));
    const staffTokenByOrg = new Map(staffIds.map((s, i) => [s.organization_id, staffTokens[i]]));

    // Everyone may be financed: the rush measures enrollment, not the municipal limits.
    await qr.query(`UPDATE certificate_periods SET financing_limit = financing_limit + $1`, [children]);
    const crypto = new api.SnilsCrypto(Buffer.from(encryptionKeyHex, 'hex'));
    const municipalities = (await qr.query(`SELECT id FROM municipalities ORDER BY code`)).map((m) => m.id);
    const parents = [];
    for (let from = 0; from < children; from += BATCH) {
      const n = Math.min(BATCH, children - from);
      const idx = Array.from({ length: n }, (_, i) => from + i);
      const snils = idx.map((i) => crypto.protect(api.snilsWithControlSum(String(900_000_000 + i))));
      const rows = await qr.query(
        `WITH input AS (SELECT * FROM unnest($1::int[], $2::bytea[], $3::text[], $4::text[], $5::uuid[]) AS t(i, enc, hash, last2, municipality_id)),
              parents AS (
                INSERT INTO users (email, password_hash, role, full_name, municipality_id)
                SELECT 'bench.parent.' || i || '@bench.example', 'x', 'PARENT', 'Родитель ' || i, municipality_id FROM input
                RETURNING id, email),
              consented AS (
                INSERT INTO consents (user_id, version) SELECT id, (SELECT max(version) FROM consent_versions) FROM parents),
              kids AS (
                INSERT INTO children (parent_user_id, municipality_id, last_name, first_name, middle_name, birth_date, gender, snils_encrypted, snils_hash, snils_last_digits)
                SELECT p.id, i.municipality_id, 'Нагрузочный', 'Ребёнок ' || i.i, NULL, make_date($6 - 10, 1 + i.i % 12, 1), 'MALE', i.enc, i.hash, i.last2
                  FROM input i JOIN parents p ON p.email = 'bench.parent.' || i.i || '@bench.example'
                RETURNING id, parent_user_id, municipality_id, birth_date),
              certs AS (
                INSERT INTO certificates (number, child_id, municipality_id, status, valid_until, verified_at, financed_at)
                SELECT '2899' || lpad((row_number() OVER (ORDER BY k.id) + $7)::text, 6, '0'), k.id, k.municipality_id, 'FINANCING',
                       (k.birth_date + interval '18 years')::date, now(), now()
                  FROM kids k
                RETURNING id, child_id, municipality_id)
       SELECT c.id AS certificate_id, c.municipality_id, k.id AS child_id, k.parent_user_id FROM certs c JOIN kids k ON k.id = c.child_id`,
        [idx, snils.map((s) => s.snilsEncrypted), snils.map((s) => s.snilsHash), snils.map((s) => s.snilsLastDigits), idx.map((i) => municipalities[i % municipalities.length]), year, from],
      );
      parents.push(...rows);
    }
    await qr.query(
      `WITH accounts AS (
         INSERT INTO certificate_accounts (certificate_id, period_id, nominal)
         SELECT c.id, p.id, p.nominal FROM certificates c JOIN certificate_periods p ON p.municipality_id = c.municipality_id AND p.year = $1
          WHERE c.id = ANY($2::uuid[])
         RETURNING id, certificate_id, nominal)
       INSERT INTO ledger_entries (account_id, certificate_id, type, amount, reason, idempotency_key)
       SELECT id, certificate_id, 'CREDIT', nominal, 'Зачислен номинал сертификата', 'bench-credit:' || certificate_id FROM accounts`,
      [year, parents.map((p) => p.certificate_id)],
    );
    await qr.query(
      `UPDATE certificate_periods p SET financing_issued = financing_issued + n
         FROM (SELECT municipality_id, count(*)::int AS n FROM certificates WHERE id = ANY($1::uuid[]) GROUP BY municipality_id) c
        WHERE p.municipality_id = c.municipality_id AND p.year = $2`,
      [parents.map((p) => p.certificate_id), year],
    );
    const parentTokens = await insertSessions(qr, parents.map((p) => p.parent_user_id));
    await qr.query(`ANALYZE`);
    return {
      seconds: (performance.now() - started) / 1000,
      groups: groupRows.map((g) => ({ id: g.id, staffToken: staffTokenByOrg.get(g.organization_id) })),
      staffTokenByOrg,
      children: parents.map((p, i) => ({ childId: p.child_id, certificateId: p.certificate_id, token: parentTokens[i] })),
    };
  } finally {
    await qr.release();
  }
}
