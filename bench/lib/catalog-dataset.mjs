/**
 * Deterministic catalog dataset: the demo region (29 municipalities, their
 * МОЦ and periods) plus `organizations` providers, `programs` programs and
 * about 2.5 groups per program, generated inside Postgres with a fixed
 * random seed (single-threaded, so the same seed gives the same rows).
 */
import api from '@navigator/api/dist/bench-support.js';

export async function loadCatalog(dataSource, { organizations, programs }) {
  const started = performance.now();
  await api.seedDemoData(dataSource, new Date(), Buffer.from(api.BENCH_ENCRYPTION_KEY_HEX, 'hex'));

  const entries = Object.entries(api.PROGRAM_TITLES).flatMap(([direction, list]) => list.map((e) => ({ direction, ...e })));
  const qr = dataSource.createQueryRunner();
  await qr.connect();
  try {
    await qr.query(`SET max_parallel_workers_per_gather = 0`);
    await qr.query(`SELECT setseed(0.28)`);
    await qr.query(
      `INSERT INTO organizations (municipality_id, name, short_name, type, inn, license_number, license_date, address, phone, email, pf_connected)
       SELECT m.id, 'Организация дополнительного образования № ' || g, 'ОДО № ' || g,
              (ARRAY['STATE','MUNICIPAL','PRIVATE'])[1 + (g % 3)], '28' || lpad(g::text, 8, '0'),
              'Л035-01211-28/' || lpad(g::text, 8, '0'), DATE '2020-01-01' + (g % 1500),
              m.name || ', ул. Ленина, ' || (1 + g % 120), '8 (4162) 00-00-00', 'org' || g || '@bench.example', random() < 0.8
         FROM generate_series(1, $1) g
         JOIN LATERAL (SELECT id, name FROM municipalities ORDER BY code OFFSET (g % 29) LIMIT 1) m ON true`,
      [organizations],
    );
    await qr.query(
      `WITH orgs AS (SELECT id, municipality_id, pf_connected, row_number() OVER (ORDER BY inn) AS n FROM organizations),
            vocab AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::int[]) WITH ORDINALITY AS v(title, about, direction, age_from, age_to, k)),
            picks AS (
              SELECT g, 1 + floor(random() * (SELECT count(*) FROM orgs))::int AS org_n,
                     1 + floor(random() * $7)::int AS k, random() AS r1, random() AS r2, random() AS r3
                FROM generate_series(1, $1) g)
       INSERT INTO programs (organization_id, municipality_id, title, description, direction, age_from, age_to, duration_months,
                             academic_hours, format, funding_type, monthly_price, normative_monthly_cost, certification_status,
                             status, address, teacher, published_at)
       SELECT o.id, o.municipality_id, v.title || CASE WHEN p.r3 < 0.5 THEN '' ELSE ' — уровень ' || (1 + (p.g % 3)) END,
              v.about || '. Программа № ' || p.g || '.', v.direction, v.age_from, v.age_to, 9, 144,
              CASE WHEN p.r2 < 0.85 THEN 'IN_PERSON' WHEN p.r2 < 0.93 THEN 'ONLINE' ELSE 'MIXED' END,
              ft.type, ft.price, CASE WHEN ft.type = 'CERTIFICATE' AND p.r2 < 0.9 THEN ft.price END,
              CASE WHEN ft.type <> 'CERTIFICATE' THEN 'NOT_SUBMITTED' WHEN p.r2 < 0.9 THEN 'CERTIFIED' ELSE 'SUBMITTED' END,
              CASE WHEN p.r3 < 0.95 THEN 'PUBLISHED' ELSE 'DRAFT' END,
              'ул. Советская, ' || (1 + p.g % 90), 'Педагог № ' || (1 + p.g % 997), now() - make_interval(hours => p.g % 5000)
         FROM picks p
         JOIN orgs o ON o.n = p.org_n
         JOIN vocab v ON v.k = p.k
         CROSS JOIN LATERAL (SELECT CASE WHEN o.pf_connected AND p.r1 < 0.55 THEN 'CERTIFICATE' WHEN p.r1 < 0.8 THEN 'BUDGET' ELSE 'PAID' END AS type) t
         CROSS JOIN LATERAL (SELECT t.type, CASE WHEN t.type = 'BUDGET' THEN 0 ELSE (120 + floor(p.r2 * 230)::int) * 1000 END AS price) ft`,
      [
        programs,
        entries.map((e) => e.title),
        entries.map((e) => e.about),
        entries.map((e) => e.direction),
        entries.map((e) => e.ages[0]),
        entries.map((e) => e.ages[1]),
        entries.length,
      ],
    );
    const year = new Date().getUTCFullYear();
    await qr.query(
      `INSERT INTO groups (program_id, name, schedule, starts_on, ends_on, capacity, seats_taken, address, teacher, enrollment_open)
       SELECT p.id, 'Группа ' || s, '[{"weekday":2,"startTime":"16:00","endTime":"17:30"}]'::jsonb,
              make_date($1, 9, 1), make_date($1 + 1, 5, 31), 15, (hashtext(p.id::text || s) & 15) % 16, p.address, p.teacher,
              (hashtext(p.id::text) & 7) <> 0
         FROM (SELECT id, address, teacher, row_number() OVER (ORDER BY id) AS n FROM programs) p
         CROSS JOIN LATERAL generate_series(1, 1 + (p.n % 4)::int) s`,
      [year],
    );
    // A live catalog is vacuumed: without this the GIN index's pending list, unset hint bits and an
    // autovacuum running during the measurement would be billed to the queries.
    await qr.query(`VACUUM (ANALYZE)`);
    await qr.query(`CHECKPOINT`);
    const [{ programs: p, groups: g }] = await qr.query(`SELECT (SELECT count(*) FROM programs)::int AS programs, (SELECT count(*) FROM groups)::int AS groups`);
    return { programs: p, groups: g, seconds: (performance.now() - started) / 1000 };
  } finally {
    await qr.release();
  }
}
