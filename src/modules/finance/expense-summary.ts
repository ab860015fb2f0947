/** Adds approved expenses (converted to the reporting currency at their date) to the monthly cost summary. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { convertMoney } from '../../domain/finance/index.js';
import { loadFxTable, monthOfDate, reportingCurrency } from './finance-common.js';

/** Returns the total added, in the reporting currency (a missing exchange rate throws FINANCE_EXCHANGE_RATE_MISSING). */
export async function upsertExpenseSummary(tx: Kysely<DB>, items: { projectId: string; date: string; amountMinor: number; currency: string }[]): Promise<{ totalMinor: number; currency: string }> {
  const currency = await reportingCurrency(tx);
  if (items.length === 0) return { totalMinor: 0, currency };
  const fx = items.some((i) => i.currency !== currency) ? await loadFxTable(tx) : null;
  const sums = new Map<string, number>();
  for (const i of items) {
    const amount = i.currency === currency ? i.amountMinor : convertMoney({ amountMinor: i.amountMinor, currency: i.currency }, currency, i.date, fx!).amountMinor;
    const key = `${i.projectId}|${monthOfDate(i.date)}`;
    sums.set(key, (sums.get(key) ?? 0) + amount);
  }
  const keys = [...sums.keys()].sort();
  await sql`
    insert into project_cost_summary as s (project_id, month, expense_cost_minor)
    select * from unnest(${keys.map((k) => k.split('|')[0])}::uuid[], ${keys.map((k) => k.split('|')[1])}::text[], ${keys.map((k) => String(sums.get(k)))}::bigint[])
    on conflict (project_id, month) do update set expense_cost_minor = s.expense_cost_minor + excluded.expense_cost_minor`.execute(tx);
  return { totalMinor: [...sums.values()].reduce((a, b) => a + b, 0), currency };
}
