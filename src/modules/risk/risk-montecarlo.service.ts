/**
 * Monte Carlo schedule and cost analysis of a project: the network is built from the project's tasks and links
 * (three-point estimates from task_estimates, else derived from the planned duration: 0.8x / 1x / 1.5x), each
 * task's planned cost follows its simulated duration (cost per working minute), risk events come from the
 * project's open risks with a schedule impact and/or a cost impact, the run is seeded, and finish offsets
 * (working minutes from the project start) are mapped to dates through the project calendar.
 */
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { AppError } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { buildCalendarTable, CalendarError, formatLocalDateTime, parseLocalDateTime, standardCalendar, type CalendarDefinition } from '../../domain/calendar/index.js';
import { runMonteCarlo, type McCostLine, type McNetwork, type McRiskImpact } from '../../domain/montecarlo/index.js';
import { representativeProbability, type RiskAssessment } from '../../domain/risk/index.js';
import { domain } from './risk.access.js';
import { loadRiskMatrix } from './risk.present.js';
import type { MonteCarloQuery } from './risk.schemas.js';

/** Factors of a derived three-point estimate when a task has none stored. */
export const DERIVED_MIN_FACTOR = 0.8;
export const DERIVED_MAX_FACTOR = 1.5;

/** The cost line risk events add their cost impacts to. */
const RISK_COST_LINE = 'risk-events';

