// ESLint flat config. The domain layer must stay pure: no I/O, no database, no HTTP, no clock.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ioModules = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'worker_threads',
  'kysely', 'pg', '@electric-sql/*', 'fastify', 'fastify-*', '@fastify/*', 'pino',
];

export default tseslint.config(
  { ignores: ['dist/**', 'web/dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', performance: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly', globalThis: 'readonly', window: 'readonly', document: 'readonly', fetch: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', AbortController: 'readonly', EventSource: 'readonly', localStorage: 'readonly', navigator: 'readonly', requestAnimationFrame: 'readonly', cancelAnimationFrame: 'readonly', HTMLElement: 'readonly', HTMLCanvasElement: 'readonly', ResizeObserver: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-constant-condition': ['error', { checkLoops: false }],
      // Input hygiene deliberately matches control characters.
      'no-control-regex': 'off',
    },
  },
  {
    // Pure domain code: plain functions over plain data. Time and randomness are passed in.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ioModules, message: 'src/domain is pure: no I/O, database or HTTP imports.' },
          { group: ['**/db/**', '**/modules/**', '**/server/**', '**/jobs/**', '**/cli/**'], message: 'src/domain imports nothing outside itself.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Pass time in (asOf); no Date.now() in domain code.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Pass a seeded generator in; no Math.random() in domain code.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pass time in (asOf); no new Date() in domain code.' },
      ],
    },
  },
);
