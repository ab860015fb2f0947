/**
 * Opening pmo's database the same way for the server and every CLI command: take the data directory
 * (PGlite is single-process), open, migrate, create the first admin, load the demo into a new
 * embedded database.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ensureFirstAdmin } from '../modules/users/users.service.js';
import { seedDemo } from '../seed/demo.js';

export class DataDirBusyError extends Error {
  constructor(dir: string, pid: number, port?: number) {
    super(`the data directory ${dir} is in use by pmo process ${pid}${port ? ` (serving on port ${port})` : ''}; stop it first, or use the API of the running server`);
  }
}

const LOCK_FILE = 'pmo.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claims the embedded data directory for this process; throws DataDirBusyError if another live process holds it. */
export function lockDataDir(dir: string, info: { port?: number } = {}): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK_FILE);
  if (existsSync(file)) {
    try {
      const held = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; port?: number };
      if (held.pid !== process.pid && processAlive(held.pid)) throw new DataDirBusyError(dir, held.pid, held.port);
    } catch (err) {
      if (err instanceof DataDirBusyError) throw err;
      // A torn or stale lock file: take over.
    }
  }
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...info, at: new Date().toISOString() }));
  return () => {
    try {
      const held = JSON.parse(readFileSync(file, 'utf8')) as { pid: number };
      if (held.pid === process.pid) rmSync(file);
    } catch {
      /* already gone */
    }
  };
}

export interface Opened {
  database: Database;
  /** Set when the first admin was just created: print it once. */
  firstAdmin: { username: string; password: string; generated: boolean } | null;
  /** Set when the demo portfolio was just loaded. */
  demoLoaded: boolean;
  close(): Promise<void>;
}

/** Opens, migrates and initialises the configured database. */
export async function openPmoDatabase(config: Config, opts: { port?: number; log?: (msg: string) => void } = {}): Promise<Opened> {
  let unlock = () => {};
  if (!config.databaseUrl) unlock = lockDataDir(config.dataDir, { port: opts.port });
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  } catch (err) {
    unlock();
    const msg = err instanceof Error ? err.message : String(err);
    throw new Error(config.databaseUrl ? `cannot connect to PostgreSQL: ${msg}` : `cannot open the data directory ${config.dataDir}: ${msg}`);
  }
  try {
    const applied = await migrateToLatest(database);
    if (applied.length) opts.log?.(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
    const firstAdmin = await ensureFirstAdmin(database.db, config.adminPassword);
    let demoLoaded = false;
    // A new database is one whose first admin this process just created: exactly one of several servers
    // starting together on a fresh PostgreSQL database wins that, so the demo is loaded once.
    if (firstAdmin && config.demo) {
      opts.log?.('loading the demo portfolio...');
      const counts = await seedDemo(database.db, { scale: 'small', asOf: new Date().toISOString().slice(0, 10) });
      opts.log?.(`demo portfolio: ${counts.projects} projects, ${counts.tasks} tasks, ${counts.people} people`);
      demoLoaded = true;
    }
    return {
      database,
      firstAdmin,
      demoLoaded,
      async close() {
        await database.close();
        unlock();
      },
    };
  } catch (err) {
    await database.close().catch(() => undefined);
    unlock();
    throw err;
  }
}