/** Loads the project's network and runs the simulation; same seed -> same result. */
export async function runProjectMonteCarlo(db: Kysely<DB>, actor: Actor, projectId: string, q: z.output<typeof MonteCarloQuery>) {
  const role = await requireProjectAccess(db, actor, projectId, 'read');
  authorize(actor, 'read', { kind: 'risk', level: 'project', projectRole: role });
  const [project, tasks, links, calRows, estimates, risks, { matrix }] = await Promise.all([
    db.selectFrom('projects').select(['start_date', 'calendar_uid']).where('id', '=', projectId).executeTakeFirstOrThrow(),
    db.selectFrom('tasks').select(['id', 'name', 'duration_minutes', 'is_summary', 'is_milestone', 'percent_complete', 'start', 'cost_cents']).where('project_id', '=', projectId).orderBy('sort_order').orderBy('id').execute(),
    db.selectFrom('task_links').select(['predecessor_id', 'successor_id', 'type', 'lag_minutes']).where('project_id', '=', projectId).execute(),
    db.selectFrom('calendars').select('data').where('project_id', '=', projectId).orderBy('uid').execute(),
    db.selectFrom('task_estimates as e').innerJoin('tasks as t', 't.id', 'e.task_id').selectAll('e').where('t.project_id', '=', projectId).execute(),
    db
      .selectFrom('risks')
      .select(['id', 'title', 'kind', 'inherent', 'residual', 'cost_impact_cents', 'schedule_task_id', 'schedule_min_minutes', 'schedule_most_likely_minutes', 'schedule_max_minutes'])
      .where('project_id', '=', projectId)
      .where('status', 'in', ['open', 'monitoring'])
      .where((eb) => eb.or([eb('schedule_task_id', 'is not', null), eb('cost_impact_cents', '>', 0)]))
      .orderBy('id')
      .execute(),
    loadRiskMatrix(db),
  ]);

  const included = tasks.filter((t) => !t.is_summary);
  const includedIds = new Set(included.map((t) => t.id));
  const estimateOf = new Map(estimates.map((e) => [e.task_id, e]));
  const network: McNetwork = {
    tasks: included.map((t) => {
      const e = estimateOf.get(t.id);
      if (e) return { id: t.id, duration: { min: e.min_minutes, mostLikely: e.most_likely_minutes, max: e.max_minutes }, distribution: e.distribution };
      const d = Math.max(0, t.duration_minutes);
      if (d === 0 || t.is_milestone || Number(t.percent_complete) >= 100) return { id: t.id, duration: { min: d, mostLikely: d, max: d }, distribution: 'fixed' as const };
      return { id: t.id, duration: { min: Math.round(d * DERIVED_MIN_FACTOR), mostLikely: d, max: Math.round(d * DERIVED_MAX_FACTOR) } };
    }),
    links: links.filter((l) => includedIds.has(l.predecessor_id) && includedIds.has(l.successor_id)).map((l) => ({ predecessorId: l.predecessor_id, successorId: l.successor_id, type: l.type, lag: l.lag_minutes })),
    // A task's planned cost follows its simulated duration (labour); milestones and zero-length tasks keep theirs.
    costLines: [
      ...included.flatMap((t): McCostLine[] => {
        const cents = Number(t.cost_cents);
        if (!(cents > 0)) return [];
        const d = Math.max(0, t.duration_minutes);
        return d > 0 ? [{ id: `task:${t.id}`, taskId: t.id, centsPerUnit: cents / d }] : [{ id: `task:${t.id}`, amountCents: { min: cents, mostLikely: cents, max: cents }, distribution: 'fixed' as const }];
      }),
      { id: RISK_COST_LINE, amountCents: { min: 0, mostLikely: 0, max: 0 }, distribution: 'fixed' as const },
    ],
    riskEvents: risks.flatMap((r) => {
      const a = (r.residual ?? r.inherent) as RiskAssessment;
      const probability = a.probability ?? representativeProbability(matrix, a.probabilityLevel);
      const impacts: McRiskImpact[] = [];
      if (r.schedule_task_id && includedIds.has(r.schedule_task_id) && r.schedule_min_minutes !== null) {
        impacts.push({ kind: 'duration', taskId: r.schedule_task_id, units: { min: r.schedule_min_minutes, mostLikely: r.schedule_most_likely_minutes!, max: r.schedule_max_minutes! } });
      }
      // An opportunity's cost impact saves money; a threat's costs it.
      const cost = Number(r.cost_impact_cents ?? 0);
      if (cost > 0) impacts.push({ kind: 'cost', costLineId: RISK_COST_LINE, amountCents: r.kind === 'opportunity' ? -cost : cost });
      return impacts.length ? [{ id: r.id, probability, impacts }] : [];
    }),
  };

  // Calendar and start: the project calendar (Standard when none is stored), start at the project start date.
  const calendars: CalendarDefinition[] = calRows.length ? calRows.map((c) => c.data as CalendarDefinition) : [standardCalendar(1, 'Standard')];
  const calId = project.calendar_uid !== null && calendars.some((c) => c.id === project.calendar_uid) ? project.calendar_uid : calendars[0]!.id;
  const firstTaskStart = included.reduce<string | null>((m, t) => (t.start && (m === null || t.start < m) ? t.start : m), null);
  const startDate = project.start_date ?? firstTaskStart?.slice(0, 10) ?? new Date().toISOString().slice(0, 10);
  const startRaw = parseLocalDateTime(`${startDate}T00:00`);
  let table;
  try {
    table = buildCalendarTable(calId, calendars, Math.floor(startRaw / 1440));
  } catch (e) {
    if (e instanceof CalendarError) throw new AppError(422, 'invalid_calendar', e.message);
    throw e;
  }
  const start = table.snapForward(startRaw);
  const dateOf = (offset: number) => formatLocalDateTime(table.addWorking(start, Math.max(0, Math.round(offset)))).slice(0, 10);
  const targetFinish = q.targetDate ? table.workingBetween(start, parseLocalDateTime(`${q.targetDate}T00:00`) + 1440) : undefined;

  const result = domain(() => runMonteCarlo(network, { iterations: q.iterations, seed: q.seed, integerDurations: true, targetFinish, targetCostCents: q.budgetCents, tornadoSize: 15 }));
  const c = result.cost;
  const deterministicCostCents = included.reduce((sum, t) => sum + Math.max(0, Number(t.cost_cents) || 0), 0);
  const f = result.finish;
  const nameOf = new Map(tasks.map((t) => [t.id, t.name]));
  const titleOf = new Map(risks.map((r) => [r.id, r.title]));
  const critOf = new Map(result.tasks.map((t) => [t.id, t.criticalityIndex]));
  return {
    iterations: result.iterations,
    seed: q.seed,
    startDate: formatLocalDateTime(start).slice(0, 10),
    taskCount: network.tasks.length,
    riskEventCount: network.riskEvents!.length,
    estimatedTaskCount: included.filter((t) => estimateOf.has(t.id)).length,
    deterministicFinishDate: dateOf(result.deterministicFinish),
    p10: dateOf(f.p10),
    p50: dateOf(f.p50),
    p80: dateOf(f.p80),
    p90: dateOf(f.p90),
    percentiles: f.percentiles.map((x) => ({ p: x.p, offsetMinutes: x.value, date: dateOf(x.value) })),
    meanOffsetMinutes: f.mean,
    probabilityOfMeetingTarget: f.probabilityOfMeetingTarget ?? null,
    histogram: f.histogram.map((b) => ({ fromMinutes: b.from, toMinutes: b.to, fromDate: dateOf(b.from), toDate: dateOf(b.to), count: b.count })),
    sCurve: f.sCurve.map((s) => ({ probability: s.probability, offsetMinutes: s.value, date: dateOf(s.value) })),
    tornado: result.tornado.map((t) => ({ taskId: t.taskId, taskName: nameOf.get(t.taskId) ?? t.taskId, sensitivity: t.sensitivity, criticalityIndex: critOf.get(t.taskId) ?? 0 })),
    riskEvents: result.riskEvents.map((r) => ({ riskId: r.id, title: titleOf.get(r.id) ?? r.id, occurrenceRate: r.occurrenceRate })),
    cost: {
      deterministicCents: deterministicCostCents,
      meanCents: Math.round(c.mean),
      p10Cents: Math.round(c.p10),
      p50Cents: Math.round(c.p50),
      p80Cents: Math.round(c.p80),
      p90Cents: Math.round(c.p90),
      probabilityOfMeetingBudget: c.probabilityOfMeetingTarget ?? null,
      histogram: c.histogram.map((b) => ({ fromCents: Math.round(b.from), toCents: Math.round(b.to), count: b.count })),
      sCurve: c.sCurve.map((x) => ({ probability: x.probability, cents: Math.round(x.value) })),
    },
  };
}
