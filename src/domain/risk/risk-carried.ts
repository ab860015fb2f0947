import type { RiskEntry } from './risk-types.js';

/** What exposure counting needs of any risk, in the view or not: its link upward and whether it is closed. */
export interface EscalationLink {
  id: string;
  status: RiskEntry['status'];
  escalatedToRiskId?: string | null;
}

/** The longest escalation chain levels allow (project -> program -> portfolio -> enterprise). */
const MAX_CHAIN = 3;

/**
 * The open risk in the view that carries this risk's exposure: the nearest open ancestor (following
 * `escalatedToRiskId`, also through risks outside the view) that is itself in the view, or null. A project
 * risk escalated to an enterprise risk and that enterprise risk describe one exposure; when both are in a
 * view, the higher one carries it. A closed ancestor carries nothing (the lower risk counts again).
 */
export function exposureCarrier(risk: EscalationLink, linkOf: (id: string) => EscalationLink | undefined, inView: (id: string) => boolean): string | null {
  let id = risk.escalatedToRiskId ?? null;
  const seen = new Set<string>([risk.id]);
  for (let step = 0; id !== null && step < MAX_CHAIN && !seen.has(id); step++) {
    seen.add(id);
    const up = linkOf(id);
    if (!up) return null;
    if (up.status !== 'closed' && inView(up.id)) return up.id;
    id = up.escalatedToRiskId ?? null;
  }
  return null;
}

/**
 * The risks of a view whose exposure counts once: open (not closed) risks whose exposure no other open risk
 * of the view carries (see exposureCarrier). Heat maps, roll-ups and top-N lists of a view that spans several
 * registers take these, so an escalated risk and the higher-level risk it is linked to are not added twice.
 * `all` must hold every ancestor of the view's risks (risks outside the view included).
 */
export function selectCountedRisks<T extends EscalationLink>(view: T[], all: Iterable<EscalationLink>): T[] {
  const byId = new Map<string, EscalationLink>();
  for (const r of all) byId.set(r.id, r);
  const ids = new Set(view.map((r) => r.id));
  return view.filter((r) => r.status !== 'closed' && exposureCarrier(r, (id) => byId.get(id), (id) => ids.has(id)) === null);
}
