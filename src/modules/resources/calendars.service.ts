/**
 * Enterprise calendars: the working time of people (holidays, hours per day, part-week patterns). Stored as
 * `calendars` rows without a project, in the calendar domain's definition (as imported MS Project calendars are),
 * so capacity, levelling and the scheduler read one format. uid 1 is the organisation's Standard calendar.
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CalendarError, formatTimeOfDay, parseTimeOfDay, type CalendarDefinition, type WorkingInterval } from '../../domain/calendar/index.js';
import { CalendarDays, dateOfDay, dayOfDate } from '../../domain/resources/index.js';
import { AppError, notFound, versionConflict } from '../../server/errors.js';
import { authorize, type Actor } from '../../server/policy.js';
import { recordChange } from '../audit/audit.service.js';
import { loadEnterpriseCalendars, STANDARD_UID } from './calendar-store.js';

interface IntervalBody { from: string; to: string }
export interface CalendarInput {
  uid?: number | undefined;
  name: string;
  baseCalendarUid: number | null;
  weekDays: ({ working: boolean; intervals: IntervalBody[] } | null)[];
  exceptions: { name: string; from: string; to: string; working: boolean; intervals: IntervalBody[] }[];
}

const toIntervals = (list: IntervalBody[]): WorkingInterval[] => list.map((i) => ({ fromMinute: parseTimeOfDay(i.from), toMinute: parseTimeOfDay(i.to) }));
const fromIntervals = (list: readonly WorkingInterval[]) => list.map((i) => ({ from: formatTimeOfDay(i.fromMinute).slice(0, 5), to: i.toMinute >= 1440 ? '24:00' : formatTimeOfDay(i.toMinute).slice(0, 5) }));

function definitionOf(uid: number, input: CalendarInput): CalendarDefinition & { isBaseCalendar: boolean } {
  return {
    id: uid,
    name: input.name,
    baseCalendarId: input.baseCalendarUid,
    isBaseCalendar: input.baseCalendarUid === null,
    weekDays: input.weekDays.map((w) => (w === null ? null : { working: w.working, intervals: w.working ? toIntervals(w.intervals) : [] })),
    exceptions: input.exceptions.map((e) => ({ name: e.name, fromDay: dayOfDate(e.from), toDay: dayOfDate(e.to), working: e.working, intervals: e.working ? toIntervals(e.intervals) : [] })),
  };
}

function present(row: { id: string | null; version: number }, def: CalendarDefinition, all: readonly CalendarDefinition[]) {
  let weekMinutes = 0;
  try {
    weekMinutes = new CalendarDays(def.id, all).weekMinutes;
  } catch {
    weekMinutes = 0;
  }
  return {
    id: row.id,
    uid: def.id,
    name: def.name,
    baseCalendarUid: def.baseCalendarId ?? null,
    weekDays: def.weekDays.map((w) => (w === null ? null : { working: w.working, intervals: fromIntervals(w.intervals) })),
    exceptions: def.exceptions.map((e) => ({ name: e.name, from: dateOfDay(e.fromDay), to: dateOfDay(e.toDay), working: e.working, intervals: fromIntervals(e.intervals) })),
    weekMinutes: Math.round(weekMinutes),
    builtIn: row.id === null,
    version: row.version,
  };
}

/** Checks the definition against the other calendars: base exists, no cycle, some working time. */
function validate(def: CalendarDefinition, others: readonly CalendarDefinition[]): void {
  if (def.baseCalendarId !== null && def.baseCalendarId === def.id) throw new AppError(422, 'calendar_cycle', 'a calendar cannot be its own base');
  if (def.baseCalendarId !== null && !others.some((c) => c.id === def.baseCalendarId)) throw new AppError(422, 'invalid_reference', `base calendar ${def.baseCalendarId} does not exist`);
  const all = [...others.filter((c) => c.id !== def.id), def];
  try {
    const days = new CalendarDays(def.id, all);
    const anyException = all.some((c) => c.exceptions.some((e) => e.working && e.intervals.length > 0));
    if (days.weekMinutes === 0 && !anyException) throw new AppError(422, 'calendar_no_working_time', `calendar "${def.name}" has no working time: people on it could never work`);
  } catch (e) {
    if (e instanceof CalendarError) throw new AppError(422, e.code === 'CALENDAR_CYCLE' ? 'calendar_cycle' : 'invalid_calendar', e.message);
    throw e;
  }
}

/** Enterprise calendars (the built-in Standard as uid 1 until one is stored). */
export async function listCalendars(db: Kysely<DB>, actor: Actor) {
  authorize(actor, 'read', { kind: 'resource' });
  const rows = await db.selectFrom('calendars').select(['id', 'uid', 'version']).where('project_id', 'is', null).orderBy('uid').execute();
  const defs = await loadEnterpriseCalendars(db);
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  return defs.map((d) => present(byUid.get(d.id) ?? { id: null, version: 0 }, d, defs));
}

