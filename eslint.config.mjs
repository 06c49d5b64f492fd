// @ts-check
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/**
 * The API's modules, in dependency order (README «Architecture»): a module may
 * import itself, `common/` and the modules before it, never one after it.
 * A module earlier in the order reaches a later one only through a seam that
 * `createContainer` wires (certificates → contracts: PeriodFundingListeners;
 * contracts → enrollment: ContractApplications).
 */
export const MODULE_ORDER = ['notifications', 'municipalities', 'accounts', 'catalog', 'certificates', 'contracts', 'enrollment', 'billing'];

/** Everything outside the modules that wires them together; nothing in `common/` or a module may import it. */
const APP = 'app';

/** The folders beside the modules that wire them (the schema, the queue, HTTP, the database, scripts, the invariants registry). */
const APP_FOLDERS = ['graphql', 'jobs', 'http', 'dev', 'db', 'scripts', 'invariants', 'testing'];

/** Refuses `from` importing any of `types` or a wiring file, with `message`. */
function forbid(from, types, message) {
  return [
    { from: { element: { type: from } }, disallow: { to: { element: { types: { anyOf: types } } } }, message },
    { from: { element: { type: from } }, disallow: { to: { file: { categories: APP } } }, message },
  ];
}

const moduleElements = MODULE_ORDER.map((name) => ({ type: name, pattern: `packages/api/src/modules/${name}` }));

export default tseslint.config(
  {
    // A disable comment that no longer silences anything is an error: each one left says why it is needed.
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/gql/**', '**/.data/**', 'packages/api/schema.graphql'],
  },
  {
    files: ['packages/*/src/**/*.{ts,tsx}', 'packages/*/test/**/*.ts', 'packages/*/e2e/**/*.ts', 'bench/**/*.ts', 'testing/**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // Unused function arguments keep their name when a signature is fixed by an interface; a leading underscore says so.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Browser journeys and system helpers read GraphQL answers untyped (the SPAs' codegen types do not reach them): `any` is their default result type.
    files: ['packages/*/e2e/**/*.ts', 'testing/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['packages/api/src/**/*.ts'],
    ignores: ['packages/api/src/**/*.test.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [{ type: 'common', pattern: 'packages/api/src/common' }, ...moduleElements, { type: APP, pattern: `packages/api/src/{${APP_FOLDERS.join(',')}}` }],
      // The entry files beside them wire the application too; configuration and the logger are foundations everything may read.
      'boundaries/files': [{ category: APP, pattern: 'packages/api/src/{server,main,bench-support}.ts' }],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            ...forbid('common', [...MODULE_ORDER, APP], 'common/ is the lowest layer: it imports no module and nothing that wires the application'),
            ...MODULE_ORDER.flatMap((name, i) =>
              forbid(
                name,
                [...MODULE_ORDER.slice(i + 1), APP],
                `modules/${name} may import only common/ and the modules before it (${MODULE_ORDER.slice(0, i).join(', ') || 'none'}): see MODULE_ORDER in eslint.config.mjs`,
              ),
            ),
          ],
        },
      ],
    },
  },
);
