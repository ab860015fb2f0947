import { PortfolioError } from '../portfolio-errors.js';

/**
 * Stage keys are stable lower-case text ('planning', 'execution'): other areas (compliance checklists, reports)
 * key their data by them, so a lifecycle's stage keys must never be renamed in place.
 */
export const STAGE_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Facts a "required field" criterion can check; which ones a subject has depends on its kind (project or proposal). */
export const GATE_FIELDS = ['description', 'manager', 'program', 'startDate', 'finishDate', 'objectives', 'businessCase', 'score', 'project'] as const;
export type GateField = (typeof GATE_FIELDS)[number];

/** Roles a gate may require an approval from; who may act in each role is decided by the policy module. */
export const APPROVER_ROLES = ['admin', 'pmo', 'portfolio_manager', 'finance', 'project_manager'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** One gate criterion: a checklist item ticked by a person, a field the subject must have, or a document link. */
export type GateCriterion =
  | { id: string; kind: 'check'; label: string; required: boolean }
  | { id: string; kind: 'field'; label: string; field: GateField; required: boolean }
  | { id: string; kind: 'document'; label: string; required: boolean };

/** A gate: the decision point that leaves stage `from` for stage `to`, with its criteria and required approvals. */
export interface GateDefinition {
  key: string;
  name: string;
  from: string;
  to: string;
  criteria: GateCriterion[];
  /** One approval is needed from each listed role (a role listed once). */
  approvals: ApproverRole[];
}

/** An ordered list of stages and the gates between them. */
export interface LifecycleDefinition {
  stages: { key: string; name: string }[];
  gates: GateDefinition[];
  /**
   * The stage in which a proposal becomes a project: a go decision that moves a proposal into it (or past it)
   * creates the project. null: never automatically (only the explicit "create project" action). Absent: the
   * default rule of projectCreationStage ("approved", else "planning").
   */
  projectStage?: string | null;
}

const fail = (msg: string): never => {
  throw new PortfolioError('INVALID_LIFECYCLE', msg);
};

/**
 * Checks a lifecycle: at least two stages with unique stable keys; exactly one gate leaving every stage but the
 * last and none leaving the last; every gate moves forward; criterion ids unique within their gate; known fields
 * and approver roles. Throws PortfolioError INVALID_LIFECYCLE naming the first problem.
 */
export function validateLifecycle(def: LifecycleDefinition): void {
  if (!def || !Array.isArray(def.stages) || !Array.isArray(def.gates)) fail('a lifecycle needs stages and gates');
  if (def.stages.length < 2) fail('a lifecycle needs at least two stages');
  const index = new Map<string, number>();
  def.stages.forEach((s, i) => {
    if (typeof s.key !== 'string' || !STAGE_KEY.test(s.key)) fail(`stage key "${String(s.key)}" must be lower-case letters, digits, _ or - (at most 64)`);
    if (typeof s.name !== 'string' || s.name.trim() === '') fail(`stage "${s.key}" needs a name`);
    if (index.has(s.key)) fail(`stage key "${s.key}" is used twice`);
    index.set(s.key, i);
  });
  const gateKeys = new Set<string>();
  const leaving = new Map<string, string>();
  for (const g of def.gates) {
    if (typeof g.key !== 'string' || !STAGE_KEY.test(g.key)) fail(`gate key "${String(g.key)}" must be lower-case letters, digits, _ or -`);
    if (gateKeys.has(g.key)) fail(`gate key "${g.key}" is used twice`);
    gateKeys.add(g.key);
    if (typeof g.name !== 'string' || g.name.trim() === '') fail(`gate "${g.key}" needs a name`);
    const from = index.get(g.from);
    const to = index.get(g.to);
    if (from === undefined) fail(`gate "${g.key}" leaves unknown stage "${g.from}"`);
    if (to === undefined) fail(`gate "${g.key}" enters unknown stage "${g.to}"`);
    if (to! <= from!) fail(`gate "${g.key}" must move forward (from "${g.from}" to a later stage, not "${g.to}")`);
    if (leaving.has(g.from)) fail(`stage "${g.from}" has two gates ("${leaving.get(g.from)}" and "${g.key}"); a stage has one gate out`);
    leaving.set(g.from, g.key);
    if (!Array.isArray(g.criteria) || !Array.isArray(g.approvals)) fail(`gate "${g.key}" needs criteria and approvals lists`);
    const ids = new Set<string>();
    for (const c of g.criteria) {
      if (typeof c.id !== 'string' || !STAGE_KEY.test(c.id)) fail(`gate "${g.key}": criterion id "${String(c.id)}" must be lower-case letters, digits, _ or -`);
      if (ids.has(c.id)) fail(`gate "${g.key}": criterion id "${c.id}" is used twice`);
      ids.add(c.id);
      if (typeof c.label !== 'string' || c.label.trim() === '') fail(`gate "${g.key}": criterion "${c.id}" needs a label`);
      if (c.kind === 'field') {
        if (!(GATE_FIELDS as readonly string[]).includes(c.field)) fail(`gate "${g.key}": criterion "${c.id}" checks unknown field "${String(c.field)}"`);
      } else if (c.kind !== 'check' && c.kind !== 'document') {
        fail(`gate "${g.key}": criterion "${(c as { id: string }).id}" has unknown kind "${String((c as { kind: unknown }).kind)}"`);
      }
    }
    const roles = new Set<string>();
    for (const r of g.approvals) {
      if (!(APPROVER_ROLES as readonly string[]).includes(r)) fail(`gate "${g.key}": unknown approver role "${String(r)}"`);
      if (roles.has(r)) fail(`gate "${g.key}": approver role "${r}" is listed twice`);
      roles.add(r);
    }
  }
  const last = def.stages[def.stages.length - 1]!.key;
  if (leaving.has(last)) fail(`the last stage "${last}" cannot have a gate out`);
  if (def.projectStage !== undefined && def.projectStage !== null) {
    const at = index.get(def.projectStage);
    if (at === undefined) fail(`proposals cannot become projects in unknown stage "${String(def.projectStage)}"`);
    if (at === 0) fail(`proposals cannot become projects in the first stage "${def.projectStage}": no gate enters it`);
  }
  for (const s of def.stages.slice(0, -1)) {
    if (!leaving.has(s.key)) fail(`stage "${s.key}" has no gate out, so nothing could ever leave it`);
  }
}

/** The gate that leaves `stage` (null for the last stage); throws INVALID_LIFECYCLE for a stage not in the lifecycle. */
export function nextGate(def: LifecycleDefinition, stage: string): GateDefinition | null {
  if (!def.stages.some((s) => s.key === stage)) fail(`stage "${stage}" is not part of this lifecycle`);
  return def.gates.find((g) => g.from === stage) ?? null;
}

/** Position of a stage in the lifecycle, -1 when absent. */
export function stageIndex(def: LifecycleDefinition, stage: string): number {
  return def.stages.findIndex((s) => s.key === stage);
}

/**
 * The stage in which proposals of this lifecycle become projects: the explicit `projectStage` (null = never
 * automatically), else "approved" when the lifecycle has it (the investment decision), else "planning", else null.
 */
export function projectCreationStage(def: LifecycleDefinition): string | null {
  if (def.projectStage !== undefined) return def.projectStage;
  for (const key of ['approved', 'planning']) if (stageIndex(def, key) > 0) return key;
  return null;
}

/**
 * Whether a proposal moving from stage `from` to stage `to` (a go decision) enters or passes the project stage, so
 * it becomes a project now. A move that starts at or after that stage does not (it was crossed before).
 */
export function entersProjectStage(def: LifecycleDefinition, from: string, to: string): boolean {
  const stage = projectCreationStage(def);
  if (stage === null) return false;
  const at = stageIndex(def, stage);
  return stageIndex(def, from) < at && stageIndex(def, to) >= at;
}

/** Display name of a stage (the key itself when the stage is unknown). */
export function stageName(def: LifecycleDefinition, stage: string): string {
  return def.stages.find((s) => s.key === stage)?.name ?? stage;
}

/**
 * The default lifecycle: idea -> proposal -> approved -> planning -> execution -> closing -> closed, the stages
 * projects had before lifecycles were configurable. The migration stores exactly this definition.
 */
export const STANDARD_LIFECYCLE: LifecycleDefinition = {
  stages: [
    { key: 'idea', name: 'Idea' },
    { key: 'proposal', name: 'Proposal' },
    { key: 'approved', name: 'Approved' },
    { key: 'planning', name: 'Planning' },
    { key: 'execution', name: 'Execution' },
    { key: 'closing', name: 'Closing' },
    { key: 'closed', name: 'Closed' },
  ],
  gates: [
    {
      key: 'idea-screen', name: 'Idea screen', from: 'idea', to: 'proposal',
      criteria: [
        { id: 'description', kind: 'field', field: 'description', label: 'Problem and expected outcome described', required: true },
        { id: 'sponsor', kind: 'check', label: 'A sponsor is willing to champion it', required: true },
        { id: 'objectives', kind: 'field', field: 'objectives', label: 'Linked to a strategic objective', required: false },
      ],
      approvals: ['portfolio_manager'],
    },
    {
      key: 'investment-decision', name: 'Investment decision', from: 'proposal', to: 'approved',
      criteria: [
        { id: 'business-case', kind: 'field', field: 'businessCase', label: 'Business case with costs and benefits', required: true },
        { id: 'score', kind: 'field', field: 'score', label: 'Scored against the scoring model', required: true },
        { id: 'objectives', kind: 'field', field: 'objectives', label: 'Linked to a strategic objective', required: true },
        { id: 'risks', kind: 'check', label: 'Key risks identified', required: true },
        { id: 'case-document', kind: 'document', label: 'Business case document', required: false },
      ],
      approvals: ['pmo', 'finance'],
    },
    {
      key: 'mobilisation', name: 'Mobilisation', from: 'approved', to: 'planning',
      criteria: [
        { id: 'manager', kind: 'field', field: 'manager', label: 'Project manager named', required: true },
        { id: 'team', kind: 'check', label: 'Core team agreed with line managers', required: true },
      ],
      approvals: ['pmo'],
    },
    {
      key: 'plan-approval', name: 'Plan approval', from: 'planning', to: 'execution',
      criteria: [
        { id: 'dates', kind: 'field', field: 'finishDate', label: 'Planned finish date set', required: true },
        { id: 'baseline', kind: 'check', label: 'Schedule baselined', required: true },
        { id: 'charter', kind: 'document', label: 'Project charter', required: true },
      ],
      approvals: ['pmo', 'project_manager'],
    },
    {
      key: 'delivery-acceptance', name: 'Delivery acceptance', from: 'execution', to: 'closing',
      criteria: [
        { id: 'acceptance', kind: 'document', label: 'Acceptance sign-off', required: true },
        { id: 'handover', kind: 'check', label: 'Handed over to operations', required: true },
      ],
      approvals: ['project_manager', 'pmo'],
    },
    {
      key: 'closure', name: 'Closure', from: 'closing', to: 'closed',
      criteria: [
        { id: 'lessons', kind: 'check', label: 'Lessons learned recorded', required: true },
        { id: 'accounts', kind: 'check', label: 'Cost accounts closed', required: true },
      ],
      approvals: ['pmo'],
    },
  ],
};
