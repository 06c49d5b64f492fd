/**
 * The catalog's traffic: at least 10,000 distinct queries a parent could send
 * (texts and misspellings from the generator's vocabulary, filter
 * combinations, pages 1–50), ranked and drawn with Zipf weights — a few
 * queries (the home page, «футбол» in the regional centre) take much of the
 * traffic, most are rare. Deterministic: the same seed gives the same draws.
 */
import api from '@navigator/api/dist/bench-support.js';
import cursor from '@navigator/api/dist/modules/catalog/catalog-cursor.js';

export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DIRECTIONS = ['TECHNICAL', 'NATURAL_SCIENCE', 'PHYSICAL_SPORTS', 'ARTS', 'TOURISM_LOCAL_HISTORY', 'SOCIAL_HUMANITARIAN'];
const FUNDING = ['CERTIFICATE', 'BUDGET', 'PAID'];
const FORMATS = ['IN_PERSON', 'ONLINE', 'MIXED'];
const VOWELS = 'аеиоуыэюя';

const words = (s) => s.toLowerCase().split(/[^а-яёa-z]+/).filter((w) => w.length >= 4);

/** A plausible misspelling: one vowel swapped for another, as parents type on a phone. */
function misspell(word, rnd) {
  const positions = [...word].map((c, i) => (VOWELS.includes(c) && i > 0 ? i : -1)).filter((i) => i >= 0);
  if (!positions.length) return null;
  const i = positions[Math.floor(rnd() * positions.length)];
  const other = VOWELS.replace(word[i], '');
  return word.slice(0, i) + other[Math.floor(rnd() * other.length)] + word.slice(i + 1);
}

function texts() {
  const entries = Object.values(api.PROGRAM_TITLES).flat();
  const set = new Set();
  for (const e of entries) {
    set.add(e.title.toLowerCase());
    for (const w of words(e.title)) set.add(w);
    const about = words(e.about);
    for (const w of about) set.add(w);
    for (let i = 0; i + 1 < about.length; i++) set.add(`${about[i]} ${about[i + 1]}`);
  }
  return [...set].sort();
}

/**
 * Builds the ranked universe. `municipalityIds` come from the dataset; deep
 * pages get real keyset cursors from `cursorFor(filter, page)` (null when the
 * page does not exist at this catalog size).
 */
export async function buildQueries(municipalityIds, cursorFor, { seed = 14, size = 12_000 } = {}) {
  const rnd = random(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const maybe = (p, value) => (rnd() < p ? value : undefined);
  const textList = texts();
  const typos = textList.flatMap((t) => words(t).map((w) => misspell(w, rnd))).filter(Boolean);
  const filters = () => {
    const f = {
      municipalityId: maybe(0.7, pick(municipalityIds)),
      direction: maybe(0.6, pick(DIRECTIONS)),
      fundingType: maybe(0.4, pick(FUNDING)),
      age: maybe(0.4, 5 + Math.floor(rnd() * 13)),
      format: maybe(0.15, pick(FORMATS)),
      hasFreeSeats: maybe(0.35, true),
    };
    return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
  };
  const makers = [
    [0.25, () => ({ kind: 'text', filter: { text: pick(textList) } })],
    [0.2, () => ({ kind: 'text+filters', filter: { text: pick(textList), ...filters() } })],
    [0.3, () => ({ kind: 'filters', filter: filters() })],
    [0.17, () => ({ kind: 'deep-page', filter: rnd() < 0.3 ? {} : filters(), page: 2 + Math.floor(rnd() * 49) })],
    [0.08, () => ({ kind: 'typo', filter: { text: pick(typos), ...(rnd() < 0.3 ? { municipalityId: pick(municipalityIds) } : {}) } })],
  ];
  const byKey = new Map([['home', { kind: 'home', filter: {} }]]);
  for (let guard = 0; byKey.size < size && guard < size * 20; guard++) {
    let r = rnd();
    const [, make] = makers.find(([p]) => (r -= p) < 0) ?? makers[0];
    const q = make();
    const key = JSON.stringify(q);
    if (!byKey.has(key)) byKey.set(key, q);
  }
  // Rank: the home page first, the rest in a seeded shuffle.
  const ranked = [...byKey.values()];
  for (let i = ranked.length - 1; i > 1; i--) {
    const j = 1 + Math.floor(rnd() * i);
    [ranked[i], ranked[j]] = [ranked[j], ranked[i]];
  }
  const queries = [];
  for (const q of ranked) {
    const variables = { first: 20, filter: q.filter };
    if (q.page) {
      const after = await cursorFor(q.filter, q.page);
      if (!after) continue;
      variables.after = after;
    }
    queries.push({ kind: q.kind, key: JSON.stringify(variables), variables });
  }
  return queries;
}

/** Draws `count` queries with probability ∝ 1 / rank^s. */
export function zipfDraws(queries, count, { s = 1, seed = 7 } = {}) {
  const cumulative = [];
  let total = 0;
  for (let i = 0; i < queries.length; i++) cumulative.push((total += 1 / (i + 1) ** s));
  const rnd = random(seed);
  return Array.from({ length: count }, () => {
    const x = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return queries[lo];
  });
}

/** The keyset cursor of the row just before page `page` in the default order (newest first), read straight from the dataset. */
export function cursorReader(dataSource) {
  const key = cursor.sortKey('NEWEST', null);
  return async (filter, page) => {
    const where = [`status = 'PUBLISHED'`];
    const values = [];
    const add = (v) => (values.push(v), `$${values.length}`);
    if (filter.municipalityId) where.push(`municipality_id = ${add(filter.municipalityId)}`);
    if (filter.direction) where.push(`direction = ${add(filter.direction)}`);
    if (filter.fundingType) where.push(`funding_type = ${add(filter.fundingType)}`);
    if (filter.format) where.push(`format = ${add(filter.format)}`);
    if (filter.age != null) where.push(`age_from <= ${add(filter.age)} AND age_to >= $${values.length}`);
    if (filter.hasFreeSeats) where.push('has_free_seats');
    const [row] = await dataSource.query(
      `SELECT coalesce(published_at, '-infinity')::text AS k, id FROM programs WHERE ${where.join(' AND ')}
        ORDER BY coalesce(published_at, '-infinity') DESC, id DESC OFFSET ${20 * (page - 1) - 1} LIMIT 1`,
      values,
    );
    return row ? cursor.encodeKeyset(key, row.k, row.id) : null;
  };
}
