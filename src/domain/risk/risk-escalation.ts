import { RiskValidationError } from './risk-error.js';
import { RISK_LEVELS, type RiskLevel } from './risk-types.js';

/** A risk as escalation needs it. */
export interface EscalationNode {
  id: string;
  level: RiskLevel;
  /** The higher-level risk it is linked to, if escalated. */
  escalatedToRiskId?: string | null;
}

/** Levels a risk at `level` may be escalated to (strictly higher). */
export function escalationTargets(level: RiskLevel): RiskLevel[] {
  return RISK_LEVELS.slice(RISK_LEVELS.indexOf(level) + 1);
}

/**
 * Finds escalation cycles in existing links (each risk has at most one parent). Returns each cycle once as
 * the list of ids in link order, starting from its smallest id.
 */
export function findEscalationCycles(nodes: EscalationNode[]): string[][] {
  const parent = new Map(nodes.map((n) => [n.id, n.escalatedToRiskId ?? null]));
  const state = new Map<string, 1 | 2>(); // 1 = on the current walk, 2 = done
  const cycles: string[][] = [];
  for (const start of [...parent.keys()].sort()) {
    if (state.has(start)) continue;
    const walk: string[] = [];
    let v: string | null = start;
    while (v !== null && !state.has(v) && parent.has(v)) {
      state.set(v, 1);
      walk.push(v);
      v = parent.get(v) ?? null;
    }
    if (v !== null && state.get(v) === 1) {
      const cycle = walk.slice(walk.indexOf(v));
      const m = cycle.indexOf([...cycle].sort()[0]);
      cycles.push([...cycle.slice(m), ...cycle.slice(0, m)]);
    }
    for (const w of walk) state.set(w, 2);
  }
  return cycles;
}

/**
 * Validates escalating `riskId` to `targetId` given all current risks: the target must be at a strictly
 * higher level (project -> program -> portfolio -> enterprise), the risk must not already be escalated
 * elsewhere, and the new link must not close a cycle. Throws RiskValidationError.
 */
export function validateEscalation(nodes: EscalationNode[], riskId: string, targetId: string): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const risk = byId.get(riskId);
  const target = byId.get(targetId);
  if (!risk) throw new RiskValidationError('RISK_INVALID_FIELD', `unknown risk "${riskId}"`, 'riskId');
  if (!target) throw new RiskValidationError('RISK_INVALID_FIELD', `unknown target risk "${targetId}"`, 'targetId');
  if (riskId === targetId) throw new RiskValidationError('RISK_ESCALATION_CYCLE', 'a risk cannot be escalated to itself', 'targetId');
  if (risk.escalatedToRiskId && risk.escalatedToRiskId !== targetId) {
    throw new RiskValidationError('RISK_ALREADY_ESCALATED', `risk "${riskId}" is already escalated to "${risk.escalatedToRiskId}"`, 'riskId');
  }
  // Cycle check first, so corrupt existing data is reported as a cycle rather than as a level problem.
  const seen = new Set<string>([riskId]);
  let v: string | null | undefined = targetId;
  const chain = [riskId];
  while (v) {
    chain.push(v);
    if (seen.has(v)) throw new RiskValidationError('RISK_ESCALATION_CYCLE', `escalation would form a cycle: ${chain.join(' -> ')}`, 'targetId');
    seen.add(v);
    v = byId.get(v)?.escalatedToRiskId;
  }
  if (RISK_LEVELS.indexOf(target.level) <= RISK_LEVELS.indexOf(risk.level)) {
    throw new RiskValidationError('RISK_ESCALATION_LEVEL', `a ${risk.level} risk can only be escalated to ${escalationTargets(risk.level).join(', ') || 'no higher level'}, not ${target.level}`, 'targetId');
  }
}
