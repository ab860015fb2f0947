/** Portfolio strategy data: types derived from the OpenAPI paths, query keys, money formatting, the funding cut-off. */
import type { paths } from '../../api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer Rs } ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]> : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Proposal = Ok<paths['/api/v1/portfolio/proposals']['get']>['items'][number];
export type ScoringModel = Ok<paths['/api/v1/portfolio/scoring-models']['get']>['items'][number];
export type Scores = Ok<paths['/api/v1/portfolio/proposals/{id}/scores']['get']>;
export type OptimizeResult = Ok<paths['/api/v1/portfolio/optimize']['post']>;
export type OptimizeSettings = Body<paths['/api/v1/portfolio/optimize']['post']>;
export type Frontier = Ok<paths['/api/v1/portfolio/frontier']['post']>;
export type Scenario = Ok<paths['/api/v1/portfolio/scenarios']['get']>['items'][number];
export type Comparison = Ok<paths['/api/v1/portfolio/scenarios/compare']['get']>;

/** Query keys of the strategy pages. */
export const sk = {
  proposals: ['portfolio', 'proposals'] as const,
  models: ['portfolio', 'scoring-models'] as const,
  scores: (proposalId: string, modelId: string) => ['portfolio', 'scores', proposalId, modelId] as const,
  scenarios: ['portfolio', 'scenarios'] as const,
};

const moneyFmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
/** Cents as whole currency units with grouping, e.g. 50000000 -> "500,000". */
export const formatMoney = (cents: number | null | undefined): string => (cents === null || cents === undefined ? '—' : moneyFmt.format(cents / 100));

/** Whole currency units typed by the user to cents (null when not a non-negative number). */
export function parseMoney(text: string): number | null {
  const t = text.replace(/[\s,_]/g, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * 100) : null;
}

/**
 * Index of the first proposal (in ranked order) that no longer fits the budget when funding top-down by rank:
 * the funding cut-off line goes before it. Returns the list length when everything fits.
 */
export function fundingCutoff(costsCents: number[], budgetCents: number): number {
  let spent = 0;
  for (let i = 0; i < costsCents.length; i++) {
    spent += costsCents[i]!;
    if (spent > budgetCents) return i;
  }
  return costsCents.length;
}
