/** Backup then restore into an empty database gives identical row counts and content checksums for every table. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase, tableChecksums, RestoreError } from '../src/db/backup.js';
import { seedDemo } from '../src/seed/demo.js';
import { createTestDatabase, testEngine } from './helpers.js';
import { recordChange } from '../src/modules/audit/audit.service.js';

const dir = mkdtempSync(join(tmpdir(), 'pmo-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`backup and restore (${testEngine()})`, () => {
  it('round-trips every table exactly', async () => {
    const source = await createTestDatabase();
    await seedDemo(source.db, { scale: 'small', asOf: '2026-11-25' });
    await source.db.transaction().execute((tx) => recordChange(tx, { actorId: null, action: 'updated', entityType: 'project', entityId: 'x', projectId: null, before: { a: 1, s: 'ü "q"' }, after: { a: [1, 2] } }));
    // A receipt file (bytea): every byte value survives, in both directions.
    const receipt = Buffer.concat([Buffer.from('%PDF-'), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.alloc(300_000, 0xab)]);
    const project = await source.db.selectFrom('projects').select('id').orderBy('code').executeTakeFirstOrThrow();
    await source.db.insertInto('expenses').values({ id: '0b0b0b0b-0000-4000-8000-000000000001', project_id: project.id, expense_date: '2026-11-02', amount_minor: 100, currency: 'EUR' }).execute();
    await source.db.insertInto('expense_receipts').values({ id: '0b0b0b0b-0000-4000-8000-000000000002', expense_id: '0b0b0b0b-0000-4000-8000-000000000001', file_name: 'r.pdf', content_type: 'application/pdf', size_bytes: receipt.length, sha256: 'a'.repeat(64), content: receipt }).execute();
    const before = await tableChecksums(source.db);
    expect(before.tasks!.rows).toBeGreaterThan(900);
    const file = join(dir, 'demo.pmo.gz');
    const written = await backupDatabase(source.db, file);
    expect(written.tasks).toBe(before.tasks!.rows);
    await source.close();

    const target = await createTestDatabase();
    const restored = await restoreDatabase(target.db, file);
    expect(restored.tasks).toBe(before.tasks!.rows);
    expect(await tableChecksums(target.db)).toEqual(before);
    const bytes = await target.db.selectFrom('expense_receipts').select('content').executeTakeFirstOrThrow();
    expect(Buffer.from(bytes.content).equals(receipt)).toBe(true);
    // The identity sequence continues after the restored audit rows.
    await target.db.transaction().execute((tx) => recordChange(tx, { actorId: null, action: 'created', entityType: 'x', entityId: 'y', projectId: null }));

    await expect(restoreDatabase(target.db, file)).rejects.toThrow(/not empty/);
    await target.close();
  });

  it('refuses a file that is not a backup, leaving the database empty', async () => {
    const file = join(dir, 'garbage.gz');
    writeFileSync(file, 'not a backup');
    const target = await createTestDatabase();
    await expect(restoreDatabase(target.db, file)).rejects.toBeInstanceOf(Error);
    const sums = await tableChecksums(target.db);
    expect(Object.values(sums).every((s) => s.rows === 0)).toBe(true);
    await target.close();
    void RestoreError;
  });
});
