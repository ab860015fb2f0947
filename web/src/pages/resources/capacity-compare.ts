/** Pure helpers of the capacity page: period labels and the plan-of-record vs what-if comparison (tested). */

export interface GridRowFigures {
  id: string;
  name: string;
  hypothetical?: boolean;
  capacityMinutes: number[];
  demandMinutes: number[];
  overMinutes: number[];
  freeMinutes: number[];
}

/** Column label of a period: 'MM-DD' for days and weeks, 'YYYY-MM' for months. */
export function periodLabel(granularity: 'day' | 'week' | 'month', start: string): string {
  return granularity === 'month' ? start.slice(0, 7) : start.slice(5);
}

export interface RowComparison {
  id: string;
  name: string;
  hypothetical: boolean;
  overCellsBefore: number;
  overCellsAfter: number;
  overMinutesBefore: number;
  overMinutesAfter: number;
  freeMinutesBefore: number;
  freeMinutesAfter: number;
}

const sum = (a: readonly number[]) => a.reduce((s, v) => s + v, 0);
const overCells = (r: GridRowFigures) => r.overMinutes.filter((m) => m > 0).length;

/**
 * Rows whose figures differ between the plan of record and the what-if (and hypothetical rows), largest change
 * in over-allocation first; plus the totals of both grids.
 */
export function compareGrids(before: { rows: GridRowFigures[] }, after: { rows: GridRowFigures[] }) {
  const byId = new Map(before.rows.map((r) => [r.id, r]));
  const rows: RowComparison[] = [];
  for (const a of after.rows) {
    const b = byId.get(a.id);
    const same = b && JSON.stringify([b.capacityMinutes, b.demandMinutes]) === JSON.stringify([a.capacityMinutes, a.demandMinutes]);
    if (same) continue;
    rows.push({
      id: a.id,
      name: a.name,
      hypothetical: a.hypothetical === true || !b,
      overCellsBefore: b ? overCells(b) : 0,
      overCellsAfter: overCells(a),
      overMinutesBefore: b ? sum(b.overMinutes) : 0,
      overMinutesAfter: sum(a.overMinutes),
      freeMinutesBefore: b ? sum(b.freeMinutes) : 0,
      freeMinutesAfter: sum(a.freeMinutes),
    });
  }
  rows.sort((x, y) => Math.abs(y.overMinutesAfter - y.overMinutesBefore) - Math.abs(x.overMinutesAfter - x.overMinutesBefore) || x.name.localeCompare(y.name));
  const totals = (g: { rows: GridRowFigures[] }) => ({ overCells: sum(g.rows.map(overCells)), overMinutes: sum(g.rows.map((r) => sum(r.overMinutes))), freeMinutes: sum(g.rows.map((r) => sum(r.freeMinutes))) });
  return { rows, before: totals(before), after: totals(after) };
}
