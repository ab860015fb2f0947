/** Pure helpers for the finance pages: money, hours, ISO weeks and the timesheet grid model. */

/** Formats integer minor units (cents) as money, e.g. 358125, 'EUR' -> "€3,581.25". */
export function formatMoney(amountMinor: number | null | undefined, currency: string): string {
  if (amountMinor === null || amountMinor === undefined || !Number.isFinite(amountMinor)) return '—';
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(amountMinor / 100);
  } catch {
    return `${(amountMinor / 100).toFixed(2)} ${currency}`;
  }
}

/** Formats a ratio (CPI, SPI) with 2 decimals; null (undefined ratio) shows as a dash. */
export function formatRatio(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(2);
}

/** Minutes as hours with up to 2 decimals ("7.5"); 0 shows as an empty string. */
export function formatHours(minutes: number): string {
  if (minutes === 0) return '';
  return String(Math.round((minutes / 60) * 100) / 100);
}

/**
 * Parses what a user types in a timesheet cell: hours ("7.5", "7,5") or "h:mm" ("7:30"); empty is 0.
 * Returns minutes, or an error message naming the problem.
 */
export function parseHours(text: string): { minutes: number } | { error: string } {
  const s = text.trim();
  if (s === '') return { minutes: 0 };
  const hm = /^(\d{1,2}):([0-5]\d)$/.exec(s);
  if (hm) return { minutes: Number(hm[1]) * 60 + Number(hm[2]) };
  if (!/^\d{1,2}([.,]\d{1,2})?$/.test(s)) return { error: `"${s}" is not a number of hours (use 7.5 or 7:30)` };
  const minutes = Math.round(Number(s.replace(',', '.')) * 60);
  if (minutes > 1440) return { error: `${s} h is more than 24 hours` };
  return { minutes };
}

/** Adds days to an ISO date (UTC calendar arithmetic). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday on or before an ISO date. */
export function mondayOf(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7; // Monday = 0
  return addDays(iso, -dow);
}

/** The seven ISO dates of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** Entry fields the grid needs (a subset of the API's TimeEntry). */
export interface GridEntry {
  id: string;
  projectId: string;
  projectName: string | null;
  projectCode: string | null;
  taskId: string | null;
  taskName: string | null;
  date: string;
  minutes: number;
  billable: boolean;
  comment: string | null;
  state: string;
  reason: string | null;
  reversalOf: string | null;
}

/** One grid row: a project/task pair, editable (draft or rejected time) or read-only (submitted, approved, locked). */
export interface GridRow {
  key: string;
  projectId: string;
  taskId: string | null;
  label: string;
  editable: boolean;
  states: string[];
  /** Per date: the text in the cell (hours) and the ids of the entries it came from. */
  cells: Record<string, { text: string; ids: string[] }>;
  billable: boolean;
  comment: string | null;
  reasons: string[];
}

const EDITABLE = new Set(['draft', 'rejected']);

/** The row key of a project/task pair. */
export function rowKey(projectId: string, taskId: string | null, editable: boolean): string {
  return `${projectId}|${taskId ?? ''}|${editable ? 'e' : 'r'}`;
}

/** Groups a week's entries into grid rows (same project/task and editability share a row; a day's entries add up). */
export function buildGridRows(entries: GridEntry[]): GridRow[] {
  const rows = new Map<string, GridRow & { minutes: Record<string, number> }>();
  for (const e of entries) {
    const editable = EDITABLE.has(e.state) && e.reversalOf === null;
    const key = rowKey(e.projectId, e.taskId, editable);
    let row = rows.get(key);
    if (!row) {
      const project = e.projectCode ? `${e.projectCode} · ${e.projectName ?? ''}` : (e.projectName ?? e.projectId);
      row = { key, projectId: e.projectId, taskId: e.taskId, label: e.taskName ? `${project} / ${e.taskName}` : project, editable, states: [], cells: {}, minutes: {}, billable: e.billable, comment: e.comment, reasons: [] };
      rows.set(key, row);
    }
    if (!row.states.includes(e.state)) row.states.push(e.state);
    if (e.reason && !row.reasons.includes(e.reason)) row.reasons.push(e.reason);
    row.minutes[e.date] = (row.minutes[e.date] ?? 0) + e.minutes;
    const cell = row.cells[e.date] ?? { text: '', ids: [] };
    cell.ids.push(e.id);
    row.cells[e.date] = cell;
  }
  const out: GridRow[] = [];
  for (const { minutes, ...row } of rows.values()) {
    for (const [date, m] of Object.entries(minutes)) row.cells[date]!.text = formatHours(m);
    out.push(row);
  }
  return out.sort((a, b) => Number(b.editable) - Number(a.editable) || a.label.localeCompare(b.label));
}

/** An entry of the PUT body, with where it came from in the grid (to map 422 errors back to a cell). */
export interface WeekEntryOut {
  entry: { id?: string; projectId: string; taskId: string | null; date: string; minutes: number; billable: boolean; comment: string | null };
  rowKey: string;
  date: string;
}

