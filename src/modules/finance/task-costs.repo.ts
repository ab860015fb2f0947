/** SQL of task planned cost and earned-value inputs (the plan side of EVM). */
import { sql, type Kysely } from 'kysely';
import type { DB, EvMethod } from '../../db/schema.js';

/** A weighted milestone of a task (weighted-milestones earned value). */
export interface EvMilestone {
  name: string;
  weight: number;
  done: boolean;
}

/** One costed task with what its earned-value method needs and its planned dates (baseline 0 when saved). */
export interface TaskEvRow {
  taskId: string;
  wbs: string;
  name: string;
  plannedCostMinor: number;
  evMethod: EvMethod;
  percentComplete: number;
  physicalPercentComplete: number | null;
  milestones: EvMilestone[] | null;
  /** Planned start and finish dates (YYYY-MM-DD): baseline 0 when the task has one, else the current schedule. */
  plannedStart: string | null;
  plannedFinish: string | null;
  baselined: boolean;
}

/** Costed tasks of a project, in outline order. */
export async function selectTaskEvRows(db: Kysely<DB>, projectId: string): Promise<TaskEvRow[]> {
  const rows = await db.selectFrom('task_costs as c').innerJoin('tasks as t', 't.id', 'c.task_id')
    .leftJoin('task_baselines as b', (j) => j.onRef('b.task_id', '=', 't.id').on('b.number', '=', 0))
    .select(['c.task_id', 't.wbs', 't.name', 't.sort_order', 'c.planned_cost_minor', 'c.ev_method', 't.percent_complete', 'c.physical_percent_complete', 'c.ev_milestones',
      't.start', 't.finish', 'b.start as b_start', 'b.finish as b_finish'])
    .where('c.project_id', '=', projectId).orderBy('t.sort_order').orderBy('t.id').execute();
  return rows.map((r) => {
    const baselined = r.b_start !== null && r.b_finish !== null;
    return {
      taskId: r.task_id, wbs: r.wbs, name: r.name, plannedCostMinor: Number(r.planned_cost_minor), evMethod: r.ev_method,
      percentComplete: Number(r.percent_complete), physicalPercentComplete: r.physical_percent_complete === null ? null : Number(r.physical_percent_complete),
      milestones: (r.ev_milestones as EvMilestone[] | null) ?? null,
      plannedStart: (baselined ? r.b_start : r.start)?.slice(0, 10) ?? null, plannedFinish: (baselined ? r.b_finish : r.finish)?.slice(0, 10) ?? null, baselined,
    };
  });
}

/** Actual cost of approved (and locked) time per task of a project, work dates up to `asOf`. */
export async function selectActualCostByTask(db: Kysely<DB>, projectId: string, asOf: string): Promise<Map<string, number>> {
  const r = await sql<{ task_id: string; cost: string }>`
    select task_id, sum(cost_minor) as cost from time_entries
    where project_id = ${projectId}::uuid and state in ('approved', 'locked') and task_id is not null and work_date <= ${asOf}::date
    group by task_id`.execute(db);
  return new Map(r.rows.map((x) => [x.task_id, Number(x.cost)]));
}

/** Tasks of the project among `ids` (to refuse foreign task ids). */
export async function selectProjectTaskIds(db: Kysely<DB>, projectId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('tasks').select('id').where('project_id', '=', projectId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** Upserts task costs (one statement per 1,000 tasks). */
export async function upsertTaskCosts(tx: Kysely<DB>, projectId: string, items: {
  taskId: string; plannedCostMinor: number; evMethod: EvMethod; physicalPercentComplete: number | null; milestones: EvMilestone[] | null; weightDone: number | null; weightTotal: number | null;
}[]): Promise<void> {
  for (let i = 0; i < items.length; i += 1000) {
    await tx.insertInto('task_costs').values(items.slice(i, i + 1000).map((x) => ({
      task_id: x.taskId, project_id: projectId, planned_cost_minor: x.plannedCostMinor, ev_method: x.evMethod,
      physical_percent_complete: x.physicalPercentComplete, ev_milestones: x.milestones ? JSON.stringify(x.milestones) : null,
      milestone_weight_done: x.weightDone, milestone_weight_total: x.weightTotal,
    }))).onConflict((oc) => oc.column('task_id').doUpdateSet((eb) => ({
      planned_cost_minor: eb.ref('excluded.planned_cost_minor'), ev_method: eb.ref('excluded.ev_method'),
      physical_percent_complete: eb.ref('excluded.physical_percent_complete'), ev_milestones: eb.ref('excluded.ev_milestones'),
      milestone_weight_done: eb.ref('excluded.milestone_weight_done'), milestone_weight_total: eb.ref('excluded.milestone_weight_total'),
      version: eb('task_costs.version', '+', 1),
    }))).execute();
  }
}
