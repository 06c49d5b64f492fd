import type { DataSource } from 'typeorm';

/**
 * Inserts `count` copies of the first row of `table` that `where` selects (in
 * id order), in one statement: season-start volumes in a test database. `set`
 * gives the columns that must differ, as SQL over the copy's number `i`; the
 * id is the table's default, and generated columns follow.
 */
export async function copyRows(
  ds: DataSource,
  table: string,
  options: { where: string; count: number; set: Record<string, string>; params?: unknown[] },
): Promise<void> {
  const columns: { column_name: string }[] = await ds.query(
    `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND is_generated = 'NEVER' AND column_name <> ALL($2) ORDER BY ordinal_position`,
    [table, ['id', ...Object.keys(options.set)]],
  );
  const copied = columns.map((c) => c.column_name).join(', ');
  const changed = Object.keys(options.set).join(', ');
  await ds.query(
    `INSERT INTO ${table} (${changed}, ${copied}) SELECT ${Object.values(options.set).join(', ')}, ${copied}
       FROM (SELECT * FROM ${table} WHERE ${options.where} ORDER BY id LIMIT 1) source, generate_series(1, ${options.count}) i`,
    options.params ?? [],
  );
}
