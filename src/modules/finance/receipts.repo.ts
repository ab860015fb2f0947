/** SQL of expense receipts. The bytes are read only by the download. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** A receipt without its bytes. */
export interface ReceiptMeta {
  id: string;
  expense_id: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Date;
}

const META = ['id', 'expense_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'created_at'] as const;

/** Receipts of these expenses, oldest first, by expense id. */
export async function selectReceiptsOf(db: Kysely<DB>, expenseIds: readonly string[]): Promise<Map<string, ReceiptMeta[]>> {
  const out = new Map<string, ReceiptMeta[]>();
  if (expenseIds.length === 0) return out;
  const rows = await db.selectFrom('expense_receipts').select([...META]).where('expense_id', 'in', [...expenseIds]).orderBy('created_at').orderBy('id').execute();
  for (const r of rows) out.set(r.expense_id, [...(out.get(r.expense_id) ?? []), r]);
  return out;
}

/** One receipt with its expense's project, with or without the bytes. */
export async function selectReceipt(db: Kysely<DB>, id: string, withContent: boolean) {
  let q = db.selectFrom('expense_receipts as r').innerJoin('expenses as x', 'x.id', 'r.expense_id')
    .select(['r.id', 'r.expense_id', 'r.file_name', 'r.content_type', 'r.size_bytes', 'r.sha256', 'r.created_at', 'r.uploaded_by', 'x.project_id', 'x.state', 'x.created_by'])
    .where('r.id', '=', id);
  if (withContent) q = q.select('r.content') as typeof q;
  return (await q.executeTakeFirst()) as (Awaited<ReturnType<typeof q.executeTakeFirst>> & { content?: Uint8Array }) | undefined;
}

export async function insertReceipt(tx: Kysely<DB>, r: { id: string; expenseId: string; fileName: string; contentType: string; bytes: Buffer; sha256: string; uploadedBy: string }) {
  await tx.insertInto('expense_receipts').values({
    id: r.id, expense_id: r.expenseId, file_name: r.fileName, content_type: r.contentType, size_bytes: r.bytes.length, sha256: r.sha256, content: r.bytes, uploaded_by: r.uploadedBy,
  }).execute();
}

export async function countReceipts(tx: Kysely<DB>, expenseId: string): Promise<number> {
  const r = await tx.selectFrom('expense_receipts').select((eb) => eb.fn.countAll<string>().as('n')).where('expense_id', '=', expenseId).executeTakeFirst();
  return Number(r?.n ?? 0);
}
