/**
 * The `pmo` command. `pmo --help` lists the commands; every command has --help; bad input prints one
 * line to stderr and exits non-zero.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Actor } from '../server/policy.js';
import { importMspdi, exportMspdi } from '../modules/schedule/schedule.service.js';
import { createPortfolio } from '../modules/portfolios/portfolios.service.js';
import { loadConfig, type Config } from '../config.js';
import { startServer } from '../server/start.js';
import { openPmoDatabase, lockDataDir } from '../server/lifecycle.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest, migrationStatus } from '../db/migrate.js';
import { backupDatabase, restoreDatabase } from '../db/backup.js';
import { seedDemo, type DemoScale } from '../seed/demo.js';
import { createUser, resetPassword } from '../modules/users/users.service.js';
import { findUserByUsername } from '../modules/auth/auth.repo.js';
import { createToken } from '../modules/auth/auth.service.js';
import { generatePassword } from '../modules/auth/passwords.js';
import { AppError } from '../server/errors.js';
import { refreshEvmSnapshots } from '../modules/finance/financials-rollup.service.js';
import { createJobRunner } from '../jobs/runner.js';
import { summariseJobs } from '../jobs/queue.js';
import { CRON_SCHEDULES, JOB_DEFINITIONS } from '../server/jobs.js';

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

const HELP = `pmo - Project Management Office platform

usage: pmo <command> [options]

commands:
  serve                      start the web server (default) [--port N]
  db migrate                 apply database migrations
  db status                  list migrations and whether they are applied
  seed demo                  load the demo portfolio [--scale small|large]
  user add NAME              create a user [--role ROLE] [--display-name TEXT] [--email E] [--password P]
  user reset-password NAME   set a new password [--password P] (generated and printed if omitted)
  token create --user NAME   create a personal API token and print it [--name TEXT] [--read-only]
  import FILE.xml            import an MS Project XML file as a new project; prints its id
                             [--portfolio NAME] [--reschedule] [--name TEXT]
  export PROJECT -o FILE     export a project (id) as MS Project XML
  backup FILE                write a backup of the whole database to FILE
  restore FILE               load a backup into an empty database [--force to replace existing data]
  finance evm-snapshot       record the EVM snapshot (BAC, PV, EV) of every project [--as-of DATE]
  jobs status                queued, running, done and failed jobs per type, and the latest failures
  jobs run-due               enqueue the due recurring jobs and run every due job once, then exit

environment:
  PORT, DATABASE_URL (postgres://...; default: embedded database), PMO_DATA_DIR (default ./data),
  PMO_DEMO=0 (no demo data in a new database), PMO_ADMIN_PASSWORD, LOG_LEVEL,
  PMO_JOBS=0 (the server runs no jobs: run "pmo jobs run-due" from cron or a worker instead), PMO_JOBS_POLL_MS

Run "pmo <command> --help" for a command's options.`;

const COMMAND_HELP: Record<string, string> = {
  serve: 'usage: pmo serve [--port N] [--host H]\n  Starts the server (port from --port, PORT, or 3000). Stops gracefully on SIGTERM.',
  db: 'usage: pmo db migrate | pmo db status',
  seed: 'usage: pmo seed demo [--scale small|large] [--seed N]\n  small: 3 portfolios, 25 projects, ~1,000 tasks, 40 people. large: 2,000 projects, 200,000 tasks, 2,000 people.',
  user: 'usage: pmo user add NAME [--role admin|pmo|portfolio_manager|finance|member] [--display-name TEXT] [--email E] [--password P]\n       pmo user reset-password NAME [--password P]',
  token: 'usage: pmo token create --user NAME [--name TEXT] [--read-only]\n  Prints the new token once. Use it as "Authorization: Bearer TOKEN".',
  import: 'usage: pmo import FILE.xml [--portfolio NAME] [--reschedule] [--name TEXT]\n  Imports MS Project XML (MSPDI) in one transaction and prints the new project id. --reschedule recomputes the\n  dates of automatically scheduled tasks from durations, links, constraints, calendars and progress.',
  export: 'usage: pmo export PROJECT_ID -o FILE.xml\n  Writes the project as MS Project XML (Project 2007 layout; task UIDs preserved).',
  backup: 'usage: pmo backup FILE\n  Writes every table to FILE (gzip, JSON lines), portable between the embedded database and PostgreSQL.',
  restore: 'usage: pmo restore FILE [--force]\n  Loads FILE into an empty database in one transaction. --force replaces existing data.',
  jobs: 'usage: pmo jobs status | pmo jobs run-due\n  The server runs queued and recurring jobs itself (daily EVM and risk exposure snapshots) unless PMO_JOBS=0.\n  run-due does one pass (for cron, or a server started with PMO_JOBS=0); status lists jobs and the latest failures.',
  finance: 'usage: pmo finance evm-snapshot [--as-of YYYY-MM-DD]\n  Records the EVM snapshot of every project at the date (default today, UTC), for the S-curves and the roll-up.\n  Run it from cron (daily or weekly); running it twice for a date replaces that date\'s snapshot.',
};

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>, command: string): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: { help: { type: 'boolean', short: 'h' }, ...options }, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (err) {
    throw new CliError(`pmo ${command}: ${(err as Error).message.split('\n')[0]}`);
  }
}

async function withDatabase<T>(config: Config, fn: (db: Awaited<ReturnType<typeof openPmoDatabase>>) => Promise<T>): Promise<T> {
  const opened = await openPmoDatabase(config, { log: (m) => console.error(m) });
  if (opened.firstAdmin?.generated) console.error(`first start: created user "admin" with password ${opened.firstAdmin.password} (shown once)`);
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

/** The CLI acts as the first active admin (it runs with the server's own access to the database). */
async function systemActor(db: Kysely<DB>): Promise<Actor> {
  const admin = await db.selectFrom('users').select(['id', 'username', 'display_name']).where('org_role', '=', 'admin').where('active', '=', true).orderBy('created_at').executeTakeFirst();
  if (!admin) throw new CliError('pmo: no active admin user');
  return { userId: admin.id, username: admin.username, displayName: admin.display_name, orgRole: 'admin', via: 'token', scopes: new Set(['read', 'write']) };
}

