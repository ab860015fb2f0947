/** Gate review data: types derived from the OpenAPI paths, query keys, labels. */
import type { paths } from '../../api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer Rs } ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]> : never;

export type GateReview = Ok<paths['/api/v1/gate-reviews/{id}']['get']>;
export type SubjectGates = Ok<paths['/api/v1/projects/{id}/gates']['get']>;
export type Lifecycle = Ok<paths['/api/v1/lifecycles']['get']>['items'][number];
export type Decision = NonNullable<GateReview['decision']>['decision'];
export type SubjectKind = GateReview['subject']['kind'];

/** Query keys; live updates of gate reviews, projects and proposals invalidate every key starting with 'gates'. */
export const gk = {
  all: ['gates'] as const,
  subject: (kind: SubjectKind, id: string) => ['gates', kind, id] as const,
  review: (id: string) => ['gates', 'review', id] as const,
  queue: (status: 'open' | 'decided') => ['gates', 'queue', status] as const,
  lifecycles: ['gates', 'lifecycles'] as const,
};

export const DECISION_TEXT: Record<Decision, string> = {
  go: 'Go: enter the next stage',
  hold: 'Hold: stay in this stage, paused',
  stop: 'Stop: end it here',
  recycle: 'Recycle: rework from a stage',
};

/** "portfolio_manager" -> "Portfolio manager"; pmo stays upper case. */
export function roleLabel(role: string): string {
  if (role === 'pmo') return 'PMO';
  const s = role.replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The stages a recycle may go back to: the current stage and every earlier one, latest first. */
export function recycleTargets(stages: { key: string; name: string }[], current: string): { key: string; name: string }[] {
  const i = stages.findIndex((s) => s.key === current);
  return i < 0 ? [] : stages.slice(0, i + 1).reverse();
}
