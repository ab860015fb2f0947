/** Finance reference data: settings (timesheet rules, seller, VAT, series), clients, per-project finance settings. */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ClientsTable, DB, ProjectFinanceTable } from '../../db/schema.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { updateAtVersion } from '../../db/versioned-update.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import type { InvoiceParty, PaymentInstructions } from '../../domain/invoice/index.js';
import { lockFinanceSettings, normalizeDecimal, readFinanceSettings, requireProjectFinance } from './finance-common.js';

/** API view of the finance settings. */
export async function getSettings(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'finance', area: 'settings', projectRole: null });
  const s = await readFinanceSettings(db);
  return {
    maxMinutesPerDay: s.max_minutes_per_day,
    workingWeekdays: s.working_weekdays.map(Number),
    allowNonWorkingDays: s.allow_non_working_days,
    lockedUntil: s.locked_until,
    seller: (s.seller ?? null) as InvoiceParty | null,
    payment: (s.payment ?? null) as PaymentInstructions | null,
    vatCategory: s.vat_category as 'S' | 'Z' | 'E' | 'AE',
    vatRatePercent: normalizeDecimal(String(s.vat_rate_percent)),
    vatExemptionReason: s.vat_exemption_reason,
    invoiceSeries: s.invoice_series,
    creditNoteSeries: s.credit_note_series,
    paymentDays: s.payment_days,
    version: s.version,
  };
}

export interface SettingsPatch {
  maxMinutesPerDay?: number;
  workingWeekdays?: number[];
  allowNonWorkingDays?: boolean;
  seller?: InvoiceParty;
  payment?: PaymentInstructions;
  vatCategory?: 'S' | 'Z' | 'E' | 'AE';
  vatRatePercent?: string;
  vatExemptionReason?: string | null;
  invoiceSeries?: string;
  creditNoteSeries?: string;
  paymentDays?: number;
}

export async function updateSettings(db: Kysely<DB>, actor: Actor, version: number, p: SettingsPatch) {
  authorize(actor, 'update', { kind: 'finance', area: 'settings', projectRole: null });
  if (p.invoiceSeries !== undefined && p.invoiceSeries === p.creditNoteSeries) throw new AppError(422, 'same_series', 'invoices and credit notes need different series');
  await db.transaction().execute(async (tx) => {
    await lockFinanceSettings(tx);
    const before = await getSettings(tx, actor);
    const row = await tx.updateTable('finance_settings').set((eb) => ({
      ...(p.maxMinutesPerDay !== undefined ? { max_minutes_per_day: p.maxMinutesPerDay } : {}),
      ...(p.workingWeekdays !== undefined ? { working_weekdays: p.workingWeekdays } : {}),
      ...(p.allowNonWorkingDays !== undefined ? { allow_non_working_days: p.allowNonWorkingDays } : {}),
      ...(p.seller !== undefined ? { seller: JSON.stringify(p.seller) } : {}),
      ...(p.payment !== undefined ? { payment: JSON.stringify(p.payment) } : {}),
      ...(p.vatCategory !== undefined ? { vat_category: p.vatCategory } : {}),
      ...(p.vatRatePercent !== undefined ? { vat_rate_percent: p.vatRatePercent } : {}),
      ...(p.vatExemptionReason !== undefined ? { vat_exemption_reason: p.vatExemptionReason } : {}),
      ...(p.invoiceSeries !== undefined ? { invoice_series: p.invoiceSeries } : {}),
      ...(p.creditNoteSeries !== undefined ? { credit_note_series: p.creditNoteSeries } : {}),
      ...(p.paymentDays !== undefined ? { payment_days: p.paymentDays } : {}),
      version: eb('version', '+', 1), updated_at: new Date(),
    })).where('version', '=', version).returning('version').executeTakeFirst();
    if (!row) throw versionConflict('the finance settings');
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'finance_settings', entityId: '1', projectId: null, before, after: p, version: row.version });
  });
  return getSettings(db, actor);
}

const presentClient = (c: Selectable<ClientsTable>) => ({ id: c.id, name: c.name, party: c.party as InvoiceParty, currency: c.currency.trim(), version: c.version });

export async function listClients(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'finance', area: 'settings', projectRole: null });
  return (await db.selectFrom('clients').selectAll().orderBy('name').limit(5000).execute()).map(presentClient);
}

