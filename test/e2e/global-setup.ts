/** Builds the web app once before the browser tests (they load web/dist through the real server). */
import { resolve } from 'node:path';

export default async function setup(): Promise<void> {
  if (process.env.PMO_E2E_SKIP_BUILD === '1') return;
  const { build } = await import('vite');
  await build({ configFile: resolve(process.cwd(), 'vite.config.ts'), logLevel: 'warn' });
}
