import { describe, expect, it } from 'vitest';
import { RiskValidationError } from './risk-error.js';
import { createRiskTemplate, mergeIntoTemplate, suggestRiskTemplates, type RiskTemplate } from './risk-library.js';
import { buildRisk } from './test-risks.js';

const template = (id: string, projectTypes: string[], tags: string[], proven = 0, sources = 1): RiskTemplate => ({
  id,
  title: id,
  category: 'technical',
  kind: 'threat',
  projectTypes,
  tags,
  inherent: { probabilityLevel: 3, impacts: { cost: 3 } },
  responses: Array.from({ length: proven }, (_, i) => ({ strategy: 'mitigate' as const, description: `r${i}`, effectiveness: 'proven' as const })),
  sourceProjectIds: Array.from({ length: sources }, (_, i) => `P${i}`),
});

describe('createRiskTemplate', () => {
  it('copies the lesson and keeps useful responses', () => {
    const t = createRiskTemplate(buildRisk(), {
      templateId: 'TPL-1',
      projectType: 'erp-rollout',
      tags: ['sap', 'data-migration', 'sap'],
      responses: [
        { strategy: 'mitigate', description: 'Dual-source the interface', effectiveness: 'proven' },
        { strategy: 'transfer', description: 'Penalty clause', effectiveness: 'failed' },
      ],
    });
    expect(t).toMatchObject({ id: 'TPL-1', title: 'Supplier late', kind: 'threat', projectTypes: ['erp-rollout'], tags: ['data-migration', 'sap'], sourceProjectIds: ['P1'] });
    expect(t.responses.map((r) => r.strategy)).toEqual(['mitigate']);
  });
  it('keeps failed responses when nothing else exists', () => {
    const t = createRiskTemplate(buildRisk(), { templateId: 'T', projectType: 'x', responses: [{ strategy: 'accept', description: 'lived with it', effectiveness: 'failed' }] });
    expect(t.responses).toHaveLength(1);
  });
  it('rejects an opportunity strategy on a threat', () => {
    expect(() => createRiskTemplate(buildRisk(), { templateId: 'T', projectType: 'x', responses: [{ strategy: 'exploit', description: '', effectiveness: 'proven' }] })).toThrow(RiskValidationError);
  });
});

describe('suggestRiskTemplates', () => {
  const library = [
    template('a', ['erp-rollout'], ['sap'], 2, 3),
    template('b', ['erp-rollout'], [], 0, 1),
    template('c', ['website'], ['sap', 'gdpr'], 1, 1),
    template('d', ['website'], ['cms'], 5, 9),
  ];
  it('ranks by type, tags and evidence; drops unrelated and used templates', () => {
    const s = suggestRiskTemplates(library, { projectType: 'erp-rollout', tags: ['sap', 'gdpr'], usedTemplateIds: ['b'] });
    expect(s.map((x) => [x.template.id, x.score])).toEqual([['a', 10 + 2 + 2 + 3], ['c', 4 + 1 + 1]]);
    expect(s[0].reasons).toEqual(['used on erp-rollout projects', 'shares tags: sap', '2 proven response(s)']);
  });
  it('honours the limit and breaks ties by id', () => {
    const s = suggestRiskTemplates([template('z', ['t'], []), template('y', ['t'], [])], { projectType: 't' }, 1);
    expect(s.map((x) => x.template.id)).toEqual(['y']);
  });
  it('returns nothing for an unknown project type without tags', () => {
    expect(suggestRiskTemplates(library, { projectType: 'bridge' })).toEqual([]);
  });
});

describe('mergeIntoTemplate', () => {
  it('unions types, tags, sources and adds only new responses', () => {
    const a = template('a', ['erp'], ['sap'], 1, 1);
    const b = { ...template('a', ['crm'], ['sap', 'cloud'], 2, 2) };
    const m = mergeIntoTemplate(a, b);
    expect(m.projectTypes).toEqual(['crm', 'erp']);
    expect(m.tags).toEqual(['cloud', 'sap']);
    expect(m.sourceProjectIds).toEqual(['P0', 'P1']);
    expect(m.responses.map((r) => r.description)).toEqual(['r0', 'r1']);
  });
});
