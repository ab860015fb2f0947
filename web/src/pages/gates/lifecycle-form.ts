/**
 * The lifecycle editor's draft: stages in order, each but the last with the gate that leaves it (criteria and the
 * roles that approve), and its translation to the API definition. Pure, unit-tested. Keys of stored stages are kept
 * (other areas key data by them); new stages, gates and criteria get keys from their names.
 */
import type { Lifecycle } from './gates-api';

/** projectStage: the stage in which proposals become projects (null: only by the explicit action; omitted: the server's default rule). */
export type Definition = { stages: Lifecycle['stages']; gates: Lifecycle['gates']; projectStage?: string | null };
type Gate = Lifecycle['gates'][number];
export type GateCriterion = Gate['criteria'][number];
export type ApproverRole = Gate['approvals'][number];
export type GateField = Extract<GateCriterion, { kind: 'field' }>['field'];

export const APPROVER_ROLES: ApproverRole[] = ['admin', 'pmo', 'portfolio_manager', 'finance', 'project_manager'];
export const GATE_FIELDS: [GateField, string][] = [
  ['description', 'Description'],
  ['manager', 'Project manager'],
  ['program', 'Program'],
  ['startDate', 'Start date'],
  ['finishDate', 'Finish date'],
  ['objectives', 'Linked to an objective'],
  ['businessCase', 'Business case (costs and benefits)'],
  ['score', 'Scored'],
  ['project', 'Linked project (proposals)'],
];

export interface CriterionDraft {
  id: string;
  kind: GateCriterion['kind'];
  label: string;
  field: GateField;
  required: boolean;
}

export interface GateDraft {
  key: string;
  name: string;
  /** Key of the stage it enters (a later stage). */
  to: string;
  criteria: CriterionDraft[];
  approvals: ApproverRole[];
}

export interface StageDraft {
  key: string;
  name: string;
  /** Stored stages keep their key. */
  stored: boolean;
  /** The gate out of this stage; ignored for the last stage. */
  gate: GateDraft;
}

/** A stable key from a name: "Plan approval" -> "plan-approval", unique among `taken`. */
export function keyFromName(name: string, taken: Set<string>, fallback = 'stage'): string {
  const base = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || fallback;
  let k = base;
  for (let i = 2; taken.has(k); i++) k = `${base}-${i}`;
  return k;
}

const emptyGate = (to: string): GateDraft => ({ key: '', name: '', to, criteria: [], approvals: ['pmo'] });

/** The draft of a stored lifecycle. */
export function draftFromLifecycle(l: Definition): StageDraft[] {
  return l.stages.map((s, i) => {
    const g = l.gates.find((x) => x.from === s.key);
    const gate: GateDraft = g
      ? { key: g.key, name: g.name, to: g.to, approvals: [...g.approvals], criteria: g.criteria.map((c) => ({ id: c.id, kind: c.kind, label: c.label, field: c.kind === 'field' ? c.field : 'description', required: c.required })) }
      : emptyGate(l.stages[i + 1]?.key ?? '');
    return { key: s.key, name: s.name, stored: true, gate };
  });
}

/** A new lifecycle: idea -> approved -> done with one simple gate each. */
export function newLifecycleDraft(): StageDraft[] {
  return [
    { key: 'idea', name: 'Idea', stored: false, gate: { key: 'approve', name: 'Approval', to: 'approved', criteria: [{ id: 'sponsor', kind: 'check', label: 'A sponsor is named', field: 'description', required: true }], approvals: ['pmo'] } },
    { key: 'approved', name: 'Approved', stored: false, gate: { key: 'close', name: 'Closure', to: 'done', criteria: [], approvals: ['pmo'] } },
    { key: 'done', name: 'Done', stored: false, gate: emptyGate('') },
  ];
}

/** Appends a stage; the stage before it, which was last, now needs a gate into it. */
export function addStage(stages: StageDraft[], name: string): StageDraft[] {
  const key = keyFromName(name, new Set(stages.map((s) => s.key)));
  return forwardGates([...stages, { key, name, stored: false, gate: emptyGate('') }]);
}

/** Removes a stage; a gate that entered it enters the stage after it instead; the stage now last has no gate. */
export function removeStage(stages: StageDraft[], index: number): StageDraft[] {
  const rest = stages.filter((_, i) => i !== index);
  return forwardGates(rest);
}

/** Every gate but the last stage's enters a later stage (the next one when its target is gone or behind it). */
function forwardGates(stages: StageDraft[]): StageDraft[] {
  return stages.map((s, i) => {
    if (i === stages.length - 1) return s.gate.to === '' ? s : { ...s, gate: { ...s.gate, to: '' } };
    const to = stages.findIndex((x) => x.key === s.gate.to);
    return to > i ? s : { ...s, gate: { ...s.gate, to: stages[i + 1]!.key } };
  });
}

/** Moves a stage up or down (the page offers it for new stages only: a stored stage's place matters to its records). */
export function moveStage(stages: StageDraft[], index: number, by: -1 | 1): StageDraft[] {
  const j = index + by;
  if (j < 0 || j >= stages.length) return stages;
  const out = [...stages];
  [out[index], out[j]] = [out[j]!, out[index]!];
  // The order changed: every gate enters the stage now after it (a skip has to be chosen again).
  return out.map((s, i) => ({ ...s, gate: { ...s.gate, to: out[i + 1]?.key ?? '' } }));
}

/**
 * The API definition of a draft, or the first thing the editor cannot translate (the server checks the rest).
 * `projectStage` (when given): the stage key proposals become projects in, null for "not automatically".
 */
export function definitionOf(stages: StageDraft[], projectStage?: string | null): { definition: Definition | null; error: string | null } {
  for (const [i, s] of stages.entries()) if (!s.name.trim()) return { definition: null, error: `Stage ${i + 1} needs a name` };
  const gateKeys = new Set(stages.slice(0, -1).map((s) => s.gate.key).filter(Boolean));
  const gates: Gate[] = [];
  for (const [i, s] of stages.slice(0, -1).entries()) {
    const name = s.gate.name.trim() || `${s.name.trim()} gate`;
    const key = s.gate.key || keyFromName(name, gateKeys, 'gate');
    gateKeys.add(key);
    const ids = new Set(s.gate.criteria.map((c) => c.id).filter(Boolean));
    const criteria: GateCriterion[] = [];
    for (const [j, c] of s.gate.criteria.entries()) {
      if (!c.label.trim()) return { definition: null, error: `${name}: criterion ${j + 1} needs a label` };
      const id = c.id || keyFromName(c.label, ids, 'criterion');
      ids.add(id);
      criteria.push(c.kind === 'field' ? { id, kind: 'field', label: c.label.trim(), field: c.field, required: c.required } : { id, kind: c.kind, label: c.label.trim(), required: c.required });
    }
    gates.push({ key, name, from: s.key, to: s.gate.to || stages[i + 1]!.key, criteria, approvals: s.gate.approvals });
  }
  if (projectStage !== undefined && projectStage !== null) {
    const at = stages.findIndex((s) => s.key === projectStage);
    if (at < 1) return { definition: null, error: 'Choose a later stage (not the first) in which proposals become projects, or "not automatically"' };
  }
  return { definition: { stages: stages.map((s) => ({ key: s.key, name: s.name.trim() })), gates, ...(projectStage !== undefined ? { projectStage } : {}) }, error: null };
}
