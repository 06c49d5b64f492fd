import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { createSchema } from './schema';

export const SCHEMA_FILE = path.resolve(__dirname, '../../schema.graphql');

/** The schema as SDL, sorted so the committed file changes only when the schema does. */
export async function printAppSchema(): Promise<string> {
  const schema = await createSchema();
  return `# Generated from the type-graphql resolvers by \`pnpm --filter @navigator/api emit-schema\`. Do not edit.\n\n${printSchema(lexicographicSortSchema(schema))}\n`;
}
