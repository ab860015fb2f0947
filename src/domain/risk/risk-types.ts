/** Register level; escalation goes strictly upward in this order. */
export type RiskLevel = 'project' | 'program' | 'portfolio' | 'enterprise';

/** Ordered register levels, lowest first. */
export const RISK_LEVELS: readonly RiskLevel[] = ['project', 'program', 'portfolio', 'enterprise'];

/** A threat harms objectives; an opportunity helps them. */
export type RiskKind = 'threat' | 'opportunity';

/** Impact dimensions assessed on the impact scale. */
export type ImpactDimension = 'schedule' | 'cost' | 'scope' | 'quality' | 'reputation';

/** All impact dimensions, in display order. */
export const IMPACT_DIMENSIONS: readonly ImpactDimension[] = ['schedule', 'cost', 'scope', 'quality', 'reputation'];

/** Lifecycle status of a register entry. */
export type RiskStatus = 'open' | 'monitoring' | 'occurred' | 'closed';

/** All statuses. */
export const RISK_STATUSES: readonly RiskStatus[] = ['open', 'monitoring', 'occurred', 'closed'];

/** Response strategies (PMBOK 7): threats and opportunities have their own, accept/escalate are shared. */
export type ResponseStrategy = 'avoid' | 'mitigate' | 'transfer' | 'accept' | 'escalate' | 'exploit' | 'enhance' | 'share';

/** Proximity: how soon the risk could occur. */
export type RiskProximity = 'imminent' | 'near' | 'medium' | 'far';

/** Probability and impact levels (1-based, on the configured scales). */
export interface RiskAssessment {
  probabilityLevel: number;
  /** Optional explicit probability in [0, 1]; EMV uses it instead of the level's representative value. */
  probability?: number;
  /** Impact level per assessed dimension; at least one is required. */
  impacts: Partial<Record<ImpactDimension, number>>;
}

/** A risk register entry as the domain sees it (the API maps rows to this). */
export interface RiskEntry {
  id: string;
  level: RiskLevel;
  /** Scope ids, denormalised so roll-ups can group (a project risk carries its program and portfolio too). */
  projectId?: string | null;
  programId?: string | null;
  portfolioId?: string | null;
  kind: RiskKind;
  title: string;
  description?: string;
  cause?: string;
  effect?: string;
  /** Free category ('technical', 'commercial', ...); 'compliance' needs complianceReference. */
  category: string;
  /** Regulation or policy concerned (e.g. 'GDPR art. 35'). */
  complianceReference?: string | null;
  ownerId?: string | null;
  inherent: RiskAssessment;
  /** Assessment after responses; scoring falls back to inherent when absent. */
  residual?: RiskAssessment | null;
  /** Monetary impact if the risk occurs, whole cents (positive number for threats and opportunities). */
  costImpactCents?: number | null;
  proximity?: RiskProximity | null;
  triggers?: string[];
  responseStrategy?: ResponseStrategy | null;
  /** Next review date, YYYY-MM-DD. */
  reviewDate?: string | null;
  status: RiskStatus;
  /** The higher-level risk this one was escalated to and is linked with. */
  escalatedToRiskId?: string | null;
}

/** A mitigation or prevention action (a task linked to a risk). */
export interface RiskAction {
  id: string;
  riskId: string;
  ownerId?: string | null;
  /** YYYY-MM-DD. */
  dueDate?: string | null;
  status: 'open' | 'done' | 'cancelled';
  /** 0..100; done counts as 100. */
  progressPercent?: number;
}
