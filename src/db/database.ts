/**
 * Opens the database: embedded PostgreSQL (PGlite, the default, data in ./data or PMO_DATA_DIR) or a
 * PostgreSQL server (DATABASE_URL). Both speak the same SQL; column types are parsed the same way on
 * both (dates, schedule times and numerics as text, bigint as number), so the rest of pmo never asks which.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from './pglite-dialect.js';
import type { DB } from './schema.js';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseConfig {
  /** postgres://... ; when absent the embedded engine is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` (or undefined with `memory: true`) keeps it in memory. */
  dataDir?: string;
  /** A PGlite data directory dump (tar) to start from: used by tests to skip initdb and migrations. */
  loadDataDir?: Blob;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  /** Subscribe to a NOTIFY channel; returns an unsubscribe function. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /** The embedded instance (backup uses it); undefined on PostgreSQL. */
  pglite?: PGlite;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114 } as const;
const asText = (v: string) => v;
const asNumber = (v: string) => Number(v);

/** Opens the configured database. Does not migrate (see migrateToLatest). */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl, config.poolSize ?? 10);
  return openPglite(config);
}

async function openPglite(config: DatabaseConfig): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const dataDir = config.dataDir && config.dataDir !== 'memory://' ? config.dataDir : undefined;
  const pglite = new PGlite({
    ...(dataDir ? { dataDir } : {}),
    ...(config.loadDataDir ? { loadDataDir: config.loadDataDir } : {}),
    parsers: { [OID.int8]: asNumber, [OID.numeric]: asText, [OID.date]: asText, [OID.timestamp]: asText },
  });
  await pglite.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    pglite,
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => {
        if (!pglite.closed) await unlisten();
      };
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function pgTypes(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) => {
      if (oid === OID.int8) return asNumber;
      if (oid === OID.numeric || oid === OID.date || oid === OID.timestamp) return asText;
      return pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types: pgTypes() });
  // An idle pooled connection that the server ends (a restart, a failover, pg_terminate_backend) emits 'error' on the
  // pool; unhandled, that would end the process. The pool drops the client and opens a new one when next needed.
  pool.on('error', () => undefined);
  // Fail fast with a clear message when the server is unreachable.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners: pg.Client[] = [];
  return {
    db,
    engine: 'postgres',
    async listen(channel, onPayload) {
      const client = new pg.Client({ connectionString: url, types: pgTypes() });
      await client.connect();
      client.on('notification', (msg) => {
        if (msg.channel === channel && msg.payload !== undefined) onPayload(msg.payload);
      });
      client.on('error', () => {
        /* the connection dropped; the server's readiness check reports the database state */
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.push(client);
      return async () => {
        const i = listeners.indexOf(client);
        if (i >= 0) listeners.splice(i, 1);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all(listeners.splice(0).map((c) => c.end().catch(() => undefined)));
      await db.destroy();
    },
  };
}
