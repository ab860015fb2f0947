/** Pure helpers for the resources pages: weeks, levelling load labels, utilisation bands (tested in resource-load.test.ts). */

const DAY_MS = 86_400_000;

/** Monday (YYYY-MM-DD) of the week containing the date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const dow = d.getUTCDay();
  return new Date(d.getTime() - ((dow + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** One resource of a levelling preview's load histogram (person-days per week). */
export interface LevelingLoadRow {
  kind: 'person' | 'role';
  name: string;
  overDaysBefore: number;
  overDaysAfter: number;
}

/** Label of a resource in the histogram's picker: name, pool marker, and days over capacity before -> after. */
export function levelingResourceLabel(r: LevelingLoadRow): string {
  const name = r.kind === 'role' ? `${r.name} (role pool)` : r.name;
  return r.overDaysBefore || r.overDaysAfter ? `${name}: ${r.overDaysBefore} -> ${r.overDaysAfter} days over` : `${name}: within capacity`;
}

/** Over-allocation of a preview at a glance: resources and days over capacity, before and after. */
export function levelingOverloadSummary(rows: readonly LevelingLoadRow[]): string {
  const before = rows.filter((r) => r.overDaysBefore > 0);
  const after = rows.filter((r) => r.overDaysAfter > 0);
  const days = (list: LevelingLoadRow[], k: 'overDaysBefore' | 'overDaysAfter') => list.reduce((s, r) => s + r[k], 0);
  if (!before.length && !after.length) return 'No resource is over capacity, before or after.';
  return `Over capacity now: ${before.length} resource${before.length === 1 ? '' : 's'} on ${days(before, 'overDaysBefore')} days; after levelling: ${after.length} on ${days(after, 'overDaysAfter')} days.`;
}

/**
 * Projects in the order levelling ranks them by their stored priorities: higher first, equal priorities in the
 * order they were picked (the server levels equal priorities together; this is only how the page lists them).
 */
export function byPriority(ids: readonly string[], priorityOf: (id: string) => number): string[] {
  return ids.map((id, i) => ({ id, i, p: priorityOf(id) })).sort((a, b) => b.p - a.p || a.i - b.i).map((x) => x.id);
}

/** The list with `ids` appended that are not in it yet (order kept): "add all shown" on the levelling page. */
export function addAll(list: readonly string[], ids: readonly string[]): string[] {
  const out = list.slice();
  const have = new Set(list);
  for (const id of ids) {
    if (have.has(id)) continue;
    have.add(id);
    out.push(id);
  }
  return out;
}

/** The list with item `index` moved by `delta` places (clamped to the ends): reordering priorities. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const out = list.slice();
  if (index < 0 || index >= out.length) return out;
  const to = Math.max(0, Math.min(out.length - 1, index + delta));
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}

/** Colour band of a utilisation (demand / capacity): under, ok, full, over. */
export function utilisationBand(u: number | null): 'none' | 'low' | 'ok' | 'over' {
  if (u === null) return 'none';
  if (u > 1.0001) return 'over';
  if (u >= 0.7) return 'ok';
  return 'low';
}
