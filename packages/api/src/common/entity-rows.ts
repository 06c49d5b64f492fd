import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Entities from hand-written SQL: the select list for an entity's columns
 * (optionally prefixed, to share a row with other tables) and the hydration
 * TypeORM itself applies (driver types, then transformers) — without building
 * a query through the QueryBuilder on every read, which costs more CPU than
 * the read on a hot path.
 */
export class EntityRows<T extends ObjectLiteral> {
  readonly metadata: EntityMetadata;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
    private readonly prefix = '',
  ) {
    this.metadata = dataSource.getMetadata(entity);
  }

  select(alias: string): string {
    return this.metadata.columns.map((c) => `${alias}.${c.databaseName} AS "${this.prefix}${c.databaseName}"`).join(', ');
  }

  column(propertyName: string): string {
    const column = this.metadata.findColumnWithPropertyName(propertyName);
    if (!column) throw new Error(`${this.metadata.name} has no column ${propertyName}`);
    return column.databaseName;
  }

  hydrate(row: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    for (const c of this.metadata.columns) c.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(row[`${this.prefix}${c.databaseName}`], c));
    return entity;
  }
}
