/**
 * Receipt files of expenses. Uploads are checked before anything is stored: the type comes from the file's first
 * bytes (PDF and common photo formats only), the size is at most 10 MiB (the multipart parser stops reading past
 * it), at most 10 receipts per expense. Receipts are added or removed only while the expense awaits its decision,
 * by whoever recorded it, the project's managers or finance officers. Downloading follows the expense: whoever may
 * see the project's expenses.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { AppError, notFound } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { checkReceiptFile, cleanReceiptFileName, MAX_RECEIPTS_PER_EXPENSE } from '../../domain/finance/index.js';
import { domain, requireProjectFinance } from './finance-common.js';
import { requireExpenseWriter } from './expenses.service.js';
import { countReceipts, insertReceipt, selectReceipt } from './receipts.repo.js';

const OFFICERS = new Set(['admin', 'finance']);

/** Checks that the actor may change the receipts of an expense (before the upload body is read). */
export async function requireReceiptWriter(db: Kysely<DB>, actor: Actor, expenseId: string) {
  const x = await db.selectFrom('expenses').select(['id', 'project_id', 'state', 'created_by', 'external_id']).where('id', '=', expenseId).executeTakeFirst();
  if (!x) throw notFound('expense');
  const role = await requireExpenseWriter(db, actor, x.project_id);
  if (x.created_by !== actor.userId && role !== 'project_manager' && !OFFICERS.has(actor.orgRole)) {
    throw new AppError(403, 'forbidden', 'receipts are added by whoever recorded the expense, the project manager or finance');
  }
  if (x.state !== 'submitted' && x.state !== 'draft') throw new AppError(409, 'expense_decided', `the expense is ${x.state}; its receipts can no longer change`);
  return x;
}

/** Stores one receipt file of an expense. */
export async function addReceipt(db: Kysely<DB>, actor: Actor, expenseId: string, file: { fileName: string | undefined; bytes: Buffer }) {
  const type = await domain(async () => checkReceiptFile(file.bytes));
  const fileName = cleanReceiptFileName(file.fileName);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    // Lock the expense: the state check and the count hold until the insert commits.
    await tx.selectFrom('expenses').select('id').where('id', '=', expenseId).forUpdate().execute();
    const x = await requireReceiptWriter(tx, actor, expenseId);
    if ((await countReceipts(tx, expenseId)) >= MAX_RECEIPTS_PER_EXPENSE) throw new AppError(409, 'too_many_receipts', `an expense has at most ${MAX_RECEIPTS_PER_EXPENSE} receipts`);
    await insertReceipt(tx, { id, expenseId, fileName, contentType: type, bytes: file.bytes, sha256, uploadedBy: actor.userId });
    await recordChange(tx, { actorId: actor.userId, action: 'receipt_added', entityType: 'expense', entityId: expenseId, projectId: x.project_id, after: { receiptId: id, fileName, contentType: type, sizeBytes: file.bytes.length, sha256 } });
  });
  return { id, expenseId, fileName, contentType: type, sizeBytes: file.bytes.length, sha256 };
}

/** Removes a receipt while its expense awaits the decision. */
export async function deleteReceipt(db: Kysely<DB>, actor: Actor, receiptId: string) {
  await db.transaction().execute(async (tx) => {
    const r = await selectReceipt(tx, receiptId, false);
    if (!r) throw notFound('receipt');
    await tx.selectFrom('expenses').select('id').where('id', '=', r.expense_id).forUpdate().execute();
    const x = await requireReceiptWriter(tx, actor, r.expense_id);
    await tx.deleteFrom('expense_receipts').where('id', '=', receiptId).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'receipt_deleted', entityType: 'expense', entityId: r.expense_id, projectId: x.project_id, before: { receiptId, fileName: r.file_name, sha256: r.sha256 } });
  });
}

/** The bytes of a receipt, for whoever may see the expense (404 otherwise, so hidden projects do not leak). */
export async function downloadReceipt(db: Kysely<DB>, actor: Actor, receiptId: string) {
  const meta = await selectReceipt(db, receiptId, false);
  if (!meta) throw notFound('receipt');
  await requireProjectFinance(db, actor, meta.project_id, 'read', 'financials');
  const r = await selectReceipt(db, receiptId, true);
  if (!r?.content) throw notFound('receipt');
  return { fileName: r.file_name, contentType: r.content_type, sha256: r.sha256, body: Buffer.from(r.content) };
}
