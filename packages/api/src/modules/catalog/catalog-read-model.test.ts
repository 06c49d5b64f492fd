import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/app';
import { raceBehindLock } from '../../../test/races';
import { freeSeats, takeSeat } from './group-seats';
import type { ProgramFilter } from './inputs/program-filter.input';
import { ProgramSearchService } from './program-search.service';

/** Rows where the maintained read model differs from a recount of the source tables (0 when exact). */
const DRIFT = `
  WITH facets AS (
    SELECT a.age, p.has_free_seats, p.format, p.municipality_id, p.direction, p.funding_type, count(*)::int AS programs
      FROM programs p CROSS JOIN LATERAL (SELECT -1 AS age UNION ALL SELECT generate_series(p.age_from, p.age_to)) a
     WHERE p.status = 'PUBLISHED' GROUP BY 1, 2, 3, 4, 5, 6),
  words AS (
    SELECT t.word, count(*)::int AS programs FROM programs p
      CROSS JOIN LATERAL (SELECT DISTINCT word FROM regexp_split_to_table(lower(p.title), '[^[:alpha:]]+') word WHERE length(word) >= 3) t
     WHERE p.status = 'PUBLISHED' GROUP BY 1)
  SELECT
    (SELECT count(*) FROM (SELECT * FROM facets EXCEPT SELECT * FROM catalog_facet_counts WHERE programs > 0) d)
  + (SELECT count(*) FROM (SELECT * FROM catalog_facet_counts WHERE programs > 0 EXCEPT SELECT * FROM facets) d)
  + (SELECT count(*) FROM (SELECT * FROM words EXCEPT SELECT * FROM catalog_title_words WHERE programs > 0) d)
  + (SELECT count(*) FROM (SELECT * FROM catalog_title_words WHERE programs > 0 EXCEPT SELECT * FROM words) d)
  + (SELECT count(*) FROM groups g
      WHERE g.pending_count <> (SELECT count(*) FROM applications a WHERE a.group_id = g.id AND a.status = 'SUBMITTED')
         OR g.waitlist_count <> (SELECT count(*) FROM applications a WHERE a.group_id = g.id AND a.status = 'WAITLISTED'))
  + (SELECT count(*) FROM programs p WHERE p.has_free_seats IS DISTINCT FROM EXISTS (
       SELECT 1 FROM groups g WHERE g.program_id = p.id AND g.enrollment_open AND g.capacity - g.seats_taken - g.pending_count > 0))
  AS drift`;

