import 'reflect-metadata';
import { types } from 'pg';
import { DataSource, type Logger as TypeOrmLogger } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';
import { PreparingClient } from './preparing-client';

// Calendar dates stay `YYYY-MM-DD` strings: turning them into JS Dates would shift them by the time zone.
types.setTypeParser(1082, (value: string) => value);

export const TYPO_WORD_SIMILARITY = 0.4;

export function createDataSource(url: string, options: { poolSize?: number; logger?: TypeOrmLogger; applicationName?: string; prepareStatements?: boolean } = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    logger: options.logger,
    logging: options.logger ? ['query'] : false,
    extra: {
      max: options.poolSize ?? 20,
      ...(options.prepareStatements !== false && { Client: PreparingClient }),
      application_name: options.applicationName ?? 'navigator-api',
      // Word similarity below which a catalog title is not taken as a misspelling of the query
      // (pg_trgm's `<%` operator, which can use the trigram index).
      // JIT compiles a plan for ~100 ms when its estimated cost is high (a catalog search over the facet aggregates is); every statement here is short.
      options: `-c pg_trgm.word_similarity_threshold=${TYPO_WORD_SIMILARITY} -c jit=off`,
    },
  });
}

export async function migrate(dataSource: DataSource): Promise<void> {
  await dataSource.runMigrations({ transaction: 'each' });
}
