import { describe, expect, it } from 'vitest';
import { buildComplianceMatrix, evaluateCompliance, validateComplianceChecklist, type ComplianceChecklist } from './compliance.js';
import { evaluateRiskAttention } from './risk-attention.js';
import { daysBetween, toEpochDay } from './risk-dates.js';
import { RiskValidationError } from './risk-error.js';
import { escalationTargets, findEscalationCycles, validateEscalation, type EscalationNode } from './risk-escalation.js';
import { diffRiskEntries } from './risk-history.js';
import type { RiskAction } from './risk-types.js';
import { buildRisk } from './test-risks.js';

/** Error code thrown by fn, or null. */
function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(RiskValidationError);
    return (err as RiskValidationError).code;
  }
}

describe('dates', () => {
  it.each([
    ['1970-01-01', 0],
    ['2026-11-25', 20782],
    ['2026-11-25T23:59:59Z', 20782],
    ['2024-02-29', 19782],
  ])('%s -> day %s', (d, n) => expect(toEpochDay(d)).toBe(n));
  it.each([['2026-13-01'], ['2026-02-29'], ['25/11/2026'], [''], ['2026-11-25T99:00:00Z']])('rejects %s', (d) => expect(codeOf(() => toEpochDay(d))).toBe('RISK_INVALID_DATE'));
  it('counts days between', () => expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2));
});

describe('evaluateRiskAttention', () => {
  const risk = buildRisk({ reviewDate: '2026-11-30' });
  const actions: RiskAction[] = [
    { id: 'x1', riskId: 'R1', dueDate: '2026-11-20', status: 'open', progressPercent: 50 },
    { id: 'x2', riskId: 'R1', dueDate: '2026-11-10', status: 'done' },
    { id: 'x3', riskId: 'R1', dueDate: '2026-11-01', status: 'cancelled' },
    { id: 'x4', riskId: 'OTHER', dueDate: '2026-01-01', status: 'open' },
  ];
  it.each([
    ['2026-11-20', false, []],
    ['2026-11-21', true, [{ code: 'ACTION_OVERDUE', actionId: 'x1', daysOverdue: 1 }]],
    ['2026-12-02', true, [{ code: 'ACTION_OVERDUE', actionId: 'x1', daysOverdue: 12 }, { code: 'REVIEW_OVERDUE', daysOverdue: 2 }]],
  ])('as of %s flagged=%s', (asOf, flagged, reasons) => {
    const a = evaluateRiskAttention(risk, actions, asOf);
    expect(a.flagged).toBe(flagged);
    expect(a.reasons).toEqual(reasons);
    expect(a).toMatchObject({ actionCount: 2, doneCount: 1, progressPercent: 75 });
  });
  it('never flags a closed risk', () => {
    expect(evaluateRiskAttention({ ...risk, status: 'closed' }, actions, '2027-01-01').flagged).toBe(false);
  });
  it('no actions -> null progress; review only', () => {
    const a = evaluateRiskAttention(risk, [], '2026-12-01');
    expect(a.progressPercent).toBeNull();
    expect(a.reasons).toEqual([{ code: 'REVIEW_OVERDUE', daysOverdue: 1 }]);
  });
  it('rejects a bad asOf', () => expect(codeOf(() => evaluateRiskAttention(risk, actions, 'today'))).toBe('RISK_INVALID_DATE'));
});

