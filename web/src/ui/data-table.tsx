/** Sortable, filterable, virtualised table (10,000+ rows); keyboard: arrows move, Enter opens. */
import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** A column: header text, CSS grid width, cell renderer and the value it sorts/filters by. */
export interface Column<T> {
  key: string;
  header: string;
  width?: string;
  render: (row: T) => ReactNode;
  sortValue?: (row: T) => string | number | null;
  filterText?: (row: T) => string;
}

export interface DataTableProps<T> {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  label: string;
  onActivate?: (row: T) => void;
  height?: number | string;
  rowHeight?: number;
  filterable?: boolean;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  empty?: ReactNode;
  toolbar?: ReactNode;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts a copy of rows by a column's sortValue; nulls last. Exported for tests. */
export function sortRows<T>(rows: T[], value: (row: T) => string | number | null, dir: 'asc' | 'desc'): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  const keyed = rows.map((r, i) => ({ r, v: value(r), i }));
  keyed.sort((a, b) => {
    if (a.v === b.v) return a.i - b.i;
    if (a.v === null || a.v === undefined) return 1;
    if (b.v === null || b.v === undefined) return -1;
    const c = typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
    return c * sign || a.i - b.i;
  });
  return keyed.map((k) => k.r);
}

/** The table component. */
export function DataTable<T>(props: DataTableProps<T>) {
  const { rows, columns, rowKey, label, onActivate, rowHeight = 36, filterable = true } = props;
  const [sort, setSort] = useState(props.initialSort ?? null);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);

  const visible = useMemo(() => {
    let out = rows;
    const f = filter.trim().toLowerCase();
    if (f) {
      const texts = columns.filter((c) => c.filterText);
      out = out.filter((r) => texts.some((c) => c.filterText!(r).toLowerCase().includes(f)));
    }
    if (sort) {
      const col = columns.find((c) => c.key === sort.key);
      if (col?.sortValue) out = sortRows(out, col.sortValue, sort.dir);
    }
    return out;
  }, [rows, columns, filter, sort]);

  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const template = columns.map((c) => c.width ?? '1fr').join(' ');

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (visible.length === 0) return;
    let next = active;
    if (e.key === 'ArrowDown') next = Math.min(visible.length - 1, active + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, active - 1);
    else if (e.key === 'PageDown') next = Math.min(visible.length - 1, active + 10);
    else if (e.key === 'PageUp') next = Math.max(0, active - 10);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = visible.length - 1;
    else if (e.key === 'Enter' && onActivate && visible[active]) { onActivate(visible[active]); return; }
    else return;
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  // Only a rendered row can be the active descendant (a virtualised-away id would be a dangling reference).
  const activeRow = virtualizer.getVirtualItems().some((vi) => vi.index === active) ? visible[active] : undefined;
  return (
    <div className="dt" style={{ height: props.height ?? 560 }}>
      {(filterable || props.toolbar) && (
        <div className="dt-filter">
          {filterable && (
            <input type="search" aria-label={`Filter ${label}`} placeholder="Filter…" value={filter} onChange={(e) => { setFilter(e.target.value); setActive(0); }} />
          )}
          <span className="muted" aria-live="polite">{visible.length} of {rows.length}</span>
          <span className="spacer" />
          {props.toolbar}
        </div>
      )}
      <div
        ref={scrollRef}
        className="dt-scroll"
        role="grid"
        aria-label={label}
        aria-rowcount={visible.length + 1}
        aria-activedescendant={activeRow ? `row-${rowKey(activeRow)}` : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ flex: 1 }}
      >
        <div className="dt-row dt-head" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
          {columns.map((c) => {
            const sorted = sort?.key === c.key ? sort.dir : null;
            return (
              <div key={c.key} className="dt-cell" role="columnheader" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}>
                {c.sortValue ? (
                  <button type="button" tabIndex={-1} onClick={() => setSort(sorted === 'asc' ? { key: c.key, dir: 'desc' } : { key: c.key, dir: 'asc' })}>
                    {c.header}<span aria-hidden="true">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span>
                  </button>
                ) : <span style={{ display: 'block', padding: '8px 0' }}>{c.header}</span>}
              </div>
            );
          })}
        </div>
        {visible.length === 0 ? (props.empty ?? <div className="state">Nothing to show.</div>) : (
          <div className="dt-body" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((vi) => {
              const row = visible[vi.index]!;
              const key = rowKey(row);
              return (
                <div
                  key={key}
                  id={`row-${key}`}
                  className="dt-row"
                  role="row"
                  aria-rowindex={vi.index + 2}
                  aria-selected={vi.index === active}
                  onClick={() => { setActive(vi.index); onActivate?.(row); }}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${vi.start}px)`, gridTemplateColumns: template, cursor: onActivate ? 'pointer' : undefined }}
                >
                  {columns.map((c) => <div key={c.key} className="dt-cell" role="gridcell">{c.render(row)}</div>)}
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
