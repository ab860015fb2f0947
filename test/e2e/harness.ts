/**
 * The one place that wires browser tests to the real server: a fresh PGlite data dir, a free port,
 * the first admin with a known password, and helpers to log in and call the API as a user.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const ADMIN = { username: 'admin', password: 'e2e-Admin-password-1' };

export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** Starts pmo in-process on a free port with a new temporary embedded database (demo data loaded). */
export async function startTestServer(opts: { demo?: boolean } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pmo-e2e-'));
  // Module paths are built at run time so this file type-checks before the server exists in a branch.
  const configModule = '../../src/config.js';
  const startModule = '../../src/server/start.js';
  const { loadConfig } = (await import(configModule)) as { loadConfig: (env: object, o: object) => unknown };
  const { startServer } = (await import(startModule)) as {
    startServer: (c: unknown, o: object) => Promise<{ url: string; close(): Promise<void> }>;
  };
  const config = loadConfig({}, {
    port: 0, host: '127.0.0.1', dataDir, demo: opts.demo ?? true, adminPassword: ADMIN.password,
    webDir: resolve(process.cwd(), 'web/dist'), logLevel: 'warn',
    loginRateLimit: { max: 1000, timeWindow: 60_000 },
  });
  const server = await startServer(config, { logger: false, print: () => undefined });
  const url = server.url.replace('localhost', '127.0.0.1');
  return {
    url,
    dataDir,
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Logs in through the login form and waits for the portfolio page. */
export async function loginViaUi(page: Page, baseUrl: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/portfolio/);
}

/** A minimal API caller for a logged-in context (cookie + CSRF), for test setup and assertions. */
export async function apiAs(context: BrowserContext, baseUrl: string) {
  const me = await context.request.get(`${baseUrl}/api/v1/auth/me`);
  if (!me.ok()) throw new Error(`GET /auth/me failed: ${me.status()} ${await me.text()}`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await context.request.fetch(`${baseUrl}/api/v1${path}`, {
      method, headers: { 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      data: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok()) throw new Error(`${method} ${path} -> ${res.status()}: ${text}`);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  return { call };
}

/** New browser context with a viewport suited to screenshots. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
}
