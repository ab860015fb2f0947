/** Starts the HTTP server and stops it gracefully on SIGTERM/SIGINT (stop accepting, drain, close the database). */
import type { Config } from '../config.js';
import { buildApp } from './app.js';
import { openPmoDatabase } from './lifecycle.js';
import type { App } from './http.js';
import { createJobRunner } from '../jobs/runner.js';
import { CRON_SCHEDULES, JOB_DEFINITIONS } from './jobs.js';

export interface RunningServer {
  app: App;
  url: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { logger?: boolean; print?: (msg: string) => void; handleSignals?: boolean } = {}): Promise<RunningServer> {
  const print = opts.print ?? ((m: string) => console.log(m));
  const opened = await openPmoDatabase(config, { port: config.port, log: print });
  const app = await buildApp({ config, database: opened.database, logger: opts.logger });
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close().catch(() => undefined);
    await opened.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://localhost:${port}`;
  print(`pmo is running on ${url} (${opened.database.engine === 'pglite' ? `embedded database in ${config.dataDir}` : 'PostgreSQL'})`);
  if (opened.firstAdmin) {
    print(
      opened.firstAdmin.generated
        ? `first start: log in as "admin" with password ${opened.firstAdmin.password}  (shown once; change it under Profile)`
        : 'first start: log in as "admin" with the password from PMO_ADMIN_PASSWORD',
    );
  }
  const runner = config.jobs
    ? createJobRunner(opened.database.db, { definitions: JOB_DEFINITIONS, schedules: CRON_SCHEDULES, pollMs: config.jobsPollMs, log: (msg, fields) => app.log.info(fields ?? {}, msg) })
    : null;
  runner?.start();
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      await runner?.stop();
      await app.close();
      await opened.close();
    })();
    return closing;
  };
  if (opts.handleSignals) {
    const onSignal = (signal: string) => {
      print(`${signal}: shutting down`);
      close().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => onSignal('SIGTERM'));
    process.once('SIGINT', () => onSignal('SIGINT'));
  }
  return { app, url, close };
}
