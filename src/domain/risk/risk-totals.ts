import { ratingForScore } from './risk-score.js';
import type { RiskMatrix } from './risk-scale.js';
import type { RiskKind, RiskLevel, RiskStatus } from './risk-types.js';

/**
 * Exposure totals: the aggregates a portfolio dashboard needs, kept per scope (portfolio, program, level,
 * category) and per project so a view sums a few hundred rows instead of scoring every risk. Each total holds
 * three variants of the counted figures, one per kind of view, because which risks count depends on the view
 * (see risk-carried.ts): the whole organisation, the risk's own portfolio, the risk's own program.
 */

/** The kinds of view a total serves: every register, one portfolio, one program. */
export const VIEW_KINDS = ['all', 'portfolio', 'program'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

/** Whether an open risk above (in the escalation chain) carries this risk's exposure, per kind of view. */
export type CarriedFlags = Record<ViewKind, boolean>;

/** A risk above another in its escalation chain, with its effective scope. */
export interface ChainLink {
  status: RiskStatus;
  programId: string | null;
  portfolioId: string | null;
}

/**
 * Carried flags of a risk from the chain of risks above it (nearest first, at most three): carried in the
 * organisation view when any of them is open; in its portfolio's view when an open one belongs to the same
 * portfolio; in its program's view when an open one belongs to the same program. A closed risk is never
 * carried (it counts nowhere). Same rule as exposureCarrier, evaluated for the three kinds of view at once.
 */
export function carriedFlags(risk: { status: RiskStatus; programId: string | null; portfolioId: string | null }, chain: ChainLink[]): CarriedFlags {
  const flags = { all: false, portfolio: false, program: false };
  if (risk.status === 'closed') return flags;
  for (const up of chain) {
    if (up.status === 'closed') continue;
    flags.all = true;
    if (risk.portfolioId !== null && up.portfolioId === risk.portfolioId) flags.portfolio = true;
    if (risk.programId !== null && up.programId === risk.programId) flags.program = true;
  }
  return flags;
}

/** Counted figures of one variant. */
export interface CountedTotals {
  count: number;
  threatCount: number;
  threatEmvCents: number;
  opportunityEmvCents: number;
  /** Open, counted risks per matrix cell, row-major (probability level, then impact level). */
  cells: number[];
}

/** One total: every risk of its key, the open ones, and the counted figures per kind of view. */
export interface ExposureTotals {
  allCount: number;
  openCount: number;
  counted: Record<ViewKind, CountedTotals>;
}

/** What a risk contributes to totals on one basis. */
export interface TotalsContribution {
  status: RiskStatus;
  kind: RiskKind;
  level: RiskLevel;
  probabilityLevel: number;
  impactLevel: number;
  emvCents: number;
  carried: CarriedFlags;
}

/** An empty total for a matrix with `cellCount` cells. */
export function emptyTotals(cellCount: number): ExposureTotals {
  const counted = (): CountedTotals => ({ count: 0, threatCount: 0, threatEmvCents: 0, opportunityEmvCents: 0, cells: new Array<number>(cellCount).fill(0) });
  return { allCount: 0, openCount: 0, counted: { all: counted(), portfolio: counted(), program: counted() } };
}

/**
 * Adds (sign 1) or removes (sign -1) a risk's contribution: always in allCount, in openCount unless closed,
 * and in each variant's counted figures when open and not carried in that kind of view.
 */
export function addContribution(t: ExposureTotals, c: TotalsContribution, impactLevels: number, sign: 1 | -1): void {
  t.allCount += sign;
  if (c.status === 'closed') return;
  t.openCount += sign;
  const cell = (c.probabilityLevel - 1) * impactLevels + (c.impactLevel - 1);
  for (const v of VIEW_KINDS) {
    if (c.carried[v]) continue;
    const x = t.counted[v];
    x.count += sign;
    if (c.kind === 'threat') {
      x.threatCount += sign;
      x.threatEmvCents += sign * c.emvCents;
    } else {
      x.opportunityEmvCents += sign * c.emvCents;
    }
    x.cells[cell] = (x.cells[cell] ?? 0) + sign;
  }
}

/** True when a total adds nothing (a delta that cancels out). */
export function isZeroTotals(t: ExposureTotals): boolean {
  return t.allCount === 0 && t.openCount === 0 && VIEW_KINDS.every((v) => {
    const x = t.counted[v];
    return x.count === 0 && x.threatCount === 0 && x.threatEmvCents === 0 && x.opportunityEmvCents === 0 && x.cells.every((n) => n === 0);
  });
}

/**
 * Score distribution of cell counts (row-major over the matrix): risks per rating band, the highest score
 * with a risk and the sum of scores, as rollUpRiskExposure reports them.
 */
export function summarizeCells(matrix: RiskMatrix, cells: readonly number[]): { ratingCounts: Record<string, number>; maxScore: number; totalScore: number } {
  const I = matrix.impactLevels.length;
  const ratingCounts: Record<string, number> = Object.fromEntries(matrix.bands.map((b) => [b.rating, 0]));
  let maxScore = 0;
  let totalScore = 0;
  cells.forEach((n, k) => {
    if (!n) return;
    const score = (Math.floor(k / I) + 1) * ((k % I) + 1);
    ratingCounts[ratingForScore(matrix, score)] += n;
    totalScore += n * score;
    if (score > maxScore) maxScore = score;
  });
  return { ratingCounts, maxScore, totalScore };
}
