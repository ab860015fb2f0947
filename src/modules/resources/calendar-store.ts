/**
 * Calendars for capacity and levelling (all SQL for them). Enterprise calendars are `calendars` rows without a
 * project: people's working-time calendars (`person_capacity.calendar_uid`). The enterprise calendar with uid 1
 * is the organisation's Standard calendar: people without a calendar and projects without calendars of their own
 * use it; without one, the built-in MS Project Standard (Monday-Friday 8 h) applies. A project's calendar is
 * `projects.calendar_uid` (or the one its MS Project file named, or its first) among the project's calendars.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { standardCalendar, type CalendarDefinition } from '../../domain/calendar/index.js';
import { CalendarDays } from '../../domain/resources/index.js';

/** The organisation's standard calendar uid. */
export const STANDARD_UID = 1;

/** Enterprise calendar definitions (the built-in Standard as uid 1 when none is stored). */
export async function loadEnterpriseCalendars(db: Kysely<DB>): Promise<CalendarDefinition[]> {
  const rows = await db.selectFrom('calendars').select(['uid', 'data']).where('project_id', 'is', null).orderBy('uid').execute();
  const defs = rows.map((r) => ({ ...(r.data as CalendarDefinition), id: r.uid }));
  if (!defs.some((c) => c.id === STANDARD_UID)) defs.unshift(standardCalendar(STANDARD_UID, 'Standard'));
  return defs;
}

/**
 * Calendars by key, built once per request: index 0 is the organisation's Standard. `person(uid)` and
 * `project(id)` return indices into `list`; unknown or broken calendars fall back to index 0.
 */
export class CalendarSet {
  readonly list: CalendarDays[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly projectIndex = new Map<string, number>();
  private readonly projectDefs = new Map<string, CalendarDefinition[]>();

  private constructor(private readonly enterprise: CalendarDefinition[]) {
    this.list.push(this.build(STANDARD_UID, enterprise) ?? CalendarDays.standard());
    this.byKey.set(`e:${STANDARD_UID}`, 0);
  }

  static async load(db: Kysely<DB>): Promise<CalendarSet> {
    return new CalendarSet(await loadEnterpriseCalendars(db));
  }

  private build(uid: number, defs: readonly CalendarDefinition[]): CalendarDays | null {
    try {
      return new CalendarDays(uid, defs);
    } catch {
      return null; // unknown uid or a base-calendar cycle: the caller falls back to the standard calendar
    }
  }

  private add(key: string, make: () => CalendarDays | null): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const cal = make();
    const i = cal ? this.list.push(cal) - 1 : 0;
    this.byKey.set(key, i);
    return i;
  }

  /** Index of a person's calendar (null: the organisation's Standard). */
  person(uid: number | null): number {
    if (uid === null) return 0;
    return this.add(`e:${uid}`, () => this.build(uid, this.enterprise));
  }

  /** Index of a project's calendar (call loadProjects first; projects without calendars use index 0). */
  project(projectId: string): number {
    return this.projectIndex.get(projectId) ?? 0;
  }

  /** Loads the calendars of these projects; identical definitions share one entry. */
  async loadProjects(db: Kysely<DB>, projectIds: readonly string[]): Promise<void> {
    const ids = [...new Set(projectIds)].filter((id) => !this.projectIndex.has(id));
    if (!ids.length) return;
    const [cals, projects] = await Promise.all([
      db.selectFrom('calendars').select(['project_id', 'uid', 'data']).where('project_id', 'in', ids).orderBy('project_id').orderBy('uid').execute(),
      db.selectFrom('projects').select(['id', 'calendar_uid', 'mspdi']).where('id', 'in', ids).execute(),
    ]);
    const byProject = new Map<string, CalendarDefinition[]>();
    for (const c of cals) {
      const list = byProject.get(c.project_id!) ?? [];
      list.push({ ...(c.data as CalendarDefinition), id: c.uid });
      byProject.set(c.project_id!, list);
    }
    for (const p of projects) {
      const defs = byProject.get(p.id);
      if (!defs?.length) {
        this.projectIndex.set(p.id, 0);
        continue;
      }
      this.projectDefs.set(p.id, defs);
      const named = (p.mspdi as { properties?: { calendarUid?: number } } | null)?.properties?.calendarUid;
      const uid = p.calendar_uid ?? (typeof named === 'number' ? named : defs[0]!.id);
      this.projectIndex.set(p.id, this.add(`p:${uid}:${JSON.stringify(defs)}`, () => this.build(uid, defs)));
    }
  }

  /** Index of a task's own calendar among its project's calendars (null or unknown uid: the project's calendar). */
  task(projectId: string, uid: number | null): number {
    const defs = this.projectDefs.get(projectId);
    if (uid === null || !defs || !defs.some((d) => d.id === uid)) return this.project(projectId);
    return this.add(`p:${uid}:${JSON.stringify(defs)}`, () => this.build(uid, defs));
  }
}
