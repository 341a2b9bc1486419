// ESLint (flat config): typescript-eslint's recommended rules, no import cycles, files of at most 300 lines, and
// the folder boundaries of docs/architecture.md. Fix the code rather than loosening a rule here.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** The pure core: plain data in, plain data out; it never reaches Discord, the database or the network. */
const CORE = ['src/ingest/decode', 'src/ingest/parse', 'src/ingest/fulltext', 'src/analysis', 'src/digest', 'src/text', 'src/opml', 'src/charts'];
/** The adapters and glue the core must not import (it is imported by them). */
const OUTSIDE_CORE = ['src/discord', 'src/store', 'src/pipeline', 'src/services', 'src/ingest/poll', 'src/ingest/fetch', 'src/cli', 'src/ops', 'src/app', 'src/app.ts', 'src/chart-image'];

const zone = (target, from, message) => ({ target: `./${target}`, from: `./${from}`, message });

export default tseslint.config(
  { ignores: ['dist/', '.bench-build/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The store is async (SQLite or PostgreSQL behind it): a forgotten await is an error, not a race.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'better-sqlite3', message: 'Only src/store talks to the database: use the Stores interface (src/store/index.ts).' }],
          patterns: [
            {
              group: ['**/store/database.js', '**/store/sqlite-backend.js', '**/store/prepared.js'],
              message: 'Only src/store knows the backend: open stores with openStores (src/store/index.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...CORE.flatMap((target) =>
              OUTSIDE_CORE.map((from) => zone(target, from, 'The pure core imports neither Discord, the store nor the adapters; pass plain data in.')),
            ),
            zone('src/store', 'src/discord', 'The store speaks plain records; Discord-shaped contracts live with delivery.'),
            zone('src/store', 'src/pipeline', 'The store is called by the pipeline, not the other way round.'),
            zone('src/store', 'src/services', 'The store is called by the services, not the other way round.'),
            zone('src/pipeline', 'src/discord', 'The pipeline plans alerts as plain data (pipeline/alert-content.ts); delivery renders them for Discord.'),
            zone('src/services', 'src/pipeline', 'Services are read models the pipeline uses, not the other way round.'),
          ],
        },
      ],
    },
  },
  {
    files: CORE.map((folder) => `${folder}/**/*.ts`).concat('src/store/**/*.ts'),
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'discord.js', message: 'Only src/discord talks to Discord.' }] }],
    },
  },
  {
    files: CORE.map((folder) => `${folder}/**/*.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'discord.js', message: 'Only src/discord talks to Discord.' },
            { name: 'better-sqlite3', message: 'Only src/store talks to the database.' },
          ],
        },
      ],
    },
  },
);
