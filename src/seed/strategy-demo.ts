/**
 * Demo data of the strategy area: objectives with key results, a scoring model with a strategic-fit criterion,
 * the intake form, proposals with monthly business cases, role demand, start windows, a dependency, an exclusion
 * and a mandatory one, score sheets by the PMO, portfolio manager and finance users, objective links, and open gate
 * reviews. Deterministic; written inside the demo transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { computeScore, type ScoringModel } from '../domain/portfolio/index.js';
import { seededUuid, type Rng } from './random.js';
import { ensureDefaultLifecycle } from '../modules/portfolio/lifecycles.service.js';

const M = 100; // cents per currency unit
const months = (n: number, amount: number) => Array.from({ length: n }, () => amount * M);
/** Role demand in person-days per month. */
const days = (n: number, perMonth: number) => Array.from({ length: n }, () => perMonth);

/** Seeds the strategy demo; `scorers` are the PMO, portfolio manager and finance demo users. */
export async function seedStrategyDemo(tx: Kysely<DB>, opts: { rng: Rng; scorers: string[] }): Promise<void> {
  const id = () => seededUuid(opts.rng);
  const [pmo, pfm, fin] = opts.scorers;
  const obj = { growth: id(), online: id(), markets: id(), lean: id(), comply: id() };
  await tx
    .insertInto('objectives')
    .values([
      { id: obj.growth, name: 'Grow digital revenue', description: 'Half of new revenue from digital channels by 2028.', weight: 3, owner_id: pfm ?? null },
      { id: obj.online, parent_id: obj.growth, name: 'Online sales', weight: 2, owner_id: pfm ?? null },
      { id: obj.markets, parent_id: obj.growth, name: 'New markets', weight: 1 },
      { id: obj.lean, name: 'Operate leaner', description: 'Lower cost to serve.', weight: 2, owner_id: pmo ?? null },
      { id: obj.comply, name: 'Stay compliant', weight: 1 },
    ])
    .execute();
  await tx
    .insertInto('key_results')
    .values([
      { id: id(), objective_id: obj.online, name: 'Online share of sales', unit: '%', start_value: 18, target_value: 30, actual_value: 22, due_date: '2027-12-31' },
      { id: id(), objective_id: obj.markets, name: 'Customers in the Nordics', unit: 'customers', start_value: 0, target_value: 500, actual_value: 120, due_date: '2027-12-31' },
      { id: id(), objective_id: obj.lean, name: 'Cost per order', unit: 'EUR', start_value: 12, target_value: 9, actual_value: 11, due_date: '2027-06-30' },
      { id: id(), objective_id: obj.comply, name: 'Open audit findings', unit: 'findings', start_value: 14, target_value: 0, actual_value: 6, due_date: '2027-03-31' },
    ])
    .execute();

  const model: ScoringModel = {
    id: id(),
    name: 'Strategic value',
    weightTotal: 100,
    formula: { kind: 'weighted-sum' },
    criteria: [
      { id: 'value', name: 'Business value', weight: 35, scale: { kind: 'range', min: 0, max: 10 } },
      { id: 'fit_growth', name: 'Fit with digital growth', weight: 25, objectiveId: obj.growth, scale: { kind: 'levels', levels: [{ label: 'none', value: 0 }, { label: 'some', value: 1 }, { label: 'strong', value: 2 }] } },
      { id: 'urgency', name: 'Urgency', weight: 15, scale: { kind: 'range', min: 0, max: 10 } },
      { id: 'risk', name: 'Delivery risk', weight: 25, direction: 'lower-better', scale: { kind: 'levels', levels: [{ label: 'low', value: 1 }, { label: 'medium', value: 2 }, { label: 'high', value: 3 }] } },
    ],
  };
  await tx.insertInto('scoring_models').values({ id: model.id, name: model.name, weight_total: 100, formula: JSON.stringify(model.formula), criteria: JSON.stringify(model.criteria) }).execute();
  await tx
    .insertInto('intake_forms')
    .values({
      id: 1,
      version: 2,
      fields: JSON.stringify([
        { key: 'sponsor', label: 'Business sponsor', type: 'text', required: true },
        { key: 'demand_type', label: 'Kind of demand', type: 'select', required: true, options: ['idea', 'strategic', 'regulatory', 'maintenance'] },
        { key: 'business_units', label: 'Business units affected', type: 'multi-select', required: false, options: ['Sales', 'Operations', 'Finance', 'HR', 'IT'] },
        { key: 'personal_data', label: 'Personal data involved', type: 'checkbox', required: false },
      ]),
    })
    .execute();

  type Def = {
    key: string;
    name: string;
    description: string;
    capex: number[];
    opex: number[];
    benefits: { category: string; amountsCents: number[]; probability: number }[];
    demand: Record<string, number[]>;
    window?: [number, number];
    mandatory?: boolean;
    intake: Record<string, unknown>;
    sheets: [string | undefined, Record<string, number | string>][];
    objective?: string;
  };
  const benefit = (category: string, from: number, n: number, amount: number, probability: number) => ({ category, amountsCents: [...months(from, 0), ...months(n, amount)], probability });
  const defs: Def[] = [
    { key: 'portal', name: 'Self-service customer portal', description: 'Customers change orders and addresses themselves.', capex: months(6, 40_000), opex: [...months(6, 0), ...months(30, 3_000)], benefits: [benefit('savings', 6, 30, 12_000, 0.8), benefit('revenue', 8, 28, 6_000, 0.5)], demand: { developer: days(6, 6), analyst: days(3, 2) }, window: [0, 3], intake: { sponsor: 'Head of Customer Service', demand_type: 'strategic', business_units: ['Sales', 'IT'], personal_data: true }, sheets: [[pmo, { value: 8, fit_growth: 'strong', urgency: 6, risk: 'medium' }], [pfm, { value: 9, fit_growth: 'strong', urgency: 7, risk: 'medium' }], [fin, { value: 7, fit_growth: 'some', urgency: 5, risk: 'high' }]], objective: obj.online },
    { key: 'nordics', name: 'Nordics webshop', description: 'Localised shop, payment and delivery for Sweden, Norway and Denmark.', capex: months(9, 35_000), opex: [...months(9, 0), ...months(27, 4_000)], benefits: [benefit('revenue', 9, 27, 18_000, 0.6)], demand: { developer: days(9, 5), analyst: days(9, 1) }, window: [0, 6], intake: { sponsor: 'VP Nordics', demand_type: 'strategic', business_units: ['Sales'] }, sheets: [[pmo, { value: 7, fit_growth: 'strong', urgency: 4, risk: 'high' }], [pfm, { value: 8, fit_growth: 'strong', urgency: 5, risk: 'high' }]], objective: obj.markets },
    { key: 'pricing', name: 'Dynamic pricing engine', description: 'Prices follow demand and stock.', capex: months(4, 50_000), opex: months(36, 2_000), benefits: [benefit('revenue', 4, 32, 9_000, 0.7)], demand: { developer: days(4, 8) }, window: [2, 8], intake: { sponsor: 'Head of Pricing', demand_type: 'idea' }, sheets: [[pmo, { value: 6, fit_growth: 'some', urgency: 3, risk: 'medium' }], [fin, { value: 8, fit_growth: 'some', urgency: 4, risk: 'medium' }]], objective: obj.online },
    { key: 'robots', name: 'Warehouse picking robots', description: 'Robots pick the 500 fastest-moving articles.', capex: months(3, 150_000), opex: months(36, 5_000), benefits: [benefit('savings', 4, 32, 22_000, 0.9)], demand: { analyst: days(3, 3) }, intake: { sponsor: 'COO', demand_type: 'strategic', business_units: ['Operations'] }, sheets: [[pfm, { value: 7, fit_growth: 'none', urgency: 5, risk: 'medium' }], [fin, { value: 8, fit_growth: 'none', urgency: 6, risk: 'low' }]], objective: obj.lean },
    { key: 'manual', name: 'Manual picking lanes', description: 'Cheaper alternative to robots: re-laid picking lanes.', capex: months(2, 60_000), opex: [], benefits: [benefit('savings', 2, 34, 7_000, 0.9)], demand: { analyst: days(2, 2) }, intake: { sponsor: 'COO', demand_type: 'maintenance', business_units: ['Operations'] }, sheets: [[pfm, { value: 5, fit_growth: 'none', urgency: 5, risk: 'low' }]], objective: obj.lean },
    { key: 'einvoice', name: 'E-invoicing mandate', description: 'Structured e-invoices required by law from 2027.', capex: months(4, 20_000), opex: months(36, 500), benefits: [], demand: { developer: days(4, 3), analyst: days(4, 2) }, mandatory: true, intake: { sponsor: 'CFO', demand_type: 'regulatory', business_units: ['Finance', 'IT'] }, sheets: [[fin, { value: 4, fit_growth: 'none', urgency: 10, risk: 'low' }]], objective: obj.comply },
    { key: 'analytics', name: 'Customer analytics platform', description: 'One view of every customer; needs the portal data.', capex: months(6, 30_000), opex: months(36, 2_500), benefits: [benefit('revenue', 8, 28, 8_000, 0.5)], demand: { developer: days(6, 4), analyst: days(6, 4) }, window: [3, 9], intake: { sponsor: 'CMO', demand_type: 'idea', business_units: ['Sales'], personal_data: true }, sheets: [[pmo, { value: 6, fit_growth: 'strong', urgency: 3, risk: 'high' }]], objective: obj.online },
  ];
  const ids = new Map(defs.map((d) => [d.key, id()]));
  // Where each proposal's project will go (a go decision into "approved" creates it): programs of the demo portfolios.
  const programs = new Map((await tx.selectFrom('programs').select(['id', 'name', 'portfolio_id']).execute()).map((p) => [p.name, p]));
  const home: Record<string, string> = { portal: 'Customer Experience', nordics: 'New Markets', pricing: 'Product Innovation', robots: 'Supply Chain', manual: 'Supply Chain', einvoice: 'Finance Modernisation', analytics: 'Data Platform' };
  for (const d of defs) {
    const program = programs.get(home[d.key] ?? '');
    await tx
      .insertInto('proposals')
      .values({
        id: ids.get(d.key)!,
        name: d.name,
        description: d.description,
        periods_per_year: 12,
        annual_discount_rate: 0.08,
        capex_cents: JSON.stringify(d.capex),
        opex_cents: JSON.stringify(d.opex),
        benefits: JSON.stringify(d.benefits),
        demand: JSON.stringify(d.demand),
        earliest_start: d.window?.[0] ?? 0,
        latest_start: d.window?.[1] ?? 0,
        mandatory: d.mandatory ?? false,
        depends_on: JSON.stringify(d.key === 'analytics' ? [ids.get('portal')] : []),
        excludes: JSON.stringify(d.key === 'manual' ? [ids.get('robots')] : []),
        stage: d.key === 'einvoice' || d.key === 'robots' ? 'proposal' : 'idea',
        intake: JSON.stringify(d.intake),
        start_date: '2027-01-01',
        portfolio_id: program?.portfolio_id ?? null,
        program_id: program?.id ?? null,
      })
      .execute();
    for (const [scorer, answers] of d.sheets) {
      if (!scorer) continue;
      const r = computeScore(model, answers);
      await tx.insertInto('proposal_scores').values({ id: id(), proposal_id: ids.get(d.key)!, scoring_model_id: model.id, scorer_id: scorer, answers: JSON.stringify(answers), total: r.total, criteria: JSON.stringify(r.criteria) }).execute();
    }
    if (d.objective) await tx.insertInto('objective_links').values({ id: id(), objective_id: d.objective, proposal_id: ids.get(d.key)!, contribution_weight: 1 }).execute();
  }
  // Running projects linked to objectives, and gate reviews waiting for a decision.
  const projects = await tx.selectFrom('projects').select(['id', 'stage', 'manager_id']).orderBy('code').execute();
  for (const [k, p] of projects.filter((x) => x.stage === 'execution').slice(0, 4).entries()) {
    await tx.insertInto('objective_links').values({ id: id(), objective_id: [obj.online, obj.lean, obj.markets, obj.comply][k]!, project_id: p.id, contribution_weight: 1 }).execute();
  }
  await ensureDefaultLifecycle(tx);
  const std = await tx.selectFrom('lifecycles').select('id').where('is_default', '=', true).executeTakeFirstOrThrow();
  const planning = projects.find((p) => p.stage === 'planning');
  if (planning) {
    await tx
      .insertInto('gate_reviews')
      .values({ id: id(), project_id: planning.id, lifecycle_id: std.id, gate_key: 'plan-approval', from_stage: 'planning', to_stage: 'execution', checks: JSON.stringify({ baseline: { done: true, note: 'Baseline 1 saved', by: 'Demo', at: '2026-11-20T09:00:00.000Z' } }), opened_by: planning.manager_id })
      .execute();
  }
  await tx.insertInto('gate_reviews').values({ id: id(), proposal_id: ids.get('einvoice')!, lifecycle_id: std.id, gate_key: 'investment-decision', from_stage: 'proposal', to_stage: 'approved', checks: JSON.stringify({ risks: { done: true, note: null, by: 'Demo', at: '2026-11-21T10:00:00.000Z' } }), opened_by: pmo ?? null }).execute();
}
