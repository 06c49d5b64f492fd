import type { CodegenConfig } from '@graphql-codegen/cli';

// Operations are typed from the API's committed schema; run `pnpm codegen` after changing either.
const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        scalars: { Kopecks: 'number', LocalDate: 'string', DateTimeISO: 'string' },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