/**
 * Turns the editable rows into the PUT body: one entry per non-empty cell (reusing the cell's first entry id,
 * so the server updates instead of re-creating). Cells that do not parse are returned in `errors` by cell.
 */
export function gridToEntries(rows: GridRow[], days: string[]): { entries: WeekEntryOut[]; errors: Record<string, string> } {
  const entries: WeekEntryOut[] = [];
  const errors: Record<string, string> = {};
  for (const row of rows) {
    if (!row.editable) continue;
    for (const date of days) {
      const cell = row.cells[date];
      if (!cell) continue;
      const parsed = parseHours(cell.text);
      if ('error' in parsed) { errors[`${row.key}@${date}`] = parsed.error; continue; }
      if (parsed.minutes === 0) continue;
      const id = cell.ids[0];
      entries.push({ rowKey: row.key, date, entry: { ...(id ? { id } : {}), projectId: row.projectId, taskId: row.taskId, date, minutes: parsed.minutes, billable: row.billable, comment: row.comment } });
    }
  }
  return { entries, errors };
}

/** Minutes in a cell's text (0 when empty or not a number), for live totals. */
export function cellMinutes(text: string | undefined): number {
  if (!text) return 0;
  const p = parseHours(text);
  return 'minutes' in p ? p.minutes : 0;
}

/** Maps the API's 422 field errors (`entries.<i>.<CODE>`) to grid cells `rowKey@date`; others go to `general`. */
export function mapEntryErrors(errors: { path: string; message: string }[], sent: WeekEntryOut[]): { cells: Record<string, string>; general: string[] } {
  const cells: Record<string, string> = {};
  const general: string[] = [];
  for (const e of errors) {
    const m = /entries[./](\d+)/.exec(e.path);
    const src = m ? sent[Number(m[1])] : undefined;
    if (src) {
      const k = `${src.rowKey}@${src.date}`;
      cells[k] = cells[k] ? `${cells[k]}; ${e.message}` : e.message;
    }
    general.push(e.message);
  }
  return { cells, general };
}

/** Last day of each month from the month of `from` to the month of `to` (ISO dates), thinned to at most `max` dates (always keeping the last). */
export function monthEnds(from: string, to: string, max = 18): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const endKey = to.slice(0, 7);
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > endKey) break;
    out.push(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
    m++;
    if (m > 12) { m = 1; y++; }
  }
  if (out.length <= max) return out;
  const step = Math.ceil(out.length / max);
  const kept = out.filter((_, i) => i % step === 0);
  if (kept[kept.length - 1] !== out[out.length - 1]) kept.push(out[out.length - 1]!);
  return kept;
}

/**
 * Status dates for an S-curve computed from /financials: the project start, every Sunday up to the status
 * date when the elapsed span is short (else month ends), the status date, then month ends to the finish.
 * At most about `max` dates.
 */
export function sCurveDates(start: string, asOf: string, finish: string, max = 24): string[] {
  const set = new Set<string>([start]);
  if (asOf > start) {
    const weeks = Math.ceil((Date.parse(asOf) - Date.parse(start)) / (7 * 86_400_000));
    if (weeks <= 12) {
      for (let d = addDays(mondayOf(start), 6); d < asOf; d = addDays(d, 7)) if (d > start) set.add(d);
    } else {
      for (const d of monthEnds(start, asOf, Math.floor(max / 2))) if (d > start && d < asOf) set.add(d);
    }
    set.add(asOf);
  }
  for (const d of monthEnds(asOf, finish, Math.floor(max / 2))) if (d > asOf) set.add(d);
  return [...set].sort();
}

/**
 * Parses an amount typed in major units ("1,250.50", "1250,5", "-300") into integer minor units (cents), exactly (no
 * floating point); null when it is not an amount with at most two decimals.
 */
export function parseMoneyInput(text: string, allowNegative = false): number | null {
  let s = text.trim().replace(/\s/g, '');
  if (s === '') return null;
  // "1.250,50" (decimal comma with thousands dots) and "1,250.50" both work; a lone comma is a decimal comma.
  if (/,\d{1,2}$/.test(s) && !/\.\d{1,2}$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  const m = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m || (m[1] && !allowNegative)) return null;
  const minor = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -minor : minor;
}

/** Minor units as a plain editable amount ("1250.50"). */
export function minorToInput(minor: number): string {
  const neg = minor < 0;
  const abs = Math.abs(minor);
  return `${neg ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Bytes as "12 KB" / "1.5 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
}

/**
 * Whose timesheets the person picker offers: everyone to those who may read any timesheet (admin, finance, PMO);
 * to a line manager, themself and the people they line-manage; to anyone else nobody (no picker: their own week).
 */
export function pickableTimesheetPeople<P extends { id: string; userId: string | null; lineManagerId: string | null; active: boolean }>(
  user: { id: string; orgRole: string } | null | undefined, people: P[],
): P[] {
  if (!user) return [];
  const active = people.filter((p) => p.active);
  if (['admin', 'finance', 'pmo'].includes(user.orgRole)) return active;
  const managed = active.filter((p) => p.lineManagerId === user.id);
  return managed.length === 0 ? [] : [...active.filter((p) => p.userId === user.id), ...managed];
}
