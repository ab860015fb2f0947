/**
 * Two server processes on one PostgreSQL database: both migrate at start without a clash, and a change
 * made through one appears on the other's event stream (LISTEN/NOTIFY). Needs PostgreSQL: runs when
 * PMO_TEST_DATABASE_URL is set (npm run test:pg, and CI); otherwise it says so and is skipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

const adminUrl = process.env.PMO_TEST_DATABASE_URL;
const root = new URL('../../', import.meta.url).pathname;
const dbName = `pmo_two_${process.pid}_${Date.now().toString(36)}`;
const children: ChildProcess[] = [];

if (!adminUrl) console.warn('two-process test skipped: set PMO_TEST_DATABASE_URL (npm run test:pg) to run it on PostgreSQL');

function startServer(databaseUrl: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PMO_ADMIN_PASSWORD: 'two-process-admin', LOG_LEVEL: 'warn' },
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    const check = () => {
      const m = /running on (http:\/\/localhost:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child, output: () => out });
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
}

afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null) {
      c.kill('SIGTERM');
      await new Promise((r) => c.once('exit', r));
    }
  }
  if (adminUrl) {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${dbName} with (force)`);
    await c.end();
  }
});

describe.skipIf(!adminUrl)('two servers on one PostgreSQL', () => {
  it('both migrate at start, and a change through one reaches the other\'s event stream', async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${dbName}`;
    const [a, b] = await Promise.all([startServer(url.toString()), startServer(url.toString())]);

    const login = await fetch(`${a.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'two-process-admin' }) });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const tokenRes = await fetch(`${a.url}/api/v1/me/tokens`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'two', scopes: ['read', 'write'] }) });
    const { secret } = (await tokenRes.json()) as { secret: string };
    const auth = { authorization: `Bearer ${secret}` };

    const ac = new AbortController();
    const stream = await fetch(`${b.url}/api/v1/events`, { headers: auth, signal: ac.signal });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const received = (async () => {
      let buf = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return null;
        buf += new TextDecoder().decode(value);
        const m = /data: (\{.*"type":"portfolio\.created".*\})/.exec(buf);
        if (m) return JSON.parse(m[1]!) as { entityId: string };
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const created = await fetch(`${a.url}/api/v1/portfolios`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Made on server A' }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const timeout = new Promise<null>((r) => setTimeout(() => r(null), 5000));
    const event = await Promise.race([received, timeout]);
    ac.abort();
    expect(event?.entityId).toBe(id);

    const migrations = new pg.Client({ connectionString: url.toString() });
    await migrations.connect();
    const rows = await migrations.query('select name from kysely_migration');
    const admins = await migrations.query("select count(*)::int as n from users where username = 'admin'");
    await migrations.end();
    expect(rows.rowCount).toBeGreaterThan(0);
    expect(admins.rows[0].n).toBe(1);
  });
});
