/** Stable error codes for invalid risk, scale, escalation and compliance input. */
export type RiskErrorCode =
  | 'RISK_SCALE_EMPTY'
  | 'RISK_SCALE_LEVELS'
  | 'RISK_PROBABILITY_OUT_OF_RANGE'
  | 'RISK_SCALE_NOT_ASCENDING'
  | 'RISK_BANDS_INVALID'
  | 'RISK_LEVEL_OUT_OF_SCALE'
  | 'RISK_IMPACT_MISSING'
  | 'RISK_INVALID_FIELD'
  | 'RISK_STRATEGY_NOT_ALLOWED'
  | 'RISK_INVALID_AMOUNT'
  | 'RISK_INVALID_DATE'
  | 'RISK_ESCALATION_LEVEL'
  | 'RISK_ESCALATION_CYCLE'
  | 'RISK_ALREADY_ESCALATED'
  | 'RISK_COMPLIANCE_INVALID';

/** Thrown for invalid risk-domain input; `path` names the offending field when known. */
export class RiskValidationError extends Error {
  readonly code: RiskErrorCode;
  readonly path: string | undefined;
  constructor(code: RiskErrorCode, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message);
    this.name = 'RiskValidationError';
    this.code = code;
    this.path = path;
  }
}