describe('escalation', () => {
  const nodes: EscalationNode[] = [
    { id: 'p1', level: 'project' },
    { id: 'p2', level: 'project', escalatedToRiskId: 'g1' },
    { id: 'g1', level: 'program' },
    { id: 'f1', level: 'portfolio' },
    { id: 'e1', level: 'enterprise' },
  ];
  it.each([
    ['p1', 'g1', null],
    ['p1', 'e1', null],
    ['g1', 'f1', null],
    ['p2', 'g1', null],
    ['p1', 'p2', 'RISK_ESCALATION_LEVEL'],
    ['f1', 'g1', 'RISK_ESCALATION_LEVEL'],
    ['e1', 'e1', 'RISK_ESCALATION_CYCLE'],
    ['p2', 'f1', 'RISK_ALREADY_ESCALATED'],
    ['p1', 'zz', 'RISK_INVALID_FIELD'],
  ])('%s -> %s: %s', (from, to, code) => expect(codeOf(() => validateEscalation(nodes, from, to))).toBe(code));

  it('detects a cycle through existing links', () => {
    const cyc: EscalationNode[] = [
      { id: 'a', level: 'project', escalatedToRiskId: 'b' },
      { id: 'b', level: 'program', escalatedToRiskId: 'c' },
      { id: 'c', level: 'portfolio' },
    ];
    cyc[2] = { ...cyc[2], escalatedToRiskId: undefined };
    // c -> a would close a -> b -> c -> a.
    expect(codeOf(() => validateEscalation(cyc, 'c', 'a'))).toBe('RISK_ESCALATION_CYCLE');
  });

  it('findEscalationCycles lists each cycle once', () => {
    const bad: EscalationNode[] = [
      { id: 'b', level: 'program', escalatedToRiskId: 'c' },
      { id: 'c', level: 'portfolio', escalatedToRiskId: 'a' },
      { id: 'a', level: 'project', escalatedToRiskId: 'b' },
      { id: 'x', level: 'project', escalatedToRiskId: 'a' },
      { id: 'y', level: 'project', escalatedToRiskId: 'y' },
      { id: 'z', level: 'project', escalatedToRiskId: 'missing' },
    ];
    expect(findEscalationCycles(bad)).toEqual([['a', 'b', 'c'], ['y']]);
    expect(findEscalationCycles(nodes)).toEqual([]);
  });

  it.each([
    ['project', ['program', 'portfolio', 'enterprise']],
    ['portfolio', ['enterprise']],
    ['enterprise', []],
  ] as const)('targets from %s', (level, t) => expect(escalationTargets(level)).toEqual(t));
});