export async function createClient(db: Kysely<DB>, actor: Actor, input: { party: InvoiceParty; currency: string }) {
  authorize(actor, 'create', { kind: 'finance', area: 'settings', projectRole: null });
  return db.transaction().execute(async (tx) => {
    const row = await tx.insertInto('clients').values({ id: randomUUID(), name: input.party.name, party: JSON.stringify(input.party), currency: input.currency }).returningAll().executeTakeFirstOrThrow();
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'client', entityId: row.id, projectId: null, after: input, version: 1 });
    return presentClient(row);
  });
}

export interface ClientPatch {
  party?: InvoiceParty | undefined;
  currency?: string | undefined;
}

/**
 * Changes a client (who may add clients may change them). Invoices keep the buyer they were drafted with: the
 * party is copied into each invoice's document, so issued invoices, their PDF and UBL never change; new drafts use
 * the new data. 404 for an unknown client, 409 when `version` is stale.
 */
export async function updateClient(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: ClientPatch) {
  authorize(actor, 'update', { kind: 'finance', area: 'settings', projectRole: null });
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('clients').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw notFound('client');
    const row = await updateAtVersion(tx, 'clients', id, version, {
      name: patch.party?.name, party: patch.party === undefined ? undefined : JSON.stringify(patch.party), currency: patch.currency,
    }, 'the client');
    const after = presentClient(row);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'client', entityId: id, projectId: null, before: presentClient(before), after, version: row.version });
    return after;
  });
}

type ProjectFinanceRow = Selectable<ProjectFinanceTable>;

/** API view of a project's finance settings (the defaults until they are first saved; version 0). */
function presentProjectFinance(projectId: string, r: ProjectFinanceRow | undefined) {
  return {
    projectId, clientId: r?.client_id ?? null, commentRequired: r?.comment_required ?? false, billing: r?.billing ?? 'time-and-materials',
    forecastMethod: r?.forecast_method ?? 'auto', manualEtcMinor: r?.manual_etc_minor == null ? null : Number(r.manual_etc_minor),
    contractPriceMinor: r?.contract_price_minor == null ? null : Number(r.contract_price_minor), revenueRecognition: r?.revenue_recognition ?? 'percent-complete',
    version: r?.version ?? 0,
  };
}

/** A project's finance settings (client, comment rule, billing type, forecast method, contract price). */
export async function getProjectFinance(db: Kysely<DB>, actor: Actor, projectId: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  return presentProjectFinance(projectId, await db.selectFrom('project_finance').selectAll().where('project_id', '=', projectId).executeTakeFirst());
}

export interface ProjectFinanceInput {
  clientId?: string | null | undefined;
  commentRequired?: boolean | undefined;
  billing?: 'time-and-materials' | 'fixed-price' | 'milestone' | 'non-billable' | undefined;
  forecastMethod?: 'auto' | 'cpi' | 'remaining-plan' | 'manual' | undefined;
  manualEtcMinor?: number | null | undefined;
  contractPriceMinor?: number | null | undefined;
  revenueRecognition?: 'percent-complete' | 'completed-contract' | undefined;
}

/** Sets a project's finance settings; fields left out keep their current value. */
export async function putProjectFinance(db: Kysely<DB>, actor: Actor, projectId: string, input: ProjectFinanceInput) {
  await db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'budget');
    const cur = presentProjectFinance(projectId, await tx.selectFrom('project_finance').selectAll().where('project_id', '=', projectId).forUpdate().executeTakeFirst());
    const next = { ...cur, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as typeof cur;
    if (next.forecastMethod === 'manual' && next.manualEtcMinor === null) {
      throw new AppError(422, 'manual_etc_required', 'the manual forecast method needs the estimate to complete', [{ path: 'manualEtcMinor', message: 'required for the manual method' }]);
    }
    if (input.clientId && !(await tx.selectFrom('clients').select('id').where('id', '=', input.clientId).executeTakeFirst())) {
      throw new AppError(422, 'invalid_reference', 'no such client', [{ path: 'clientId', message: 'no such client' }]);
    }
    const values = {
      client_id: next.clientId, comment_required: next.commentRequired, billing: next.billing, forecast_method: next.forecastMethod, manual_etc_minor: next.manualEtcMinor,
      contract_price_minor: next.contractPriceMinor, revenue_recognition: next.revenueRecognition,
    };
    await tx.insertInto('project_finance').values({ project_id: projectId, ...values })
      .onConflict((oc) => oc.column('project_id').doUpdateSet((eb) => ({ ...values, version: eb('project_finance.version', '+', 1), updated_at: new Date() }))).execute();
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'project_finance', entityId: projectId, projectId, before: cur, after: input, version: cur.version + 1 });
  });
  return getProjectFinance(db, actor, projectId);
}

