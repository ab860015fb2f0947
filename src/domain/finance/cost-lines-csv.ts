import { FinanceError } from './finance-error.js';
import { assertIsoDate } from './iso-date.js';
import { parseAmountToMinor, assertCurrencyCode } from './money.js';
import type { ActualCostInput } from './actuals.js';

/** A row the importer refused, with the 1-based line number and why. */
export interface CsvRowError {
  line: number;
  message: string;
}

/** Splits CSV text (RFC 4180: quotes, doubled quotes, CRLF or LF) into rows of cells; throws on an open quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new FinanceError('FINANCE_CSV_MALFORMED', 'CSV ends inside a quoted cell');
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

const REQUIRED = ['id', 'project_id', 'date', 'category', 'amount', 'currency'] as const;

/**
 * Imports cost lines from CSV with the header `id,project_id,date,category,amount,currency` (any column
 * order, extra columns ignored; amount is a plain decimal like 1234.50). Returns good rows and per-line
 * errors; a file without the required header throws FINANCE_CSV_HEADER. Duplicate ids are errors.
 */
export function parseCostLinesCsv(text: string, maxRows = 100_000): { rows: ActualCostInput[]; errors: CsvRowError[] } {
  const table = parseCsv(text);
  if (table.length === 0) throw new FinanceError('FINANCE_CSV_HEADER', 'the CSV file is empty');
  const header = table[0].map((h) => h.trim().toLowerCase());
  const missing = REQUIRED.filter((h) => !header.includes(h));
  if (missing.length) throw new FinanceError('FINANCE_CSV_HEADER', `the CSV header lacks ${missing.join(', ')}`);
  if (table.length - 1 > maxRows) throw new FinanceError('FINANCE_CSV_TOO_LARGE', `more than ${maxRows} rows`);
  const col = Object.fromEntries(REQUIRED.map((h) => [h, header.indexOf(h)])) as Record<(typeof REQUIRED)[number], number>;
  const rows: ActualCostInput[] = [];
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < table.length; r++) {
    const cells = table[r];
    const get = (h: (typeof REQUIRED)[number]): string => (cells[col[h]] ?? '').trim();
    try {
      const id = get('id');
      if (!id) throw new FinanceError('FINANCE_CSV_ROW', 'id is empty');
      if (seen.has(id)) throw new FinanceError('FINANCE_CSV_ROW', `id ${id} appears twice`);
      const projectId = get('project_id');
      if (!projectId) throw new FinanceError('FINANCE_CSV_ROW', 'project_id is empty');
      const date = get('date');
      assertIsoDate('date', date);
      const category = get('category');
      if (!category) throw new FinanceError('FINANCE_CSV_ROW', 'category is empty');
      const currency = get('currency');
      assertCurrencyCode(currency);
      const amountMinor = parseAmountToMinor(get('amount'), currency);
      seen.add(id);
      rows.push({ id, projectId, date, category, amountMinor, currency });
    } catch (err) {
      if (!(err instanceof FinanceError)) throw err;
      errors.push({ line: r + 1, message: err.message });
    }
  }
  return { rows, errors };
}