describe('compliance', () => {
  const checklist: ComplianceChecklist = {
    stages: ['initiation', 'planning', 'execution', 'closure'],
    items: [
      { id: 'bc', stage: 'initiation', title: 'Business case approved', rule: { kind: 'attestation' } },
      { id: 'rr', stage: 'planning', title: 'Risk register reviewed in the last 30 days', rule: { kind: 'recency', maxAgeDays: 30, fact: 'riskRegister.lastReviewedOn' } },
      { id: 'dpia', stage: 'planning', title: 'Data-protection assessment done', rule: { kind: 'evidence' } },
      { id: 'nice', stage: 'planning', title: 'Stakeholder map', rule: { kind: 'attestation' }, required: false },
      { id: 'll', stage: 'closure', title: 'Lessons learned', rule: { kind: 'attestation' } },
    ],
  };

  it.each([
    ['2026-11-25', '2026-10-26', 'met', 30],
    ['2026-11-25', '2026-10-25', 'expired', 31],
    ['2026-11-25', '2026-11-25', 'met', 0],
  ])('as of %s, reviewed %s -> %s', (asOf, reviewed, status, age) => {
    const e = evaluateCompliance(checklist, { projectId: 'P', stage: 'execution', records: [], facts: { 'riskRegister.lastReviewedOn': reviewed } }, asOf);
    expect(e.items.find((i) => i.itemId === 'rr')).toMatchObject({ status, ageDays: age });
  });

  it.each([
    ['passed before asOf', '2026-03-01', 'met'],
    ['passed on asOf', '2026-11-25', 'met'],
    ['dated after asOf', '2026-12-01', 'not-met'],
    ['never passed', undefined, 'not-met'],
  ])('a fact rule: gate %s -> %s', (_n, passedOn, status) => {
    const withFact: ComplianceChecklist = { stages: ['a'], items: [{ id: 'gate', stage: 'a', title: 'Business case approved at the gate', rule: { kind: 'fact', fact: 'gate.investment-decision.passedOn' } }] };
    const e = evaluateCompliance(withFact, { projectId: 'P', stage: 'a', records: [], facts: { 'gate.investment-decision.passedOn': passedOn } }, '2026-11-25');
    expect(e.items[0]!.status).toBe(status);
  });

  it('refuses a fact rule without a fact', () => {
    expect(() => validateComplianceChecklist({ stages: ['a'], items: [{ id: 'x', stage: 'a', title: 'x', rule: { kind: 'fact', fact: '' } }] })).toThrow(/names its fact/);
  });

  it('evaluates stages cumulatively; optional items do not block compliance', () => {
    const e = evaluateCompliance(
      checklist,
      {
        projectId: 'P',
        stage: 'planning',
        records: [{ itemId: 'bc', completedOn: '2026-01-10' }, { itemId: 'dpia', evidenceUrls: ['https://docs/dpia.pdf'] }],
        facts: { 'riskRegister.lastReviewedOn': '2026-11-20' },
      },
      '2026-11-25',
    );
    expect(e.items.map((i) => [i.itemId, i.status])).toEqual([['bc', 'met'], ['rr', 'met'], ['dpia', 'met'], ['nice', 'not-met'], ['ll', 'not-applicable']]);
    expect(e).toMatchObject({ applicableCount: 4, metCount: 3, percent: 75, compliant: true });
  });

  it('missing evidence and missing dates are not met', () => {
    const e = evaluateCompliance(checklist, { projectId: 'P', stage: 'planning', records: [{ itemId: 'dpia', evidenceUrls: [''] }] }, '2026-11-25');
    expect(e.items.filter((i) => i.status === 'not-met').map((i) => i.itemId)).toEqual(['bc', 'rr', 'dpia', 'nice']);
    expect(e.compliant).toBe(false);
  });

  it('builds a portfolio matrix aligned to items', () => {
    const mtx = buildComplianceMatrix(checklist, [
      { projectId: 'A', stage: 'initiation', records: [{ itemId: 'bc', completedOn: '2026-01-01' }] },
      { projectId: 'B', stage: 'closure', records: [] },
    ], '2026-11-25');
    expect(mtx.items.map((i) => i.id)).toEqual(['bc', 'rr', 'dpia', 'nice', 'll']);
    expect(mtx.rows[0]).toEqual({ projectId: 'A', stage: 'initiation', cells: ['met', 'not-applicable', 'not-applicable', 'not-applicable', 'not-applicable'], percent: 100, compliant: true });
    expect(mtx.rows[1].compliant).toBe(false);
    expect(mtx.rows[1].percent).toBe(0);
  });

  it.each([
    [{ stages: [], items: [] }],
    [{ stages: ['a', 'a'], items: [] }],
    [{ stages: ['a'], items: [{ id: 'x', stage: 'b', title: 't', rule: { kind: 'attestation' } }] }],
    [{ stages: ['a'], items: [{ id: 'x', stage: 'a', title: 't', rule: { kind: 'recency', maxAgeDays: -1 } }] }],
    [{ stages: ['a'], items: [{ id: 'x', stage: 'a', title: 't', rule: { kind: 'magic' } }] }],
    [{ stages: ['a'], items: [{ id: 'x', stage: 'a', title: 't', rule: { kind: 'attestation' } }, { id: 'x', stage: 'a', title: 't', rule: { kind: 'attestation' } }] }],
  ])('rejects checklist %j', (c) => expect(codeOf(() => validateComplianceChecklist(c as never))).toBe('RISK_COMPLIANCE_INVALID'));

  it('rejects an unknown project stage', () => {
    expect(codeOf(() => evaluateCompliance(checklist, { projectId: 'P', stage: 'dreaming', records: [] }, '2026-11-25'))).toBe('RISK_COMPLIANCE_INVALID');
  });
});

describe('diffRiskEntries', () => {
  it('lists changed fields only, treating null and undefined alike', () => {
    const before = buildRisk({ ownerId: null, triggers: ['a'] });
    const after = buildRisk({ status: 'monitoring', residual: { probabilityLevel: 1, impacts: { cost: 1 } }, triggers: ['a'] });
    expect(diffRiskEntries(before, after)).toEqual([
      { field: 'residual', from: null, to: { probabilityLevel: 1, impacts: { cost: 1 } } },
      { field: 'status', from: 'open', to: 'monitoring' },
    ]);
  });
  it('ignores key order inside nested objects', () => {
    const a = buildRisk({ inherent: { probabilityLevel: 2, impacts: { cost: 1, schedule: 2 } } });
    const b = buildRisk({ inherent: { impacts: { schedule: 2, cost: 1 }, probabilityLevel: 2 } });
    expect(diffRiskEntries(a, b)).toEqual([]);
  });
});
