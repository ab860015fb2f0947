import { describe, expect, it } from 'vitest';
import { RiskValidationError } from './risk-error.js';
import { defaultRiskMatrix, impactLevelFor, probabilityLevelFor, representativeProbability, validateRiskMatrix, type RiskMatrix } from './risk-scale.js';

/** Returns the error code thrown by fn, or null. */
function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(RiskValidationError);
    return (err as RiskValidationError).code;
  }
}

describe('validateRiskMatrix', () => {
  it('accepts the default 5 x 5 matrix', () => expect(codeOf(() => validateRiskMatrix(defaultRiskMatrix()))).toBeNull());

  const edits: Array<[string, (m: RiskMatrix) => void, string]> = [
    ['no probability levels', (m) => (m.probabilityLevels = []), 'RISK_SCALE_EMPTY'],
    ['no impact levels', (m) => (m.impactLevels = []), 'RISK_SCALE_EMPTY'],
    ['levels not 1..n', (m) => (m.impactLevels[2].level = 7), 'RISK_SCALE_LEVELS'],
    ['empty label', (m) => (m.probabilityLevels[0].label = ' '), 'RISK_SCALE_LEVELS'],
    ['probability above 1', (m) => (m.probabilityLevels[4].maxProbability = 1.2), 'RISK_PROBABILITY_OUT_OF_RANGE'],
    ['negative probability', (m) => (m.probabilityLevels[0].minProbability = -0.1), 'RISK_PROBABILITY_OUT_OF_RANGE'],
    ['representative outside range', (m) => (m.probabilityLevels[1].probability = 0.9), 'RISK_PROBABILITY_OUT_OF_RANGE'],
    ['overlapping ranges', (m) => (m.probabilityLevels[2].minProbability = 0.2), 'RISK_SCALE_NOT_ASCENDING'],
    ['descending cost thresholds', (m) => (m.impactLevels[1].costCentsUpTo = 10), 'RISK_SCALE_NOT_ASCENDING'],
    ['no bands', (m) => (m.bands = []), 'RISK_BANDS_INVALID'],
    ['first band not at 1', (m) => (m.bands[0].minScore = 2), 'RISK_BANDS_INVALID'],
    ['bands not ascending', (m) => (m.bands[2].minScore = 5), 'RISK_BANDS_INVALID'],
    ['band above max score', (m) => (m.bands[3].minScore = 26), 'RISK_BANDS_INVALID'],
  ];
  it.each(edits)('rejects %s', (_name, edit, code) => {
    const m = defaultRiskMatrix();
    edit(m);
    expect(codeOf(() => validateRiskMatrix(m))).toBe(code);
  });

  it('accepts a custom 3 x 4 matrix', () => {
    const m: RiskMatrix = {
      probabilityLevels: [
        { level: 1, label: 'Low', minProbability: 0, maxProbability: 0.33 },
        { level: 2, label: 'Medium', minProbability: 0.33, maxProbability: 0.66 },
        { level: 3, label: 'High', minProbability: 0.66, maxProbability: 1 },
      ],
      impactLevels: [1, 2, 3, 4].map((level) => ({ level, label: `I${level}` })),
      bands: [{ rating: 'green', minScore: 1 }, { rating: 'red', minScore: 6 }],
    };
    expect(codeOf(() => validateRiskMatrix(m))).toBeNull();
    expect(representativeProbability(m, 2)).toBeCloseTo(0.495, 12);
  });
});

describe('level lookups', () => {
  const m = defaultRiskMatrix();
  it.each([
    [0, 1],
    [0.05, 1],
    [0.1, 2],
    [0.5, 4],
    [0.69, 4],
    [0.7, 5],
    [1, 5],
  ])('probability %s -> level %s', (p, level) => expect(probabilityLevelFor(m, p)).toBe(level));
  it('rejects probability outside [0, 1]', () => expect(codeOf(() => probabilityLevelFor(m, 1.5))).toBe('RISK_PROBABILITY_OUT_OF_RANGE'));
  it.each([
    ['schedule', 0, 1],
    ['schedule', 1, 1],
    ['schedule', 1.5, 2],
    ['schedule', 60, 4],
    ['schedule', 61, 5],
    ['cost', 100_000, 1],
    ['cost', 100_001, 2],
    ['cost', 10 ** 12, 5],
  ] as const)('%s impact %s -> level %s', (dim, amount, level) => expect(impactLevelFor(m, dim, amount)).toBe(level));
  it('rejects an unknown probability level', () => expect(codeOf(() => representativeProbability(m, 6))).toBe('RISK_LEVEL_OUT_OF_SCALE'));
});
