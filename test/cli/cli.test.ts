/**
 * The `pmo` command end to end, as a user runs it: each command in its own process (bin/pmo.js, which runs the
 * build when it is fresh, as in CI after `npm run build`, and the sources through tsx otherwise) on a temporary
 * embedded data directory. Bad input: one line on stderr, non-zero exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'pmo-cli-'));
  dirs.push(d);
  return d;
}

function pmo(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/pmo.js', ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each command starts a process that opens an embedded database and migrates it: seconds each, more on a busy machine.
describe('pmo CLI', { timeout: 240_000 }, () => {
  it('prints help and rejects bad input with one line and a non-zero exit', () => {
    const help = pmo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('token create --user NAME');
    for (const args of [['frobnicate'], ['seed', 'demo', '--scale', 'huge'], ['serve', '--port', 'abc'], ['token', 'create'], ['db', 'sideways'], ['jobs', 'sideways'], ['user', 'add'], ['backup'], ['finance', 'snapshot'], ['finance', 'evm-snapshot', '--as-of', '2026-02-30']]) {
      const r = pmo(args, { PMO_DATA_DIR: join(tmpdir(), 'pmo-never-created') });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^pmo/);
    }
  });

  it('token create prints a token that lists the demo projects through the API', async () => {
    const dataDir = tempDir();
    const env = { PMO_DATA_DIR: dataDir, PMO_ADMIN_PASSWORD: 'admin-password-1' };
    const t = pmo(['token', 'create', '--user', 'admin'], env);
    expect(t.code).toBe(0);
    const token = t.stdout.trim();
    expect(token).toMatch(/^pmo_/);

    const server = spawn(process.execPath, ['bin/pmo.js', 'serve', '--port', '0', '--host', '127.0.0.1'], { cwd: root, env: { ...process.env, ...env, DATABASE_URL: '', LOG_LEVEL: 'warn' } });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
        server.stdout.on('data', (d) => {
          out += String(d);
          const m = /running on (http:\/\/localhost:\d+)/.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        server.stderr.on('data', (d) => (out += String(d)));
      });
      // While the server holds the data directory, other commands refuse clearly instead of corrupting it.
      const busy = pmo(['db', 'status'], env);
      expect(busy.code).not.toBe(0);
      expect(busy.stderr).toMatch(/in use by pmo process/);

      const res = await fetch(`${url}/api/v1/projects?limit=100`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { items: { name: string }[] };
      expect(body.items.length).toBe(25);
      expect(body.items.map((p) => p.name)).toContain('CRM Replacement');
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    expect(server.exitCode).toBe(0);
  });

  it('import --reschedule then export an MS Project file keeps every task\'s Start and Finish', () => {
    const dataDir = tempDir();
    const out = join(tempDir(), 'out.xml');
    const sample = join(root, '../shared/data/mspdi/mpxj/task-links-project2016-mspdi.xml');
    const env = { PMO_DATA_DIR: dataDir, PMO_DEMO: '0' };
    const imp = pmo(['import', sample, '--reschedule', '--portfolio', 'Imported'], env);
    expect(imp.stderr).toMatch(/imported .*rescheduled/);
    expect(imp.code).toBe(0);
    const id = imp.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const exp = pmo(['export', id, '-o', out], env);
    expect(exp.code).toBe(0);
    const dates = (xml: string) => [...xml.matchAll(/<Task>\s*<UID>(\d+)<\/UID>[\s\S]*?<Start>([^<]+)<\/Start>\s*<Finish>([^<]+)<\/Finish>/g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
    const original = dates(readFileSync(sample, 'utf8'));
    expect(original.length).toBeGreaterThan(10);
    expect(dates(readFileSync(out, 'utf8'))).toEqual(original);
    expect(pmo(['import', join(root, 'package.json')], env).code).not.toBe(0);
  });

  it('backup then restore into an empty data directory', () => {
    const source = tempDir();
    const target = tempDir();
    const file = join(tempDir(), 'backup.pmo.gz');
    expect(pmo(['user', 'add', 'alice', '--role', 'pmo', '--password', 'alice-password-1'], { PMO_DATA_DIR: source, PMO_DEMO: '0' }).code).toBe(0);
    const b = pmo(['backup', file], { PMO_DATA_DIR: source });
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/wrote .* rows in \d+ tables/);
    const r = pmo(['restore', file], { PMO_DATA_DIR: target });
    expect(r.stdout + r.stderr).toMatch(/restored \d+ rows/);
    expect(r.code).toBe(0);
    const again = pmo(['restore', file], { PMO_DATA_DIR: target });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/not empty/);
  });

  it('finance evm-snapshot records the snapshot of every costed project at a date', () => {
    const dir = tempDir();
    const r = pmo(['finance', 'evm-snapshot', '--as-of', '2026-11-30'], { PMO_DATA_DIR: dir, PMO_DEMO: '0' });
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('recorded the EVM snapshot of 0 projects at 2026-11-30');
  });
});