async function portfolioByName(db: Kysely<DB>, actor: Actor, name: string): Promise<string> {
  const found = await db.selectFrom('portfolios').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase())).executeTakeFirst();
  return found ? found.id : (await createPortfolio(db, actor, { name })).id;
}

const ROLES = ['admin', 'pmo', 'portfolio_manager', 'finance', 'member'] as const;

/** Runs the CLI with `argv` (without node and script). */
export async function run(argv: string[]): Promise<void> {
  const [command = 'serve', ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(HELP);
    return;
  }
  if (command === '--version') {
    console.log('pmo 0.1.0');
    return;
  }
  if (!(command in COMMAND_HELP)) throw new CliError(`pmo: unknown command "${command}" (see pmo --help)`);
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(COMMAND_HELP[command]);
    return;
  }
  switch (command) {
    case 'serve': {
      const { values } = parse(rest, { port: { type: 'string' }, host: { type: 'string' } }, command);
      const port = values.port !== undefined ? Number(values.port) : undefined;
      if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new CliError(`pmo serve: --port must be a port number, got "${values.port}"`);
      const config = loadConfig(process.env, { ...(port !== undefined ? { port } : {}), ...(values.host ? { host: String(values.host) } : {}) });
      await startServer(config, { handleSignals: true });
      return;
    }
    case 'db': {
      const { positionals } = parse(rest, {}, command);
      const sub = positionals[0];
      if (sub !== 'migrate' && sub !== 'status') throw new CliError('pmo db: expected "migrate" or "status"');
      const config = loadConfig();
      let unlock = () => {};
      if (!config.databaseUrl) unlock = lockDataDir(config.dataDir);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        if (sub === 'migrate') {
          const applied = await migrateToLatest(database);
          console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
        } else {
          for (const m of await migrationStatus(database)) console.log(`${m.appliedAt ? 'applied' : 'pending'}  ${m.name}${m.appliedAt ? `  ${m.appliedAt.toISOString()}` : ''}`);
        }
      } finally {
        await database.close();
        unlock();
      }
      return;
    }
    case 'seed': {
      const { values, positionals } = parse(rest, { scale: { type: 'string', default: 'small' }, seed: { type: 'string' } }, command);
      if (positionals[0] !== 'demo') throw new CliError('pmo seed: expected "demo"');
      const scale = values.scale as string;
      if (scale !== 'small' && scale !== 'large') throw new CliError(`pmo seed: --scale must be small or large, got "${scale}"`);
      const seed = values.seed !== undefined ? Number(values.seed) : undefined;
      if (seed !== undefined && !Number.isInteger(seed)) throw new CliError('pmo seed: --seed must be an integer');
      const config = loadConfig(process.env, { demo: false });
      await withDatabase(config, async ({ database }) => {
        const t0 = Date.now();
        const counts = await seedDemo(database.db, { scale: scale as DemoScale, asOf: new Date().toISOString().slice(0, 10), seed, log: (m) => console.error(m) });
        console.log(`loaded ${scale} demo in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
      });
      return;
    }
    case 'user': {
      const { values, positionals } = parse(rest, { role: { type: 'string', default: 'member' }, 'display-name': { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } }, command);
      const [sub, name] = positionals;
      if ((sub !== 'add' && sub !== 'reset-password') || !name) throw new CliError('pmo user: expected "add NAME" or "reset-password NAME"');
      const config = loadConfig();
      await withDatabase(config, async ({ database }) => {
        const password = (values.password as string | undefined) ?? generatePassword();
        if (sub === 'add') {
          const role = values.role as string;
          if (!(ROLES as readonly string[]).includes(role)) throw new CliError(`pmo user add: --role must be one of ${ROLES.join(', ')}`);
          if (!/^[A-Za-z0-9._@-]{2,64}$/.test(name)) throw new CliError('pmo user add: NAME must be 2-64 letters, digits or . _ @ -');
          if (password.length < 10) throw new CliError('pmo user add: the password must have at least 10 characters');
          await createUser(database.db, null, { username: name, displayName: (values['display-name'] as string | undefined) ?? name, email: (values.email as string | undefined) ?? null, orgRole: role as (typeof ROLES)[number], password });
          console.log(`created user "${name}" (${role})${values.password ? '' : ` with password ${password}`}`);
        } else {
          const user = await findUserByUsername(database.db, name);
          if (!user) throw new CliError(`pmo user reset-password: no user "${name}"`);
          if (password.length < 10) throw new CliError('pmo user reset-password: the password must have at least 10 characters');
          await resetPassword(database.db, null, user.id, password);
          console.log(`new password for "${name}"${values.password ? ' set' : `: ${password}`}`);
        }
      });
      return;
    }
    case 'token': {
      const { values, positionals } = parse(rest, { user: { type: 'string' }, name: { type: 'string' }, 'read-only': { type: 'boolean' } }, command);
      if (positionals[0] !== 'create') throw new CliError('pmo token: expected "create"');
      if (!values.user) throw new CliError('pmo token create: --user NAME is required');
      const config = loadConfig();
      await withDatabase(config, async ({ database }) => {
        const user = await findUserByUsername(database.db, values.user as string);
        if (!user || !user.active) throw new CliError(`pmo token create: no active user "${values.user}"`);
        const { secret } = await createToken(database.db, user.id, { name: (values.name as string | undefined) ?? `cli ${new Date().toISOString().slice(0, 16)}`, scopes: values['read-only'] ? ['read'] : ['read', 'write'] });
        console.log(secret);
      });
      return;
    }
    case 'import': {
      const { values, positionals } = parse(rest, { portfolio: { type: 'string' }, reschedule: { type: 'boolean' }, name: { type: 'string' } }, command);
      const file = positionals[0];
      if (!file) throw new CliError('pmo import: FILE.xml is required');
      if (!existsSync(file)) throw new CliError(`pmo import: ${file} does not exist`);
      const xml = readFileSync(file, 'utf8');
      const config = loadConfig();
      await withDatabase(config, async ({ database }) => {
        const actor = await systemActor(database.db);
        const portfolioId = await portfolioByName(database.db, actor, (values.portfolio as string | undefined) ?? 'Imported from MS Project');
        const r = await importMspdi(database.db, actor, xml, { portfolioId, reschedule: values.reschedule === true, name: values.name as string | undefined });
        for (const w of r.warnings) console.error(`warning: ${w}`);
        console.error(`imported "${r.name}": ${r.tasks} tasks, ${r.links} links, ${r.calendars} calendars, ${r.resources} resources, ${r.assignments} assignments, ${r.baselines} baselines${r.schedule ? `; rescheduled, finish ${r.schedule.projectFinish}` : ''}`);
        console.log(r.projectId);
      });
      return;
    }
    case 'export': {
      const { values, positionals } = parse(rest, { output: { type: 'string', short: 'o' } }, command);
      const id = positionals[0];
      if (!id || !/^[0-9a-f-]{36}$/i.test(id)) throw new CliError('pmo export: PROJECT must be a project id (pmo import prints it)');
      if (!values.output) throw new CliError('pmo export: -o FILE.xml is required');
      const config = loadConfig(process.env, { demo: false });
      await withDatabase(config, async ({ database }) => {
        const actor = await systemActor(database.db);
        const exists = await database.db.selectFrom('projects').select('id').where('id', '=', id).executeTakeFirst();
        if (!exists) throw new CliError(`pmo export: no project ${id}`);
        const { xml } = await exportMspdi(database.db, actor, id);
        writeFileSync(values.output as string, xml);
        console.error(`wrote ${values.output}`);
      });
      return;
    }
    case 'backup': {
      const { positionals } = parse(rest, {}, command);
      if (!positionals[0]) throw new CliError('pmo backup: FILE is required');
      const config = loadConfig(process.env, { demo: false });
      await withDatabase(config, async ({ database }) => {
        const counts = await backupDatabase(database.db, positionals[0]!);
        console.log(`wrote ${positionals[0]}: ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables`);
      });
      return;
    }
    case 'finance': {
      const { values, positionals } = parse(rest, { 'as-of': { type: 'string' } }, command);
      if (positionals[0] !== 'evm-snapshot') throw new CliError('pmo finance: use "pmo finance evm-snapshot [--as-of YYYY-MM-DD]"');
      const asOf = (values['as-of'] as string | undefined) ?? new Date().toISOString().slice(0, 10);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf) {
        throw new CliError(`pmo finance: --as-of must be a date YYYY-MM-DD, got "${asOf}"`);
      }
      const config = loadConfig(process.env, { demo: false });
      await withDatabase(config, async ({ database }) => {
        const n = await refreshEvmSnapshots(database.db, asOf);
        console.log(`recorded the EVM snapshot of ${n} projects at ${asOf}`);
      });
      return;
    }
    case 'jobs': {
      const { positionals } = parse(rest, {}, command);
      const sub = positionals[0];
      if (sub !== 'status' && sub !== 'run-due') throw new CliError('pmo jobs: expected "status" or "run-due"');
      const config = loadConfig(process.env, { demo: false });
      await withDatabase(config, async ({ database }) => {
        if (sub === 'run-due') {
          const r = await createJobRunner(database.db, { definitions: JOB_DEFINITIONS, schedules: CRON_SCHEDULES }).tick();
          console.log(`enqueued ${r.enqueued.length} recurring jobs${r.enqueued.length ? ` (${r.enqueued.join(', ')})` : ''}, requeued ${r.requeued} lost, ran ${r.ran}`);
          return;
        }
        const { counts, failed } = await summariseJobs(database.db);
        if (counts.length === 0) console.log('no jobs');
        for (const c of counts) console.log(`${c.type}\t${c.status}\t${c.count}`);
        for (const f of failed) console.log(`failed: ${f.type} ${f.uniqueKey ?? ''} after ${f.attempts} attempts at ${f.finishedAt?.toISOString() ?? '?'}: ${f.error ?? ''}`);
      });
      return;
    }
    case 'restore': {
      const { values, positionals } = parse(rest, { force: { type: 'boolean' } }, command);
      const file = positionals[0];
      if (!file) throw new CliError('pmo restore: FILE is required');
      if (!existsSync(file)) throw new CliError(`pmo restore: ${file} does not exist`);
      const config = loadConfig();
      let unlock = () => {};
      if (!config.databaseUrl) unlock = lockDataDir(config.dataDir);
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        await migrateToLatest(database);
        const counts = await restoreDatabase(database.db, file, { force: values.force === true });
        console.log(`restored ${Object.values(counts).reduce((a, b) => a + b, 0)} rows in ${Object.keys(counts).length} tables`);
      } finally {
        await database.close();
        unlock();
      }
      return;
    }
  }
}

/** Entry point used by bin/pmo.js: runs and turns errors into one line and an exit code. */
export async function main(argv: string[]): Promise<void> {
  try {
    await run(argv);
  } catch (err) {
    const message = err instanceof CliError || err instanceof AppError ? err.message : err instanceof Error ? err.message : String(err);
    console.error(message.startsWith('pmo') ? message : `pmo: ${message}`);
    process.exit(err instanceof CliError ? err.exitCode : 1);
  }
}

const invokedDirectly = process.argv[1] && /src[/\\]cli[/\\]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) await main(process.argv.slice(2));
