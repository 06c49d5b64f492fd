import DataLoader from 'dataloader';
import { type DataSource, type EntityTarget, In, type ObjectLiteral } from 'typeorm';

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
      const rows = await this.dataSource.getRepository(entity).find({ where: { [column]: In([...keys]) } as never });
      const byKey = new Map(rows.map((row) => [String(row[column]), row]));
      return keys.map((k) => byKey.get(k) ?? null);
    });
  }

  /** All rows whose `column` equals the key, in `orderBy` order. */
  manyBy<T extends ObjectLiteral>(entity: EntityTarget<T>, column: string, orderBy: Record<string, 'ASC' | 'DESC'> = {}): DataLoader<string, T[]> {
    return this.get(`many:${this.name(entity)}:${column}`, async (keys) => {
      const rows = await this.dataSource
        .getRepository(entity)
        .find({ where: { [column]: In([...keys]) } as never, order: orderBy as never });
      const byKey = new Map<string, T[]>(keys.map((k) => [k, []]));
      for (const row of rows) byKey.get(String(row[column]))?.push(row);
      return keys.map((k) => byKey.get(k) ?? []);
    });
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