async function loadOne(db: Kysely<DB>, id: string) {
  const row = await db.selectFrom('calendars').selectAll().where('id', '=', id).where('project_id', 'is', null).executeTakeFirst();
  if (!row) throw notFound('calendar');
  return row;
}

/** Adds an enterprise calendar (uid 1 replaces the built-in Standard). */
export async function createCalendar(db: Kysely<DB>, actor: Actor, input: CalendarInput) {
  authorize(actor, 'create', { kind: 'resource' });
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('pmo.enterprise_calendars'))`.execute(tx);
    const others = await loadEnterpriseCalendars(tx);
    const stored = await tx.selectFrom('calendars').select('uid').where('project_id', 'is', null).execute();
    const uid = input.uid ?? Math.max(STANDARD_UID, ...stored.map((s) => s.uid)) + 1;
    if (stored.some((s) => s.uid === uid)) throw new AppError(409, 'duplicate_uid', `a calendar with uid ${uid} exists`);
    const def = definitionOf(uid, input);
    validate(def, others);
    const row = await tx.insertInto('calendars').values({ id: randomUUID(), project_id: null, uid, name: def.name, data: JSON.stringify(def) }).returning(['id', 'version']).executeTakeFirstOrThrow();
    const out = present(row, def, [...others.filter((c) => c.id !== uid), def]);
    await recordChange(tx, { actorId: actor.userId, action: 'created', entityType: 'calendar', entityId: row.id, projectId: null, after: out, version: row.version });
    return out;
  });
}

/** Changes an enterprise calendar (If-Match). */
export async function updateCalendar(db: Kysely<DB>, actor: Actor, id: string, version: number, patch: Partial<Omit<CalendarInput, 'uid'>>) {
  authorize(actor, 'update', { kind: 'resource' });
  return db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('pmo.enterprise_calendars'))`.execute(tx);
    const row = await loadOne(tx, id);
    const others = await loadEnterpriseCalendars(tx);
    const current = present(row, { ...(row.data as CalendarDefinition), id: row.uid }, others);
    const def = definitionOf(row.uid, {
      name: patch.name ?? current.name,
      baseCalendarUid: patch.baseCalendarUid !== undefined ? patch.baseCalendarUid : current.baseCalendarUid,
      weekDays: patch.weekDays ?? current.weekDays,
      exceptions: patch.exceptions ?? current.exceptions,
    });
    validate(def, others);
    // A base chain must stay acyclic for every calendar deriving from this one too.
    const all = [...others.filter((c) => c.id !== row.uid), def];
    for (const c of all) {
      try {
        new CalendarDays(c.id, all);
      } catch (e) {
        if (e instanceof CalendarError) throw new AppError(422, 'calendar_cycle', e.message);
        throw e;
      }
    }
    const updated = await tx
      .updateTable('calendars')
      .set((eb) => ({ name: def.name, data: JSON.stringify(def), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .returning(['id', 'version'])
      .executeTakeFirst();
    if (!updated) throw versionConflict('the calendar');
    const out = present(updated, def, all);
    await recordChange(tx, { actorId: actor.userId, action: 'updated', entityType: 'calendar', entityId: id, projectId: null, before: current, after: out, version: updated.version });
    return out;
  });
}

/** Removes an enterprise calendar unless people use it or another calendar derives from it (409 calendar_in_use). */
export async function deleteCalendar(db: Kysely<DB>, actor: Actor, id: string, version: number) {
  authorize(actor, 'delete', { kind: 'resource' });
  await db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('pmo.enterprise_calendars'))`.execute(tx);
    const row = await loadOne(tx, id);
    const users = await tx.selectFrom('person_capacity').select(sql<number>`count(*)::int`.as('n')).where('calendar_uid', '=', row.uid).executeTakeFirstOrThrow();
    if (users.n > 0 && row.uid !== STANDARD_UID) throw new AppError(409, 'calendar_in_use', `${users.n} people work on this calendar; give them another one first`);
    const others = await loadEnterpriseCalendars(tx);
    if (others.some((c) => c.baseCalendarId === row.uid && c.id !== row.uid)) throw new AppError(409, 'calendar_in_use', 'another calendar derives from this one');
    const del = await tx.deleteFrom('calendars').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (Number(del.numDeletedRows) !== 1) throw versionConflict('the calendar');
    await recordChange(tx, { actorId: actor.userId, action: 'deleted', entityType: 'calendar', entityId: id, projectId: null, before: { uid: row.uid, name: row.name } });
  });
}

/** 422 unless `uid` names an enterprise calendar (uid 1 always exists). */
export async function requireEnterpriseCalendar(db: Kysely<DB>, uid: number): Promise<void> {
  if (uid === STANDARD_UID) return;
  const row = await db.selectFrom('calendars').select('id').where('project_id', 'is', null).where('uid', '=', uid).executeTakeFirst();
  if (!row) throw new AppError(422, 'invalid_reference', `calendar ${uid} does not exist`);
}

