import { describe, expect, it } from 'vitest';
import { decideGate, evaluateGate, nextGate, STANDARD_LIFECYCLE, validateLifecycle, type GateDefinition, type GateFacts, type LifecycleDefinition } from '../index.js';
import { PortfolioError } from '../portfolio-errors.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof PortfolioError ? `${e.code}: ${e.message}` : String(e);
  }
  return undefined;
};

const two = (over: Partial<GateDefinition> = {}): LifecycleDefinition => ({
  stages: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }],
  gates: [{ key: 'g', name: 'G', from: 'a', to: 'b', criteria: [], approvals: [], ...over }],
});

describe('validateLifecycle', () => {
  it('accepts the standard lifecycle (the stages projects had before)', () => {
    expect(() => validateLifecycle(STANDARD_LIFECYCLE)).not.toThrow();
    expect(STANDARD_LIFECYCLE.stages.map((s) => s.key)).toEqual(['idea', 'proposal', 'approved', 'planning', 'execution', 'closing', 'closed']);
  });

  it.each<[string, LifecycleDefinition, RegExp]>([
    ['one stage', { stages: [{ key: 'a', name: 'A' }], gates: [] }, /at least two stages/],
    ['bad stage key', { stages: [{ key: 'Plan ning', name: 'A' }, { key: 'b', name: 'B' }], gates: [] }, /stage key "Plan ning"/],
    ['duplicate stage', { stages: [{ key: 'a', name: 'A' }, { key: 'a', name: 'B' }], gates: [] }, /used twice/],
    ['empty stage name', { stages: [{ key: 'a', name: ' ' }, { key: 'b', name: 'B' }], gates: [] }, /needs a name/],
    ['unknown from', two({ from: 'x' }), /unknown stage "x"/],
    ['unknown to', two({ to: 'x' }), /unknown stage "x"/],
    ['backwards gate', { stages: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }], gates: [{ key: 'g', name: 'G', from: 'b', to: 'a', criteria: [], approvals: [] }] }, /must move forward/],
    ['stage without gate out', { stages: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }], gates: [] }, /"a" has no gate out/],
    ['two gates out of one stage', { stages: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }, { key: 'c', name: 'C' }], gates: [{ key: 'g1', name: 'G', from: 'a', to: 'b', criteria: [], approvals: [] }, { key: 'g2', name: 'G', from: 'a', to: 'c', criteria: [], approvals: [] }] }, /two gates/],
    ['duplicate criterion', two({ criteria: [{ id: 'x', kind: 'check', label: 'X', required: true }, { id: 'x', kind: 'check', label: 'Y', required: true }] }), /criterion id "x" is used twice/],
    ['unknown field', two({ criteria: [{ id: 'x', kind: 'field', field: 'colour' as never, label: 'X', required: true }] }), /unknown field "colour"/],
    ['unknown criterion kind', two({ criteria: [{ id: 'x', kind: 'vote' as never, label: 'X', required: true }] }), /unknown kind "vote"/],
    ['unknown approver role', two({ approvals: ['ceo' as never] }), /unknown approver role "ceo"/],
    ['role twice', two({ approvals: ['pmo', 'pmo'] }), /listed twice/],
  ])('refuses %s', (_name, def, message) => {
    expect(codeOf(() => validateLifecycle(def))).toMatch(/^INVALID_LIFECYCLE/);
    expect(codeOf(() => validateLifecycle(def))).toMatch(message);
  });

  it('finds the gate out of a stage, none out of the last, and refuses unknown stages', () => {
    expect(nextGate(STANDARD_LIFECYCLE, 'planning')?.to).toBe('execution');
    expect(nextGate(STANDARD_LIFECYCLE, 'closed')).toBeNull();
    expect(codeOf(() => nextGate(STANDARD_LIFECYCLE, 'dreaming'))).toMatch(/INVALID_LIFECYCLE/);
  });
});

const gate: GateDefinition = {
  key: 'g', name: 'Gate', from: 'a', to: 'b',
  criteria: [
    { id: 'tick', kind: 'check', label: 'Ticked', required: true },
    { id: 'doc', kind: 'document', label: 'Charter', required: true },
    { id: 'mgr', kind: 'field', field: 'manager', label: 'Manager named', required: true },
    { id: 'nice', kind: 'check', label: 'Optional', required: false },
  ],
  approvals: ['pmo', 'project_manager'],
};
const facts = (over: Partial<GateFacts> = {}): GateFacts => ({ fields: { manager: true }, checks: { tick: true }, documents: { doc: 1 }, votes: [{ role: 'pmo', verdict: 'approve' }, { role: 'project_manager', verdict: 'approve' }], ...over });