describe('catalog read model', () => {
  let ds: DataSource;
  let close: () => Promise<void>;
  let search: ProgramSearchService;
  const drift = async () => Number((await ds.query(DRIFT))[0].drift);

  beforeAll(async () => {
    const app = await createTestApp();
    ({ dataSource: ds, close } = app);
    search = app.container.get(ProgramSearchService);
  });
  afterAll(() => close());

  /** Applications inserted directly: the read model must follow whoever writes them. */
  async function apply(groupId: string, status: 'SUBMITTED' | 'WAITLISTED', position: number | null): Promise<string> {
    const [row] = await ds.query(
      `INSERT INTO applications (child_id, parent_user_id, group_id, program_id, organization_id, municipality_id, status, waitlist_position)
       SELECT c.id, c.parent_user_id, g.id, p.id, p.organization_id, p.municipality_id, $2, $3
         FROM groups g JOIN programs p ON p.id = g.program_id
         CROSS JOIN LATERAL (SELECT * FROM children c WHERE NOT EXISTS (SELECT 1 FROM applications a WHERE a.child_id = c.id AND a.program_id = p.id) LIMIT 1) c
        WHERE g.id = $1 RETURNING id`,
      [groupId, status, position],
    );
    return row.id;
  }

  it('counts pending applications against free seats: a group of 2 with 2 pending and 2 waiting is full', async () => {
    const [program] = await ds.query(`SELECT id, organization_id FROM programs WHERE status = 'PUBLISHED' AND has_free_seats ORDER BY id LIMIT 1`);
    const [group] = await ds.query(`SELECT id FROM groups WHERE program_id = $1 ORDER BY id LIMIT 1`, [program.id]);
    await ds.query(`UPDATE groups SET enrollment_open = (id = $2), capacity = CASE WHEN id = $2 THEN 2 ELSE capacity END, seats_taken = 0 WHERE program_id = $1`, [program.id, group.id]);
    const submitted = [await apply(group.id, 'SUBMITTED', null), await apply(group.id, 'SUBMITTED', null)];
    await apply(group.id, 'WAITLISTED', 1);
    await apply(group.id, 'WAITLISTED', 2);

    const [row] = await ds.query(`SELECT capacity, seats_taken AS "seatsTaken", pending_count AS "pendingCount", waitlist_count AS "waitlistCount" FROM groups WHERE id = $1`, [group.id]);
    expect(freeSeats(row)).toBe(0);
    expect(row.waitlistCount).toBe(2);
    const filter: ProgramFilter = { organizationId: program.organization_id, hasFreeSeats: true };
    const ids = async () => (await search.search(filter, 100)).edges.map((e) => e.node.id);
    expect(await ids()).not.toContain(program.id);

    await ds.query(`UPDATE applications SET status = 'CANCELLED' WHERE id = $1`, [submitted[0]]);
    expect(await ids()).toContain(program.id);
    expect(await drift()).toBe(0);
  });

  it('keeps facets and free seats exact right after a seat is taken, a program is published, a group is closed', async () => {
    const recount = async (filter: ProgramFilter) => {
      const result = await search.search(filter);
      const [{ n }] = await ds.query(
        `SELECT count(*)::int AS n FROM programs p WHERE p.status = 'PUBLISHED' AND ($1::bool IS NOT TRUE OR EXISTS (
           SELECT 1 FROM groups g WHERE g.program_id = p.id AND g.enrollment_open AND g.capacity - g.seats_taken - g.pending_count > 0))`,
        [filter.hasFreeSeats ?? null],
      );
      expect(result.totalCount).toBe(n);
      expect(result.facets.directions.reduce((s, f) => s + f.count, 0)).toBe(n);
      return n;
    };
    const free = await recount({ hasFreeSeats: true });
    const all = await recount({});

    // The last free seat of a program's only open group.
    const [target] = await ds.query(
      `SELECT g.id, g.capacity - g.seats_taken - g.pending_count AS free FROM groups g JOIN programs p ON p.id = g.program_id
        WHERE p.status = 'PUBLISHED' AND g.enrollment_open AND g.capacity - g.seats_taken - g.pending_count > 0
          AND (SELECT count(*) FROM groups o WHERE o.program_id = p.id AND o.enrollment_open) = 1 ORDER BY g.id LIMIT 1`,
    );
    for (let i = 0; i < target.free; i++) await ds.transaction((m) => takeSeat(m, target.id));
    expect(await recount({ hasFreeSeats: true })).toBe(free - 1);

    const [draft] = await ds.query(`SELECT id FROM programs WHERE status = 'DRAFT' ORDER BY id LIMIT 1`);
    await ds.query(`UPDATE programs SET status = 'PUBLISHED', published_at = now() WHERE id = $1`, [draft.id]);
    expect(await recount({})).toBe(all + 1);

    await ds.query(`UPDATE groups SET enrollment_open = false WHERE program_id = (SELECT program_id FROM groups WHERE enrollment_open AND capacity > seats_taken + pending_count ORDER BY id LIMIT 1)`);
    await recount({ hasFreeSeats: true });
    expect(await drift()).toBe(0);
  });

  /**
   * Two groups of one program, one free seat each, their last seats taken by
   * two transactions that commit together. The flag is recomputed at commit;
   * each must see the other's group as it is after the other commits, or both
   * find a sibling still free and a full program stays in the free filter.
   * Returns how many of `rounds` rounds left the flag wrong.
   */
  async function lastSeatsAtOnce(rounds: number): Promise<number> {
    const [program] = await ds.query(
      `SELECT p.id FROM programs p WHERE p.status = 'PUBLISHED' AND (SELECT count(*) FROM groups g WHERE g.program_id = p.id) >= 2 ORDER BY p.id LIMIT 1`,
    );
    const groups: { id: string }[] = await ds.query(`SELECT id FROM groups WHERE program_id = $1 ORDER BY id`, [program.id]);
    const [gate] = await ds.query(`SELECT id FROM municipalities ORDER BY id LIMIT 1`);
    let wrong = 0;
    for (let round = 0; round < rounds; round++) {
      await ds.query(
        `UPDATE groups SET enrollment_open = id = ANY($2), capacity = 10, seats_taken = 9 - pending_count WHERE program_id = $1`,
        [program.id, [groups[0].id, groups[1].id]],
      );
      await raceBehindLock(
        ds,
        (m) => m.query(`SELECT 1 FROM municipalities WHERE id = $1 FOR UPDATE`, [gate.id]),
        groups.slice(0, 2).map((g) => () =>
          ds.transaction(async (m) => {
            await m.query(`UPDATE groups SET seats_taken = seats_taken + 1 WHERE id = $1`, [g.id]);
            await m.query(`SELECT 1 FROM municipalities WHERE id = $1 FOR SHARE`, [gate.id]);
          }),
        ),
      );
      const [{ has_free_seats }] = await ds.query(`SELECT has_free_seats FROM programs WHERE id = $1`, [program.id]);
      if (has_free_seats) wrong++;
    }
    return wrong;
  }

  it('takes the last seats of two groups of one program at once and leaves the program out of the free filter', async () => {
    expect(await lastSeatsAtOnce(8)).toBe(0);
    expect(await drift()).toBe(0);
  });

  it('control: recomputing the flag without locking the program first leaves a full program marked free', async () => {
    const [{ def }] = await ds.query(`SELECT pg_get_functiondef('catalog_group_free_seats_flip'::regproc) AS def`);
    const lockless = def.replace(/PERFORM 1 FROM programs[^;]*FOR UPDATE;/, '');
    expect(lockless).not.toBe(def);
    await ds.query(lockless);
    try {
      expect(await lastSeatsAtOnce(8)).toBeGreaterThan(0);
    } finally {
      await ds.query(def);
      await ds.query(`UPDATE programs p SET has_free_seats = EXISTS (SELECT 1 FROM groups g WHERE g.program_id = p.id AND g.enrollment_open AND g.capacity - g.seats_taken - g.pending_count > 0)`);
    }
  });

  it('equals a recount after many random changes of programs, groups and applications', async () => {
    const municipalities: { id: string }[] = await ds.query(`SELECT id FROM municipalities`);
    for (let round = 0; round < 40; round++) {
      const r = (n: number) => Math.floor(Math.random() * n);
      switch (round % 5) {
        case 0:
          await ds.query(`UPDATE programs SET status = (ARRAY['DRAFT','PUBLISHED','ARCHIVED'])[1 + $1], published_at = coalesce(published_at, now())
                           WHERE id IN (SELECT id FROM programs ORDER BY random() LIMIT 3)`, [r(3)]);
          break;
        case 1:
          await ds.query(`UPDATE programs SET direction = (ARRAY['TECHNICAL','ARTS','PHYSICAL_SPORTS'])[1 + $1], format = (ARRAY['IN_PERSON','ONLINE','MIXED'])[1 + $2],
                                              age_from = 5 + $3, age_to = 12 + $3, municipality_id = $4, title = title || ' ' || (ARRAY['юный','клуб','студия'])[1 + $1]
                           WHERE id IN (SELECT id FROM programs ORDER BY random() LIMIT 2)`, [r(3), r(3), r(5), municipalities[r(municipalities.length)].id]);
          break;
        case 2:
          await ds.query(`UPDATE groups SET seats_taken = least(capacity, $1), enrollment_open = $2 WHERE id IN (SELECT id FROM groups ORDER BY random() LIMIT 4)`, [r(20), r(4) > 0]);
          break;
        case 3: {
          const [g] = await ds.query(`SELECT id, (SELECT coalesce(max(waitlist_position), 0) + 1 FROM applications a WHERE a.group_id = g.id) AS next FROM groups g ORDER BY random() LIMIT 1`);
          if (r(2)) await apply(g.id, 'SUBMITTED', null);
          else await apply(g.id, 'WAITLISTED', g.next);
          break;
        }
        case 4:
          await ds.query(`UPDATE applications SET status = 'REJECTED', reject_reason = 'тест', waitlist_position = NULL
                           WHERE id IN (SELECT id FROM applications WHERE status IN ('SUBMITTED', 'WAITLISTED') ORDER BY random() LIMIT 1)`);
          break;
      }
    }
    expect(await drift()).toBe(0);
  });
});
