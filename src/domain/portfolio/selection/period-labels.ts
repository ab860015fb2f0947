/**
 * Calendar meaning of the optimiser's period labels: '2027-03' is a month, '2027-Q1' a quarter, '2027' a year. Used
 * to bring monthly figures from other areas (available role capacity) onto the optimiser's periods. Months are
 * counted as year x 12 + (month - 1).
 */

/** The months a label covers (`first` month index and `count`), or null when it is not a month, quarter or year. */
export function monthsOfPeriodLabel(label: string): { first: number; count: number } | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(label);
  if (m) return { first: Number(m[1]) * 12 + Number(m[2]) - 1, count: 1 };
  m = /^(\d{4})-Q([1-4])$/.exec(label);
  if (m) return { first: Number(m[1]) * 12 + (Number(m[2]) - 1) * 3, count: 3 };
  m = /^(\d{4})$/.exec(label);
  if (m) return { first: Number(m[1]) * 12, count: 12 };
  return null;
}

/** 'YYYY-MM' of a month index. */
export function monthText(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months spanned by the labels (first month index and count), or the first label that is not a month, quarter
 * or year.
 */
export function monthSpanOfLabels(labels: readonly string[]): { first: number; count: number } | { invalid: string } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const l of labels) {
    const r = monthsOfPeriodLabel(l);
    if (!r) return { invalid: l };
    lo = Math.min(lo, r.first);
    hi = Math.max(hi, r.first + r.count - 1);
  }
  return labels.length ? { first: lo, count: hi - lo + 1 } : { first: 0, count: 0 };
}

/** Sums monthly values (month `firstMonth` onwards) into each label's months; labels must parse (monthsOfPeriodLabel). */
export function sumMonthsIntoPeriods(labels: readonly string[], firstMonth: number, monthly: readonly number[]): number[] {
  return labels.map((l) => {
    const r = monthsOfPeriodLabel(l)!;
    let s = 0;
    for (let k = 0; k < r.count; k++) s += monthly[r.first + k - firstMonth] ?? 0;
    return s;
  });
}

/**
 * `count` consecutive labels from the period holding month `firstMonth` (YYYY-MM): months ('2027-01'), quarters
 * ('2027-Q1') or years ('2027'), as the optimiser page names its periods. Null when `firstMonth` is not a month.
 */
export function periodLabelsFrom(firstMonth: string, count: number, perYear: 1 | 4 | 12): string[] | null {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(firstMonth);
  if (!m) return null;
  const monthsPer = 12 / perYear;
  const start = Number(m[1]) * 12 + Math.floor((Number(m[2]) - 1) / monthsPer) * monthsPer;
  return Array.from({ length: count }, (_, i) => {
    const first = start + i * monthsPer;
    const year = Math.floor(first / 12);
    if (perYear === 12) return monthText(first);
    if (perYear === 4) return `${year}-Q${Math.floor((first % 12) / 3) + 1}`;
    return String(year);
  });
}
