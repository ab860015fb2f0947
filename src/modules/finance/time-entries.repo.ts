/** Queries on time entries shared by the timesheet, approval and financials services. */
import type { Kysely, Selectable } from 'kysely';
import type { DB, TimeEntriesTable } from '../../db/schema.js';

export type TimeEntryRow = Selectable<TimeEntriesTable> & { project_name?: string; project_code?: string; task_name?: string | null };

/** A person's entries between two dates (inclusive), with project and task names, in date order. */
export async function listPersonEntries(db: Kysely<DB>, personId: string, from: string, to: string): Promise<TimeEntryRow[]> {
  return db
    .selectFrom('time_entries as e')
    .innerJoin('projects as p', 'p.id', 'e.project_id')
    .leftJoin('tasks as t', 't.id', 'e.task_id')
    .selectAll('e')
    .select(['p.name as project_name', 'p.code as project_code', 't.name as task_name'])
    .where('e.person_id', '=', personId)
    .where('e.work_date', '>=', from)
    .where('e.work_date', '<=', to)
    .orderBy('e.work_date')
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}

/** Locks entries by id (in id order, so concurrent batches cannot deadlock) and returns them. */
export async function lockEntries(db: Kysely<DB>, ids: string[]): Promise<Selectable<TimeEntriesTable>[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('time_entries').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** API view of a time entry. */
export function presentTimeEntry(r: TimeEntryRow) {
  return {
    id: r.id,
    personId: r.person_id,
    projectId: r.project_id,
    projectName: r.project_name ?? null,
    projectCode: r.project_code ?? null,
    taskId: r.task_id,
    taskName: r.task_name ?? null,
    date: r.work_date,
    postingDate: r.posting_date,
    minutes: r.minutes,
    billable: r.billable,
    comment: r.comment,
    state: r.state,
    reason: r.reason,
    reversalOf: r.reversal_of,
    corrects: r.corrects,
    costMinor: r.cost_minor === null ? null : Number(r.cost_minor),
    costCurrency: r.cost_currency?.trim() ?? null,
    decidedBy: r.decided_by,
    version: r.version,
  };
}
export type TimeEntryView = ReturnType<typeof presentTimeEntry>;
