import { describe, expect, it } from 'vitest';
import { keysForChange } from '../../api/events';
import { fundingCutoff, parseMoney, sk } from './strategy-api';

describe('fundingCutoff', () => {
  it.each([
    { costs: [], budget: 0, cut: 0 },
    { costs: [5, 3, 4], budget: 8, cut: 2 },
    { costs: [5, 3, 4], budget: 7.99, cut: 1 },
    { costs: [5, 3, 4], budget: 12, cut: 3 },
    { costs: [5, 3, 4], budget: 0, cut: 0 },
    { costs: [0, 0], budget: 0, cut: 2 },
  ])('costs $costs within $budget: cut before index $cut', ({ costs, budget, cut }) => {
    expect(fundingCutoff(costs, budget)).toBe(cut);
  });
});

describe('parseMoney', () => {
  it.each([
    ['800000', 80_000_000],
    ['800,000', 80_000_000],
    ['12.345', 1235],
    ['-1', null],
    ['abc', null],
    ['', null],
  ])('%s -> %s cents', (text, cents) => {
    expect(parseMoney(text)).toBe(cents);
  });
});

describe('live updates', () => {
  it.each(['proposal', 'scoring_model', 'portfolio_scenario'])('a %s change refreshes every strategy query', (entityType) => {
    const keys = keysForChange({ type: `${entityType}.updated`, entityType, entityId: 'x', projectId: null, version: 2, at: '2026-11-25T00:00:00Z' });
    for (const k of [sk.proposals, sk.models, sk.scenarios, sk.scores('p', 'm')]) {
      expect(keys.some((key) => key.every((part, i) => k[i] === part))).toBe(true);
    }
  });
});
