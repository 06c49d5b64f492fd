import DataLoader from 'dataloader';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityRows } from './entity-rows';

/**
 * Per-request batching: every nested field that loads rows by key goes
 * through here, so a page of N programs costs one query per relation, not N.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly dataSource: DataSource) {}

  /** One row per id (null when missing). */
  byId<T extends ObjectLiteral>(entity: EntityTarget<T>, column = 'id'): DataLoader<string, T | null> {
    return this.get(`one:${this.name(entity)}:${column}`, async (keys) => {
      const rows = await this.read(entity, column, keys, '');
      const byKey = new Map(rows.map((row) => [String(row[column]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /** All rows whose `column` equals the key, in `orderBy` order. */
  manyBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: string, orderBy: Record<string, 'ASC' | 'DESC'> = {}): DataLoader<string, T[]> {
    return this.get(`many:${this.name(entity)}:${column}`, async (keys) => {
      const table = new EntityRows(this.dataSource, entity);
      const order = Object.entries(orderBy).map(([property, dir]) => `t.${table.column(property)} ${dir}`);
      const rows = await this.read(entity, column, keys, order.length ? `ORDER BY ${order.join(', ')}` : '');
      const byKey = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of rows) byKey.get(String(row[column]))?.push(row);
      return keys.map((k) => byKey.get(k) ?? []);
    });
  }

  private async read<T extends ObjectLiteral>(entity: EntityTarget<T>, column: string, keys: readonly string[], orderBy: string): Promise<T[]> {
    const table = new EntityRows(this.dataSource, entity);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${table.select('t')} FROM ${table.metadata.tablePath} t WHERE t.${table.column(column)} = ANY($1) ${orderBy}`,
      [[...keys]],
    );
    return rows.map((row) => table.hydrate(row));
  }

  private name(entity: EntityTarget<unknown>): string {
    return this.dataSource.getMetadata(entity).name;
  }

  private get<V>(key: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(key) as DataLoader<string, V> | undefined;
    if (!loader) {
      loader = new DataLoader<string, V>(batch);
      this.loaders.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }
}
