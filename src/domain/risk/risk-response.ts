import type { ResponseStrategy, RiskKind } from './risk-types.js';

/** Strategies allowed per kind: threats avoid/mitigate/transfer, opportunities exploit/enhance/share; both accept and escalate. */
export const RESPONSE_STRATEGIES: Readonly<Record<RiskKind, readonly ResponseStrategy[]>> = {
  threat: ['avoid', 'mitigate', 'transfer', 'accept', 'escalate'],
  opportunity: ['exploit', 'enhance', 'share', 'accept', 'escalate'],
};

/** True when the strategy applies to the kind of risk. */
export function isStrategyAllowed(kind: RiskKind, strategy: ResponseStrategy): boolean {
  return RESPONSE_STRATEGIES[kind]?.includes(strategy) ?? false;
}
