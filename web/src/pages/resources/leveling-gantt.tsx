/** Before/after Gantt of the tasks a levelling preview moves: grey = now, coloured = after (pieces if split). SVG. */
import { ganttLayout, type GanttChange } from './gantt-bars';

const ROW = 30;
const LABEL = 240;
const TOP = 22;

/** The chart; one row per moved task (first 200). */
export function LevelingGantt({ changes }: { changes: GanttChange[] }) {
  const { firstDay, days, rows } = ganttLayout(changes);
  if (!rows.length) return null;
  const width = 960;
  const dayPx = Math.max(2, (width - LABEL - 10) / days);
  const first = Date.parse(`${firstDay}T00:00:00Z`);
  const ticks: { x: number; label: string }[] = [];
  const step = Math.max(1, Math.ceil(days / 12 / 7)) * 7;
  for (let d = 0; d < days; d += step) ticks.push({ x: LABEL + d * dayPx, label: new Date(first + d * 86_400_000).toISOString().slice(5, 10) });
  const height = TOP + rows.length * ROW + 8;
  const summary = rows.map((r) => `${r.label}: ${r.after.length > 1 ? `${r.after.length} pieces` : 'moves'}`).join('; ');
  return (
    <figure style={{ margin: '12px 0', overflowX: 'auto' }}>
      <svg width={LABEL + days * dayPx + 10} height={height} role="img" aria-label={`Before and after Gantt of ${rows.length} moved tasks from ${firstDay}`} data-testid="leveling-gantt">
        {ticks.map((t) => (
          <g key={t.x}>
            <line className="gantt-grid" x1={t.x} x2={t.x} y1={TOP - 4} y2={height} />
            <text className="gantt-axis" x={t.x + 2} y={12}>{t.label}</text>
          </g>
        ))}
        {rows.map((r, i) => {
          const y = TOP + i * ROW;
          return (
            <g key={r.taskId} data-testid="gantt-row">
              <text className="gantt-label" x={4} y={y + 18}>{r.label.length > 34 ? `${r.label.slice(0, 33)}…` : r.label}</text>
              <rect className="gantt-before" x={LABEL + r.before.from * dayPx} y={y + 3} width={r.before.days * dayPx} height={10} rx={2}><title>before</title></rect>
              {r.after.map((b, k) => <rect key={k} className="gantt-after" data-testid="gantt-after" x={LABEL + b.from * dayPx} y={y + 15} width={b.days * dayPx} height={10} rx={2}><title>after</title></rect>)}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted">Grey: dates now; coloured: after levelling{changes.some((c) => c.pieces) ? ' (a split task shows its pieces)' : ''}. <span className="sr-only">{summary}</span></figcaption>
    </figure>
  );
}
