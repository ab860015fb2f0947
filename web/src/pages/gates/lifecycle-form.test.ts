import { describe, expect, it } from 'vitest';
import { addStage, definitionOf, draftFromLifecycle, keyFromName, moveStage, newLifecycleDraft, removeStage, type Definition } from './lifecycle-form';

const stored: Definition = {
  stages: [{ key: 'idea', name: 'Idea' }, { key: 'plan', name: 'Planning' }, { key: 'done', name: 'Done' }],
  gates: [
    { key: 'screen', name: 'Screen', from: 'idea', to: 'plan', criteria: [{ id: 'desc', kind: 'field', label: 'Described', field: 'description', required: true }], approvals: ['pmo'] },
    { key: 'finish', name: 'Finish', from: 'plan', to: 'done', criteria: [{ id: 'report', kind: 'document', label: 'Closure report', required: false }], approvals: ['pmo', 'finance'] },
  ],
};
const tos = (d: ReturnType<typeof draftFromLifecycle>) => d.map((s) => `${s.key}>${s.gate.to}`);

describe('lifecycle draft', () => {
  it('round-trips a stored lifecycle', () => {
    expect(definitionOf(draftFromLifecycle(stored))).toEqual({ definition: stored, error: null });
  });

  it('adds a stage at the end: the previous last stage gets a gate into it', () => {
    const d = addStage(draftFromLifecycle(stored), 'Benefits review');
    expect(tos(d)).toEqual(['idea>plan', 'plan>done', 'done>benefits-review', 'benefits-review>']);
    const def = definitionOf(d).definition!;
    expect(def.gates[2]).toEqual({ key: 'done-gate', name: 'Done gate', from: 'done', to: 'benefits-review', criteria: [], approvals: ['pmo'] });
  });

  it('removes a stage: the gate into it enters the next one, the new last stage has no gate', () => {
    expect(tos(removeStage(draftFromLifecycle(stored), 1))).toEqual(['idea>done', 'done>']);
    expect(tos(removeStage(draftFromLifecycle(stored), 2))).toEqual(['idea>plan', 'plan>']);
  });

  it('moves a stage and keeps every gate moving forward', () => {
    const d = addStage(newLifecycleDraft(), 'Review');
    expect(tos(moveStage(d, 3, -1))).toEqual(['idea>approved', 'approved>review', 'review>done', 'done>']);
    expect(moveStage(d, 0, -1)).toBe(d);
  });

  it('names new criteria and gates from their labels and refuses empty names', () => {
    const d = newLifecycleDraft();
    d[0]!.gate.criteria.push({ id: '', kind: 'check', label: 'A sponsor is named', field: 'description', required: true });
    const def = definitionOf(d).definition!;
    expect(def.gates[0]!.criteria.map((c) => c.id)).toEqual(['sponsor', 'a-sponsor-is-named']);
    d[1]!.gate.criteria.push({ id: '', kind: 'document', label: ' ', field: 'description', required: true });
    expect(definitionOf(d).error).toBe('Closure: criterion 1 needs a label');
    expect(definitionOf([{ ...d[0]!, name: '' }, d[2]!]).error).toBe('Stage 1 needs a name');
  });

  it.each<[string, string[], string]>([
    ['Plan approval', [], 'plan-approval'],
    ['Plan approval', ['plan-approval'], 'plan-approval-2'],
    ['Éxécution', [], 'execution'],
    ['!!', [], 'stage'],
  ])('keyFromName(%s) with %j taken is %s', (name, taken, key) => expect(keyFromName(name, new Set(taken))).toBe(key));
});

describe('the stage in which proposals become projects', () => {
  it('goes into the definition, null meaning "not automatically"; omitted leaves the server default', () => {
    const d = newLifecycleDraft();
    expect(definitionOf(d, 'approved').definition!.projectStage).toBe('approved');
    expect(definitionOf(d, null).definition!.projectStage).toBeNull();
    expect('projectStage' in definitionOf(d).definition!).toBe(false);
  });

  it.each([['the first stage', 'idea'], ['a removed stage', 'gone']])('refuses %s', (_w, stage) => {
    expect(definitionOf(newLifecycleDraft(), stage).error).toMatch(/Choose a later stage/);
  });
});
