/** Builds the web app once before the browser tests (they load web/dist through the real server). */
import { resolve } from 'node:path';

export default async function setup(): Promise<void> {
  if (process.env.PMO_E2E_SKIP_BUILD === '1') return;
  const { build } = await import('vite');
  // Vitest sets NODE_ENV=test; the browser tests must run the production build of React.
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: resolve(process.cwd(), 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = saved;
  }
}
