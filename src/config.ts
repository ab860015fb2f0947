/** Configuration from the environment (and CLI flags), validated once at start-up. */
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Load the demo portfolio into a new embedded database (PMO_DEMO, default on). */
  demo: boolean;
  adminPassword?: string;
  logLevel: string;
  secureCookies: boolean;
  loginRateLimit: { max: number; timeWindow: number };
  /** Directory with the built web app (index.html). */
  webDir: string;
  /** Run queued and recurring jobs in this server process (PMO_JOBS, default on; 0 where a separate worker runs them). */
  jobs: boolean;
  /** Time between job runner ticks (PMO_JOBS_POLL_MS, default 10 s). */
  jobsPollMs: number;
}

/** Reads the configuration; throws a one-line error for invalid values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = overrides.port ?? (env.PORT ? Number(env.PORT) : 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
  const jobsPollMs = overrides.jobsPollMs ?? Number(env.PMO_JOBS_POLL_MS ?? 10_000);
  if (!Number.isInteger(jobsPollMs) || jobsPollMs < 100) throw new Error(`PMO_JOBS_POLL_MS must be a whole number of milliseconds >= 100, got "${env.PMO_JOBS_POLL_MS}"`);
  return {
    port,
    host: overrides.host ?? env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: overrides.dataDir ?? resolve(env.PMO_DATA_DIR || './data'),
    demo: overrides.demo ?? env.PMO_DEMO !== '0',
    adminPassword: overrides.adminPassword ?? (env.PMO_ADMIN_PASSWORD || undefined),
    logLevel: overrides.logLevel ?? env.LOG_LEVEL ?? 'info',
    secureCookies: overrides.secureCookies ?? env.PMO_SECURE_COOKIES === '1',
    loginRateLimit: overrides.loginRateLimit ?? { max: Number(env.PMO_LOGIN_RATE_LIMIT ?? 10), timeWindow: 60_000 },
    jobs: overrides.jobs ?? env.PMO_JOBS !== '0',
    jobsPollMs,
    webDir: overrides.webDir ?? resolve(env.PMO_WEB_DIR || new URL('../web/dist', import.meta.url).pathname.replace(/\/dist\/web\/dist$/, '/web/dist')),
  };
}
