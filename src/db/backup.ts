/**
 * Logical backup and restore, portable between PGlite and PostgreSQL: a gzip file of JSON lines, one
 * header, then every table's columns and rows, read in one repeatable-read snapshot. Restore loads it into
 * a migrated, empty database in one transaction (all or nothing) and resets identity sequences.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createGunzip, createGzip } from 'node:zlib';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.js';
import { migrations } from './migrations/index.js';

const FORMAT = 'pmo-backup';
const FORMAT_VERSION = 1;
const BATCH = 5000;
const BLOB_BATCH = 8;
/** Restore inserts at most this many characters of JSON at once (receipt files make rows large). */
const RESTORE_BATCH_CHARS = 32 * 1024 * 1024;
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock']);

interface ColumnInfo {
  name: string;
  type: string;
  identity: boolean;
}

/** User tables of the public schema, in name order. */
export async function listTables(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return r.rows.map((x) => x.table_name).filter((t) => !SKIP.has(t));
}

async function columnsOf(db: Kysely<DB>, table: string): Promise<ColumnInfo[]> {
  const r = await sql<{ column_name: string; udt_name: string; is_identity: string }>`
    select column_name, udt_name, is_identity from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
  return r.rows.map((c) => ({ name: c.column_name, type: c.udt_name, identity: c.is_identity === 'YES' }));
}


/** Writes a backup of every table to `file`; returns row counts per table. */
export async function backupDatabase(db: Kysely<DB>, file: string): Promise<Record<string, number>> {
  const gzip = createGzip();
  const out = createWriteStream(file);
  gzip.pipe(out);
  const writeLine = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const write = (obj: unknown) => writeLine(JSON.stringify(obj));
  const counts: Record<string, number> = {};
  await db.transaction().setIsolationLevel('repeatable read').execute(async (tx) => {
    await sql`set local timezone = 'UTC'`.execute(tx);
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(tx);
    await write({ format: FORMAT, version: FORMAT_VERSION, migrations: applied.rows.map((r) => r.name), createdAt: new Date().toISOString() });
    for (const table of await listTables(tx)) {
      const cols = await columnsOf(tx, table);
      await write({ table, columns: cols.map((c) => c.name) });
      // Tables with file bytes (expense receipts, up to 10 MiB each) are read a few rows at a time.
      const batch = cols.some((c) => c.type === 'bytea') ? BLOB_BATCH : BATCH;
      let n = 0;
      for (let offset = 0; ; offset += batch) {
        const rows = await sql<{ j: string }>`
          select to_jsonb(t)::text as j from ${sql.table(table)} as t
          order by ${sql.ref(`t.${cols[0]!.name}`)}, t::text
          limit ${batch} offset ${offset}`.execute(tx);
        for (const r of rows.rows) await writeLine(r.j);
        n += rows.rows.length;
        if (rows.rows.length < batch) break;
      }
      counts[table] = n;
    }
  });
  gzip.end();
  await once(out, 'finish');
  return counts;
}

export class RestoreError extends Error {}

/** Restores a backup into an empty, migrated database in one transaction; returns row counts per table. */
export async function restoreDatabase(db: Kysely<DB>, file: string, opts: { force?: boolean } = {}): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next().catch(() => {
    throw new RestoreError(`${file} is not a pmo backup (not gzip)`);
  });
  let header: { format?: string; version?: number; migrations?: string[] };
  try {
    header = JSON.parse(String(first.value ?? ''));
  } catch {
    throw new RestoreError(`${file} is not a pmo backup`);
  }
  if (header.format !== FORMAT || header.version !== FORMAT_VERSION) throw new RestoreError(`${file} is not a pmo backup (format ${header.format ?? '?'} v${header.version ?? '?'})`);
  const known = Object.keys(migrations);
  const unknown = (header.migrations ?? []).filter((m) => !known.includes(m));
  if (unknown.length) throw new RestoreError(`the backup was made by a newer pmo (migrations ${unknown.join(', ')}); upgrade pmo first`);

  const counts: Record<string, number> = {};
  await db.transaction().execute(async (tx) => {
    const tables = await listTables(tx);
    if (!opts.force) {
      for (const t of tables) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(tx);
        if (r.rows[0]!.n > 0) throw new RestoreError(`the target database is not empty (table ${t} has rows); restore into an empty data directory or database`);
      }
    } else {
      await sql`truncate ${sql.join(tables.map((t) => sql.table(t)))} restart identity cascade`.execute(tx);
    }
    // Rows go in table by table; foreign keys are checked by the data's own consistency (it came from a
    // consistent snapshot), so triggers are off for the load (superuser: PGlite, or PostgreSQL's owner role).
    await sql`set local session_replication_role = replica`.execute(tx);
    let table: string | null = null;
    let columns: ColumnInfo[] = [];
    let batch: string[] = [];
    let batchChars = 0;
    const flush = async () => {
      if (!table || batch.length === 0) return;
      const overriding = columns.some((c) => c.identity) ? sql.raw('overriding system value') : sql.raw('');
      await sql`
        insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c.name)))}) ${overriding}
        select ${sql.join(columns.map((c) => sql.ref(`r.${c.name}`)))}
        from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(batch.map((b) => JSON.parse(b)))}::jsonb) as r`.execute(tx);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
      batchChars = 0;
    };
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      const line = next.value;
      if (!line) continue;
      if (line.startsWith('{"table":')) {
        await flush();
        const spec = JSON.parse(line) as { table: string; columns: string[] };
        if (!tables.includes(spec.table)) throw new RestoreError(`the backup has a table this version does not know: ${spec.table}`);
        table = spec.table;
        const cols = await columnsOf(tx, table);
        columns = cols.filter((c) => spec.columns.includes(c.name));
        counts[table] = 0;
      } else {
        batch.push(line);
        batchChars += line.length;
        if (batch.length >= 1000 || batchChars >= RESTORE_BATCH_CHARS) await flush();
      }
    }
    await flush();
    // Identity columns continue after the restored rows.
    for (const t of tables) {
      for (const c of (await columnsOf(tx, t)).filter((x) => x.identity)) {
        await sql`select setval(pg_get_serial_sequence(${t}, ${c.name}), coalesce((select max(${sql.ref(c.name)}) from ${sql.table(t)}), 0) + 1, false)`.execute(tx);
      }
    }
  });
  return counts;
}

/** Row count and an order-independent content checksum of every table (for verifying backups). */
export async function tableChecksums(db: Kysely<DB>): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  await db.transaction().execute(async (tx) => {
    await sql`set local timezone = 'UTC'`.execute(tx);
    for (const t of await listTables(tx)) {
      const r = await sql<{ n: number; h: string | null }>`
        select count(*)::int as n, md5(coalesce(string_agg(x.j, E'\n' order by x.j), '')) as h
        from (select to_jsonb(t)::text as j from ${sql.table(t)} as t) as x`.execute(tx);
      out[t] = { rows: r.rows[0]!.n, md5: r.rows[0]!.h ?? '' };
    }
  });
  return out;
}
