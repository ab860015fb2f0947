/**
 * Browser end-to-end tests (test/e2e/*.e2e.test.ts, real server + headless Chromium) and the web app's
 * unit tests (web/src/**\/*.test.ts). Run with `npm run test:e2e`.
 */
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/e2e/**/*.e2e.test.ts', 'web/src/**/*.test.ts', 'web/src/**/*.test.tsx'],
    exclude: ['node_modules', 'dist', 'web/dist/**'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});
