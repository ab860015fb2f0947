import { RiskValidationError } from './risk-error.js';
import { isStrategyAllowed } from './risk-response.js';
import type { ResponseStrategy, RiskAssessment, RiskEntry, RiskKind } from './risk-types.js';

/** A response recorded with a template, and how well it worked where it was used. */
export interface TemplateResponse {
  strategy: ResponseStrategy;
  description: string;
  effectiveness: 'proven' | 'partial' | 'failed';
}

/** A reusable risk (risk library entry) learnt from closed projects. */
export interface RiskTemplate {
  id: string;
  title: string;
  description?: string;
  category: string;
  kind: RiskKind;
  /** Project types (kinds) it applies to, e.g. 'erp-rollout'. */
  projectTypes: string[];
  tags: string[];
  /** Typical inherent assessment to pre-fill. */
  inherent: RiskAssessment;
  responses: TemplateResponse[];
  /** Closed projects the lesson came from. */
  sourceProjectIds: string[];
}

/** What a template needs beyond the risk itself. */
export interface TemplateSource {
  templateId: string;
  projectType: string;
  tags?: string[];
  responses: TemplateResponse[];
}

/**
 * Turns a risk of a closed project into a library template: copies the description fields and inherent
 * assessment, keeps responses that were proven or partial (failed ones stay as a warning only when
 * nothing else exists), and records the source project. Throws RiskValidationError for a strategy that
 * does not fit the risk's kind.
 */
export function createRiskTemplate(risk: RiskEntry, source: TemplateSource): RiskTemplate {
  source.responses.forEach((r, i) => {
    if (!isStrategyAllowed(risk.kind, r.strategy)) {
      throw new RiskValidationError('RISK_STRATEGY_NOT_ALLOWED', `strategy "${r.strategy}" does not apply to a ${risk.kind}`, `responses[${i}].strategy`);
    }
  });
  const useful = source.responses.filter((r) => r.effectiveness !== 'failed');
  return {
    id: source.templateId,
    title: risk.title,
    description: risk.description,
    category: risk.category,
    kind: risk.kind,
    projectTypes: [source.projectType],
    tags: [...new Set(source.tags ?? [])].sort(),
    inherent: risk.inherent,
    responses: useful.length > 0 ? useful : source.responses,
    sourceProjectIds: risk.projectId ? [risk.projectId] : [],
  };
}

/** A project asking for suggestions. */
export interface TemplateQuery {
  projectType: string;
  tags?: string[];
  /** Templates already applied to the project; never suggested again. */
  usedTemplateIds?: string[];
}

/** A suggested template with its relevance score and why. */
export interface TemplateSuggestion {
  template: RiskTemplate;
  score: number;
  reasons: string[];
}

/**
 * Suggests library templates for a new project: same project type scores 10, each shared tag 2, each
 * proven response 1 and each source project 1 (evidence). Templates with neither a type nor a tag match,
 * and already used ones, are left out. Highest score first, ties by id; at most `limit`.
 */
export function suggestRiskTemplates(templates: RiskTemplate[], query: TemplateQuery, limit = 10): TemplateSuggestion[] {
  const used = new Set(query.usedTemplateIds ?? []);
  const tags = new Set(query.tags ?? []);
  const out: TemplateSuggestion[] = [];
  for (const t of templates) {
    if (used.has(t.id)) continue;
    const reasons: string[] = [];
    let score = 0;
    if (t.projectTypes.includes(query.projectType)) {
      score += 10;
      reasons.push(`used on ${query.projectType} projects`);
    }
    const shared = t.tags.filter((x) => tags.has(x));
    if (shared.length > 0) {
      score += 2 * shared.length;
      reasons.push(`shares tags: ${shared.join(', ')}`);
    }
    if (score === 0) continue;
    const proven = t.responses.filter((r) => r.effectiveness === 'proven').length;
    if (proven > 0) reasons.push(`${proven} proven response(s)`);
    score += proven + t.sourceProjectIds.length;
    out.push({ template: t, score, reasons });
  }
  out.sort((a, b) => b.score - a.score || (a.template.id < b.template.id ? -1 : a.template.id > b.template.id ? 1 : 0));
  return out.slice(0, Math.max(0, Math.floor(limit)));
}

/** Merges a lesson into an existing template: adds project type, tags, new responses and the source project. */
export function mergeIntoTemplate(template: RiskTemplate, lesson: RiskTemplate): RiskTemplate {
  const seen = new Set(template.responses.map((r) => `${r.strategy}\u0000${r.description}`));
  return {
    ...template,
    projectTypes: [...new Set([...template.projectTypes, ...lesson.projectTypes])].sort(),
    tags: [...new Set([...template.tags, ...lesson.tags])].sort(),
    responses: [...template.responses, ...lesson.responses.filter((r) => !seen.has(`${r.strategy}\u0000${r.description}`))],
    sourceProjectIds: [...new Set([...template.sourceProjectIds, ...lesson.sourceProjectIds])].sort(),
  };
}
