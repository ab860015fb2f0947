/** Display helpers: RAG badge, progress bar, enum labels. */
import type { Health } from '../api/types';

/** "on_track" -> "On track". */
export function labelOf(v: string | null | undefined): string {
  if (!v) return '—';
  const s = v.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Health as a coloured dot plus text (never colour alone). */
export function Rag({ health }: { health: Health }) {
  return <span className={`rag rag-${health}`}>{labelOf(health)}</span>;
}

/** Percent complete bar with its number. */
export function Progress({ percent }: { percent: number }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <span className="row" style={{ gap: 6, flexWrap: 'nowrap' }}>
      <span className="progress" role="progressbar" aria-valuenow={p} aria-valuemin={0} aria-valuemax={100} aria-label="Percent complete"><span style={{ width: `${p}%` }} /></span>
      <span>{p}%</span>
    </span>
  );
}