describe('evaluateGate', () => {
  it.each<[string, Partial<GateFacts>, boolean, string[]]>([
    ['everything in place', {}, true, []],
    ['check not ticked', { checks: {} }, false, ['"Ticked" is not ticked']],
    ['optional check only missing', { checks: { tick: true, nice: false } }, true, []],
    ['no document', { documents: {} }, false, ['document "Charter" is not attached']],
    ['field missing', { fields: { manager: false } }, false, ['"Manager named" is missing']],
    ['field not applicable to this subject', { fields: {} }, true, []],
    ['approval pending', { votes: [{ role: 'pmo', verdict: 'approve' }] }, false, ['no project manager approval yet']],
    ['a rejection vetoes', { votes: [{ role: 'pmo', verdict: 'approve' }, { role: 'pmo', verdict: 'reject' }, { role: 'project_manager', verdict: 'approve' }] }, false, ['the pmo approval was refused']],
    ['inapplicable role does not block', { votes: [{ role: 'pmo', verdict: 'approve' }], inapplicableRoles: ['project_manager'] }, true, []],
  ])('%s', (_name, over, ready, missing) => {
    const e = evaluateGate(gate, facts(over));
    expect(e.ready).toBe(ready);
    expect(e.missing).toEqual(missing);
  });

  it('reports each criterion and role status', () => {
    const e = evaluateGate(gate, facts({ fields: {}, votes: [{ role: 'pmo', verdict: 'reject' }] }));
    expect(e.criteria.map((c) => c.status)).toEqual(['met', 'met', 'not-applicable', 'unmet']);
    expect(e.approvals).toEqual([
      { role: 'pmo', status: 'rejected', approvals: 0, rejections: 1 },
      { role: 'project_manager', status: 'pending', approvals: 0, rejections: 0 },
    ]);
  });
});

describe('decideGate', () => {
  const def: LifecycleDefinition = { stages: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }, { key: 'c', name: 'C' }], gates: [{ ...gate }, { ...gate, key: 'g2', from: 'b', to: 'c' }] };
  const g2 = def.gates[1]!;
  const ready = evaluateGate(g2, facts());
  const notReady = evaluateGate(g2, facts({ checks: {} }));
  it.each<[string, Parameters<typeof decideGate>[3], string | undefined, unknown]>([
    ['go enters the next stage', 'go', undefined, { stage: 'c', state: 'active' }],
    ['hold stays, paused', 'hold', undefined, { stage: 'b', state: 'on_hold' }],
    ['stop stays, stopped', 'stop', undefined, { stage: 'b', state: 'stopped' }],
    ['recycle defaults to the current stage', 'recycle', undefined, { stage: 'b', state: 'active' }],
    ['recycle to an earlier stage', 'recycle', 'a', { stage: 'a', state: 'active' }],
  ])('%s', (_n, decision, to, out) => {
    expect(decideGate(def, g2, 'b', decision, ready, to)).toEqual(out);
  });
  it.each<[string, () => unknown, RegExp]>([
    ['go when not ready', () => decideGate(def, g2, 'b', 'go', notReady), /not ready: "Ticked" is not ticked/],
    ['recycle forward', () => decideGate(def, g2, 'b', 'recycle', ready, 'c'), /goes back, not forward/],
    ['recycle to an unknown stage', () => decideGate(def, g2, 'b', 'recycle', ready, 'z'), /not part of this lifecycle/],
    ['recycleTo with go', () => decideGate(def, g2, 'b', 'go', ready, 'a'), /only goes with a recycle/],
    ['a gate the subject is not at', () => decideGate(def, g2, 'a', 'hold', ready), /leaves "b"/],
    ['unknown decision', () => decideGate(def, g2, 'b', 'maybe' as never, ready), /unknown decision/],
  ])('refuses %s', (_n, fn, msg) => {
    expect(codeOf(fn)).toMatch(/^INVALID_DECISION/);
    expect(codeOf(fn)).toMatch(msg);
  });
});
