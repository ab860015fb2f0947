/** Shared pieces of the finance module: domain error mapping, lookups, reference data loading. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, FinanceSettingsTable, ProjectRole } from '../../db/schema.js';
import { AppError, notFound } from '../../server/errors.js';
import { authorize, canSeeProject, type Action, type Actor, type FinanceArea } from '../../server/policy.js';
import { createExchangeRateTable, FinanceError, type ExchangeRateTable, type RateRow } from '../../domain/finance/index.js';
import { InvoiceError } from '../../domain/invoice/index.js';
import { EvmInputError } from '../../domain/evm/index.js';

const CONFLICT_CODES = new Set(['INVOICE_DOUBLE_BILLING', 'INVOICE_INVALID_TRANSITION', 'FINANCE_INVALID_TRANSITION']);

/** Turns a domain error (FinanceError, InvoiceError, EvmInputError) into a 409/422 AppError; rethrows others. */
export function toAppError(err: unknown): unknown {
  if (err instanceof FinanceError || err instanceof InvoiceError || err instanceof EvmInputError) {
    const code = err.code;
    return new AppError(CONFLICT_CODES.has(code) ? 409 : 422, code.toLowerCase(), err.message);
  }
  return err;
}

/** Runs `fn`, mapping domain errors to problem responses. */
export async function domain<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toAppError(err);
  }
}

/** The actor's role on a project (null: not a member). */
export async function projectRoleOf(db: Kysely<DB>, projectId: string, userId: string): Promise<ProjectRole | null> {
  const r = await db.selectFrom('project_members').select('role').where('project_id', '=', projectId).where('user_id', '=', userId).executeTakeFirst();
  return r?.role ?? null;
}

/**
 * Checks a finance action on a project: 404 when the project does not exist or the actor may not see it
 * (so its existence does not leak), 403 when they see it but may not do this.
 */
export async function requireProjectFinance(db: Kysely<DB>, actor: Actor, projectId: string, action: Action, area: FinanceArea): Promise<ProjectRole | null> {
  const p = await db.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
  if (!p) throw notFound('project');
  const role = await projectRoleOf(db, projectId, actor.userId);
  if (!canSeeProject(actor, role)) throw notFound('project');
  authorize(actor, action, { kind: 'finance', area, projectRole: role });
  return role;
}

/** The organisation's reporting currency. */
export async function reportingCurrency(db: Kysely<DB>): Promise<string> {
  const r = await db.selectFrom('org_settings').select('currency').executeTakeFirst();
  return (r?.currency ?? 'EUR').trim();
}

/** Every rate row as the domain sees it. */
export async function loadRateRows(db: Kysely<DB>, filter?: { personIds?: string[] }): Promise<RateRow[]> {
  let q = db.selectFrom('rates').selectAll();
  if (filter?.personIds && filter.personIds.length > 0) {
    const ids = filter.personIds;
    q = q.where((eb) => eb.or([eb('person_id', 'is', null), eb('person_id', 'in', ids)]));
  }
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    personId: r.person_id,
    roleId: r.role_id,
    projectId: r.project_id,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    amountMinorPerHour: Number(r.amount_minor_per_hour),
    currency: r.currency.trim(),
  }));
}

/** The exchange-rate table (all rows; the table is small: one row per currency pair and day). */
export async function loadFxTable(db: Kysely<DB>): Promise<ExchangeRateTable> {
  const rows = await db.selectFrom('exchange_rates').select(['from_currency', 'to_currency', 'rate_date', 'rate']).execute();
  return createExchangeRateTable(rows.map((r) => ({ date: r.rate_date, from: r.from_currency.trim(), to: r.to_currency.trim(), rate: normalizeDecimal(String(r.rate)) })));
}

/** "1.2300000000" -> "1.23" (numeric columns come back with their scale). */
export function normalizeDecimal(s: string): string {
  return s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}

/** Billing role id of each person (their primary role; role rates match it), by person id. */
export async function loadPersonRoles(db: Kysely<DB>, personIds: string[]): Promise<Map<string, string>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('role_members').select(['person_id', 'role_id']).where('person_id', 'in', personIds).where('is_primary', '=', true).execute();
  return new Map(rows.map((r) => [r.person_id, r.role_id]));
}

/** Month 'YYYY-MM' of an ISO date. */
export const monthOfDate = (date: string): string => date.slice(0, 7);

/** Adds days to an ISO date. */
export function addDaysIso(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD (UTC); the service layer may read the clock, the domain may not. */
export const todayIso = (): string => new Date().toISOString().slice(0, 10);

/** The defaults in force until someone saves the finance settings (the row is created on first write, so a fresh database stays empty for restores). */
const DEFAULT_SETTINGS: Selectable<FinanceSettingsTable> = {
  id: 1, max_minutes_per_day: 720, working_weekdays: [1, 2, 3, 4, 5], allow_non_working_days: true, locked_until: null, seller: null, payment: null,
  vat_category: 'S', vat_rate_percent: '21', vat_exemption_reason: null, invoice_series: 'INV', credit_note_series: 'CN', payment_days: 30, version: 1,
  updated_at: new Date(0),
};

/** The finance settings row, or the defaults when none was saved yet. */
export async function readFinanceSettings(db: Kysely<DB>): Promise<Selectable<FinanceSettingsTable>> {
  return (await db.selectFrom('finance_settings').selectAll().executeTakeFirst()) ?? { ...DEFAULT_SETTINGS };
}

/** Creates the settings row with the defaults if missing and locks it (writers, inside their transaction). */
export async function lockFinanceSettings(tx: Kysely<DB>): Promise<Selectable<FinanceSettingsTable>> {
  await tx.insertInto('finance_settings').values({ id: 1 }).onConflict((oc) => oc.column('id').doNothing()).execute();
  return tx.selectFrom('finance_settings').selectAll().forUpdate().executeTakeFirstOrThrow();
}
