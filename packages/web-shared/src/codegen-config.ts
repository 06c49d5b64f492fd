import type { CodegenConfig } from '@graphql-codegen/cli';

const SCHEMA = '../api/schema.graphql';

// Enums as string unions and the same scalars everywhere, so a value typed in one app is assignable in the other and in the shared labels.
const typeConfig = {
  scalars: { Kopecks: 'number', LocalDate: 'string', DateTimeISO: 'string' },
  enumsAsTypes: true,
  useTypeImports: true,
};

/** A SPA types its operations from the API's committed schema. */
export function codegenConfig(): CodegenConfig {
  return {
    schema: SCHEMA,
    documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
    ignoreNoDocuments: true,
    generates: {
      './src/gql/': { preset: 'client', config: typeConfig, presetConfig: { fragmentMasking: false } },
    },
  };
}

/** This package has no operations, only the schema's types (the enums the labels are keyed by). */
export function schemaTypesConfig(): CodegenConfig {
  return { schema: SCHEMA, generates: { './src/gql/schema.ts': { plugins: ['typescript'], config: typeConfig } } };
}
