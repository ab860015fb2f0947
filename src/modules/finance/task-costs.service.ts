/**
 * Planned cost and earned-value method of tasks (the plan side of EVM): percent complete, 0/100, 50/50, weighted
 * milestones (named steps with weights, ticked when done) and physical percent complete (measured progress kept
 * apart from the schedule's percent complete). The task list also shows each task's EVM at a status date.
 */
import type { Kysely } from 'kysely';
import type { DB, EvMethod } from '../../db/schema.js';
import { AppError, type FieldError } from '../../server/errors.js';
import type { Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { computeEvmMetrics, computeProjectEvmPlan, type PlannedTask } from '../../domain/evm/index.js';
import { toEpochDay } from '../../domain/finance/index.js';
import { domain, requireProjectFinance } from './finance-common.js';
import { selectActualCostByTask, selectProjectTaskIds, selectTaskEvRows, upsertTaskCosts, type EvMilestone, type TaskEvRow } from './task-costs.repo.js';

export interface TaskCostInput {
  taskId: string;
  plannedCostMinor: number;
  evMethod?: EvMethod | undefined;
  physicalPercentComplete?: number | null | undefined;
  milestones?: EvMilestone[] | null | undefined;
}

/** The costed tasks of a project as the EVM domain plans them (planned dates fall back to the project start, then the status date). */
export function toPlannedTasks(rows: readonly TaskEvRow[], fallbackDate: string): PlannedTask[] {
  return rows.map((t) => {
    const start = toEpochDay(t.plannedStart ?? fallbackDate);
    const end = t.plannedFinish ? Math.max(start, toEpochDay(t.plannedFinish) + 1) : start;
    return {
      id: t.taskId, budget: t.plannedCostMinor, startDay: start, endDay: end,
      progress: {
        method: t.evMethod, percentComplete: t.percentComplete,
        ...(t.physicalPercentComplete !== null ? { physicalPercentComplete: t.physicalPercentComplete } : {}),
        ...(t.milestones ? { milestones: t.milestones } : {}),
      },
    };
  });
}

/** Costed tasks with their method inputs and BAC, PV, EV, AC (approved time booked on the task), CPI and SPI at `asOf`. */
export async function listTaskCosts(db: Kysely<DB>, actor: Actor, projectId: string, asOf: string) {
  await requireProjectFinance(db, actor, projectId, 'read', 'financials');
  const project = await db.selectFrom('projects').select('start_date').where('id', '=', projectId).executeTakeFirstOrThrow();
  const [rows, acByTask] = await Promise.all([selectTaskEvRows(db, projectId), selectActualCostByTask(db, projectId, asOf)]);
  const plan = await domain(async () => computeProjectEvmPlan(toPlannedTasks(rows, project.start_date ?? asOf), toEpochDay(asOf)));
  return {
    projectId, asOf,
    items: rows.map((r, i) => {
      const f = plan.tasks[i]!;
      const m = computeEvmMetrics({ bac: f.bac, pv: Math.round(f.pv), ev: Math.round(f.ev), ac: acByTask.get(r.taskId) ?? 0 });
      return {
        taskId: r.taskId, wbs: r.wbs, name: r.name, plannedCostMinor: r.plannedCostMinor, evMethod: r.evMethod, percentComplete: r.percentComplete,
        physicalPercentComplete: r.physicalPercentComplete, milestones: r.milestones, plannedStart: r.plannedStart, plannedFinish: r.plannedFinish, baselined: r.baselined,
        bac: m.bac, pv: m.pv, ev: m.ev, ac: m.ac, cv: m.cv, sv: m.sv, cpi: m.cpi, spi: m.spi,
      };
    }),
  };
}

/** Checks each item's method inputs; returns field errors (422) instead of throwing one at a time. */
function validateItems(items: readonly TaskCostInput[]): FieldError[] {
  const errors: FieldError[] = [];
  items.forEach((x, i) => {
    const method = x.evMethod ?? 'percent-complete';
    if (method === 'physical-percent-complete' && (x.physicalPercentComplete === undefined || x.physicalPercentComplete === null)) {
      errors.push({ path: `items.${i}.physicalPercentComplete`, message: 'the physical-percent-complete method needs the measured percent complete (0-100)' });
    }
    if (method === 'weighted-milestones') {
      const ms = x.milestones ?? [];
      if (ms.length === 0) errors.push({ path: `items.${i}.milestones`, message: 'the weighted-milestones method needs at least one milestone' });
      else if (ms.reduce((s, m) => s + m.weight, 0) <= 0) errors.push({ path: `items.${i}.milestones`, message: 'the milestone weights must add up to more than 0' });
      const names = new Set<string>();
      ms.forEach((m, j) => {
        if (names.has(m.name)) errors.push({ path: `items.${i}.milestones.${j}.name`, message: `"${m.name}" appears twice` });
        names.add(m.name);
      });
    }
  });
  return errors;
}

/** Sets planned cost and earned-value method (with its inputs) of tasks, in bulk and all or nothing. */
export async function putTaskCosts(db: Kysely<DB>, actor: Actor, projectId: string, items: TaskCostInput[]) {
  await db.transaction().execute(async (tx) => {
    await requireProjectFinance(tx, actor, projectId, 'update', 'budget');
    const ids = [...new Set(items.map((i) => i.taskId))];
    if (ids.length !== items.length) throw new AppError(422, 'duplicate_task', 'a task appears twice');
    const found = await selectProjectTaskIds(tx, projectId, ids);
    if (found.size !== ids.length) throw new AppError(422, 'invalid_task', 'every task must belong to the project', ids.flatMap((id) => (found.has(id) ? [] : [{ path: `items.${items.findIndex((x) => x.taskId === id)}.taskId`, message: 'not a task of this project' }])));
    const errors = validateItems(items);
    if (errors.length) throw new AppError(422, 'ev_method_input', `${errors.length} task(s) lack what their earned-value method needs: ${errors[0]!.message}`, errors);
    await upsertTaskCosts(tx, projectId, items.map((x) => {
      const method = x.evMethod ?? 'percent-complete';
      const ms = method === 'weighted-milestones' ? x.milestones ?? [] : null;
      return {
        taskId: x.taskId, plannedCostMinor: x.plannedCostMinor, evMethod: method,
        // Inputs of other methods are kept, so switching methods back and forth loses nothing.
        physicalPercentComplete: x.physicalPercentComplete ?? null,
        milestones: x.milestones?.length ? x.milestones : null,
        weightDone: ms ? ms.filter((m) => m.done).reduce((s, m) => s + m.weight, 0) : null,
        weightTotal: ms ? ms.reduce((s, m) => s + m.weight, 0) : null,
      };
    }));
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'task_costs', entityId: projectId, projectId, after: items });
  });
  return (await selectTaskEvRows(db, projectId)).map((r) => ({
    taskId: r.taskId, plannedCostMinor: r.plannedCostMinor, evMethod: r.evMethod, physicalPercentComplete: r.physicalPercentComplete, milestones: r.milestones,
  }));
}
