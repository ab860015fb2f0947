/**
 * Capacity against demand, computed in memory on typed arrays: capacity of every person per bucket (the contract
 * hours spread over their calendar's working time, net of non-project time), demand of every assignment spread
 * over the working time of its project's calendar between its task's start and finish (or over the pieces of a
 * split task), then summed per person, role, team or skill. Pure: the service loads the plan, this computes.
 */
import type { CalendarDays } from './calendar-days.js';

/** A person (or a hypothetical one) whose capacity is counted. */
export interface CapacityPerson {
  id: string;
  name: string;
  /** Contract minutes per regular week at 100 %; spread over the calendar's working time. */
  minutesPerWeek: number;
  partTimePercent: number;
  /** Index into CapacityPlan.calendars. */
  calendar: number;
  /** Whole days without project work (vacations, non-project time), inclusive day ranges. */
  nonProjectDays?: readonly (readonly [number, number])[];
  /** Works only from / until these days (inclusive): hypothetical hires, people leaving. */
  activeFromDay?: number;
  activeToDay?: number;
  /** Capacity changes within inclusive day ranges (what-if part-time changes); later entries win. */
  changes?: readonly CapacityChange[];
  /** How many identical people this entry stands for (a hypothetical pool); default 1. */
  count?: number;
  hypothetical?: boolean;
}

/** A change of contract hours or part-time percentage within [fromDay, toDay]. */
export interface CapacityChange {
  fromDay: number;
  toDay: number;
  minutesPerWeek?: number;
  partTimePercent?: number;
}

/** Assignments in columns (one entry per assignment). */
export interface AssignmentColumns {
  length: number;
  /** Index into people, or -1 for a role placeholder. */
  person: Int32Array;
  /** Index into roles for a placeholder, or -1. */
  role: Int32Array;
  /** Index into projectIds. */
  project: Int32Array;
  /** First and last day (inclusive) of the task. */
  start: Int32Array;
  finish: Int32Array;
  work: Float64Array;
  /** Calendar (index into CapacityPlan.calendars) whose working time spreads the work. */
  calendar: Int32Array;
  /** Split tasks: assignment index -> inclusive day ranges of the pieces (work is spread over them only). */
  pieces?: Map<number, readonly (readonly [number, number])[]>;
}

/** A named group (role, team, skill). */
export interface NamedRef {
  id: string;
  name: string;
}

/** Everything the grid is computed from. Membership lists are flat pairs/triples of indices. */
export interface CapacityPlan {
  calendars: CalendarDays[];
  people: CapacityPerson[];
  assignments: AssignmentColumns;
  projectIds: string[];
  roles: NamedRef[];
  teams: NamedRef[];
  skills: NamedRef[];
  /** [role, person, role, person, ...] */
  roleMembers: number[];
  /** [team, person, ...] */
  teamMembers: number[];
  /** [skill, person, proficiency, ...] */
  personSkills: number[];
  /** [role, skill, minProficiency, ...]: what a role requires (its placeholder demand counts for those skills). */
  roleSkills: number[];
}

export type GroupBy = 'person' | 'role' | 'team' | 'skill';

/** Capacity and demand per person and bucket, and placeholder demand per role and bucket (row-major). */
export interface CapacityTotals {
  buckets: Int32Array;
  personCapacity: Float64Array;
  personDemand: Float64Array;
  roleDemand: Float64Array;
}

/** One row of the grid; minutes are rounded, utilisation to 3 decimals (null without capacity). */
export interface CapacityRow {
  id: string;
  name: string;
  hypothetical: boolean;
  capacityMinutes: number[];
  demandMinutes: number[];
  utilisation: (number | null)[];
  overMinutes: number[];
  freeMinutes: number[];
  total: { capacityMinutes: number; demandMinutes: number; utilisation: number | null; overMinutes: number; freeMinutes: number };
}

/** Minutes per working minute of the calendar: the contract hours spread over the calendar's regular week. */
export function capacityFactor(minutesPerWeek: number, partTimePercent: number, weekMinutes: number): number {
  const part = Math.max(0, partTimePercent) / 100;
  return weekMinutes > 0 ? (Math.max(0, minutesPerWeek) * part) / weekMinutes : part;
}

/** Index of the bucket holding `day` (boundaries ascending), -1 before the first, B after the last. */
function bucketOf(b: Int32Array, day: number): number {
  const B = b.length - 1;
  if (day < b[0]!) return -1;
  if (day >= b[B]!) return B;
  let lo = 0;
  let hi = B - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (b[mid]! <= day) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function personFactorOn(p: CapacityPerson, cal: CalendarDays, day: number, base: number): number {
  if (p.activeFromDay !== undefined && day < p.activeFromDay) return 0;
  if (p.activeToDay !== undefined && day > p.activeToDay) return 0;
  let f = base;
  for (const c of p.changes ?? []) {
    if (day >= c.fromDay && day <= c.toDay) f = capacityFactor(c.minutesPerWeek ?? p.minutesPerWeek, c.partTimePercent ?? p.partTimePercent, cal.weekMinutes);
  }
  return f;
}

/** Capacity (minutes) of every person per bucket: P x B, row-major. */
export function personCapacityByBucket(plan: CapacityPlan, buckets: Int32Array): Float64Array {
  const B = buckets.length - 1;
  const first = buckets[0]!;
  const D = buckets[B]! - first;
  const P = plan.people.length;
  const out = new Float64Array(P * B);
  // Per calendar: minutes of each day of the range and per bucket (most people share a calendar).
  const dayMin = new Map<number, Float64Array>();
  const bucketMin = new Map<number, Float64Array>();
  const daysOf = (c: number) => {
    let a = dayMin.get(c);
    if (!a) {
      a = new Float64Array(D);
      plan.calendars[c]!.fill(first, D, a);
      dayMin.set(c, a);
      const bm = new Float64Array(B);
      for (let k = 0; k < B; k++) for (let d = buckets[k]! - first; d < buckets[k + 1]! - first; d++) bm[k]! += a[d]!;
      bucketMin.set(c, bm);
    }
    return a;
  };
  const off = new Uint8Array(D);
  for (let i = 0; i < P; i++) {
    const p = plan.people[i]!;
    const cal = plan.calendars[p.calendar]!;
    const days = daysOf(p.calendar);
    const base = capacityFactor(p.minutesPerWeek, p.partTimePercent, cal.weekMinutes);
    const count = p.count ?? 1;
    const o = i * B;
    const simple = !p.nonProjectDays?.length && !p.changes?.length && p.activeFromDay === undefined && p.activeToDay === undefined;
    if (simple) {
      const bm = bucketMin.get(p.calendar)!;
      for (let k = 0; k < B; k++) out[o + k] = base * bm[k]! * count;
      continue;
    }
    off.fill(0);
    for (const [a, z] of p.nonProjectDays ?? []) for (let d = Math.max(a, first); d <= Math.min(z, first + D - 1); d++) off[d - first] = 1;
    for (let k = 0; k < B; k++) {
      let sum = 0;
      for (let d = buckets[k]!; d < buckets[k + 1]!; d++) {
        const x = d - first;
        if (off[x] === 1 || days[x] === 0) continue;
        sum += personFactorOn(p, cal, d, base) * days[x]!;
      }
      out[o + k] = sum * count;
    }
  }
  return out;
}

/**
 * Adds the demand of every assignment to its person (or its role, for a placeholder) per bucket. The work is
 * spread in proportion to the working minutes of the assignment's calendar on each day of the task (or of its
 * pieces); a task lying wholly on non-working days spreads evenly over its calendar days.
 */
export function demandByBucket(plan: CapacityPlan, buckets: Int32Array): { person: Float64Array; role: Float64Array } {
  const B = buckets.length - 1;
  const person = new Float64Array(plan.people.length * B);
  const role = new Float64Array(plan.roles.length * B);
  const a = plan.assignments;
  const lo = buckets[0]!;
  const hi = buckets[B]!;
  // Buckets of one length (days, weeks) find their index by division; months by binary search.
  let step = buckets[1]! - lo;
  for (let k = 1; k < B && step > 0; k++) if (buckets[k + 1]! - buckets[k]! !== step) step = 0;
  // Cumulative working minutes per calendar over the span of the tasks in range: two lookups per question.
  let spanLo = lo;
  let spanHi = hi;
  for (let i = 0; i < a.length; i++) {
    const pieces = a.pieces?.get(i);
    const s = pieces ? pieces[0]![0] : a.start[i]!;
    const f = pieces ? pieces[pieces.length - 1]![1] : a.finish[i]!;
    if (f < lo || s >= hi) continue;
    if (s < spanLo) spanLo = s;
    if (f + 1 > spanHi) spanHi = f + 1;
  }
  const len = spanHi - spanLo;
  const cums = new Map<number, Float64Array>();
  const cumOf = (c: number) => {
    let cum = cums.get(c);
    if (!cum) {
      const day = new Float64Array(len);
      plan.calendars[c]!.fill(spanLo, len, day);
      cum = new Float64Array(len + 1);
      for (let d = 0; d < len; d++) cum[d + 1] = cum[d]! + day[d]!;
      cums.set(c, cum);
    }
    return cum;
  };
  const single: [number, number][] = [[0, 0]];
  for (let i = 0; i < a.length; i++) {
    const pi = a.person[i]!;
    const ri = a.role[i]!;
    let target: Float64Array;
    let o: number;
    if (pi >= 0) {
      target = person;
      o = pi * B;
    } else if (ri >= 0) {
      target = role;
      o = ri * B;
    } else continue;
    const work = a.work[i]!;
    if (!(work > 0)) continue;
    let ranges: readonly (readonly [number, number])[] | undefined = a.pieces?.get(i);
    if (!ranges) {
      single[0]![0] = a.start[i]!;
      single[0]![1] = a.finish[i]!;
      ranges = single;
    }
    let inRange = false;
    for (const [s, f] of ranges) if (f >= lo && s < hi && f >= s) inRange = true;
    if (!inRange) continue;
    const cum = cumOf(a.calendar[i]!);
    let total = 0;
    let totalDays = 0;
    for (const [s, f] of ranges) {
      if (f < s) continue;
      total += cum[f + 1 - spanLo]! - cum[s - spanLo]!;
      totalDays += f - s + 1;
    }
    const even = total <= 0;
    const denom = even ? Math.max(1, totalDays) : total;
    for (const [s, f] of ranges) {
      if (f < lo || s >= hi || f < s) continue;
      const from = s > lo ? s : lo;
      const to = f + 1 < hi ? f + 1 : hi;
      for (let k = step > 0 ? Math.floor((from - lo) / step) : bucketOf(buckets, from); k < B && buckets[k]! < to; k++) {
        const x = from > buckets[k]! ? from : buckets[k]!;
        const y = to < buckets[k + 1]! ? to : buckets[k + 1]!;
        const share = even ? y - x : cum[y - spanLo]! - cum[x - spanLo]!;
        if (share > 0) target[o + k]! += (work * share) / denom;
      }
    }
  }
  return { person, role };
}

/** Capacity and demand of every person and role placeholder per bucket. */
export function computeCapacity(plan: CapacityPlan, buckets: Int32Array): CapacityTotals {
  const demand = demandByBucket(plan, buckets);
  return { buckets, personCapacity: personCapacityByBucket(plan, buckets), personDemand: demand.person, roleDemand: demand.role };
}

function row(id: string, name: string, hypothetical: boolean, cap: Float64Array, demand: Float64Array, g: number, B: number): CapacityRow {
  const capacityMinutes: number[] = new Array(B);
  const demandMinutes: number[] = new Array(B);
  const utilisation: (number | null)[] = new Array(B);
  const overMinutes: number[] = new Array(B);
  const freeMinutes: number[] = new Array(B);
  let tc = 0;
  let td = 0;
  let to = 0;
  let tf = 0;
  for (let k = 0; k < B; k++) {
    const c = Math.round(cap[g * B + k]!);
    const d = Math.round(demand[g * B + k]!);
    capacityMinutes[k] = c;
    demandMinutes[k] = d;
    utilisation[k] = c > 0 ? Math.round((d / c) * 1000) / 1000 : null;
    overMinutes[k] = d > c ? d - c : 0;
    freeMinutes[k] = c > d ? c - d : 0;
    tc += c;
    td += d;
    to += overMinutes[k]!;
    tf += freeMinutes[k]!;
  }
  return {
    id, name, hypothetical, capacityMinutes, demandMinutes, utilisation, overMinutes, freeMinutes,
    total: { capacityMinutes: tc, demandMinutes: td, utilisation: tc > 0 ? Math.round((td / tc) * 1000) / 1000 : null, overMinutes: to, freeMinutes: tf },
  };
}

/** Adds person rows into group rows: out[g] += values[p] for every (g, p) pair. */
function addMembers(values: Float64Array, pairs: readonly number[], stride: number, B: number, out: Float64Array, keep?: (at: number) => boolean): void {
  for (let e = 0; e + 1 < pairs.length; e += stride) {
    if (keep && !keep(e)) continue;
    const g = pairs[e]!;
    const p = pairs[e + 1]!;
    for (let k = 0; k < B; k++) out[g * B + k]! += values[p * B + k]!;
  }
}

/**
 * The grid rows for a grouping. Person: one row per person. Role: its holders' capacity and demand plus the
 * demand of its placeholders. Team: its members'. Skill: the people holding it at `minProficiency` or more, plus
 * the placeholder demand of the roles requiring it. A person in several groups counts in each.
 */
export function capacityRows(plan: CapacityPlan, totals: CapacityTotals, groupBy: GroupBy, options: { minProficiency?: number } = {}): CapacityRow[] {
  const B = totals.buckets.length - 1;
  if (groupBy === 'person') return plan.people.map((p, i) => row(p.id, p.name, p.hypothetical === true, totals.personCapacity, totals.personDemand, i, B));
  const groups = groupBy === 'role' ? plan.roles : groupBy === 'team' ? plan.teams : plan.skills;
  const G = groups.length;
  const cap = new Float64Array(G * B);
  const demand = new Float64Array(G * B);
  if (groupBy === 'role') {
    addMembers(totals.personCapacity, plan.roleMembers, 2, B, cap);
    addMembers(totals.personDemand, plan.roleMembers, 2, B, demand);
    demand.set(demand.map((v, i) => v + totals.roleDemand[i]!));
  } else if (groupBy === 'team') {
    addMembers(totals.personCapacity, plan.teamMembers, 2, B, cap);
    addMembers(totals.personDemand, plan.teamMembers, 2, B, demand);
  } else {
    const min = options.minProficiency ?? 1;
    const keep = (e: number) => plan.personSkills[e + 2]! >= min;
    addMembers(totals.personCapacity, plan.personSkills, 3, B, cap, keep);
    addMembers(totals.personDemand, plan.personSkills, 3, B, demand, keep);
    for (let e = 0; e + 2 < plan.roleSkills.length; e += 3) {
      const r = plan.roleSkills[e]!;
      const s = plan.roleSkills[e + 1]!;
      for (let k = 0; k < B; k++) demand[s * B + k]! += totals.roleDemand[r * B + k]!;
    }
  }
  return groups.map((g, i) => row(g.id, g.name, false, cap, demand, i, B));
}

/** One assignment as plain data, for building columns from small lists. */
export interface AssignmentRecord {
  person: number;
  role: number;
  project: number;
  startDay: number;
  finishDay: number;
  workMinutes: number;
  calendar: number;
  pieces?: readonly (readonly [number, number])[];
}

/** Columns from a list of records. */
export function assignmentColumns(list: readonly AssignmentRecord[]): AssignmentColumns {
  const pieces = new Map<number, readonly (readonly [number, number])[]>();
  list.forEach((a, i) => a.pieces && pieces.set(i, a.pieces));
  return {
    length: list.length,
    person: Int32Array.from(list, (a) => a.person),
    role: Int32Array.from(list, (a) => a.role),
    project: Int32Array.from(list, (a) => a.project),
    start: Int32Array.from(list, (a) => a.startDay),
    finish: Int32Array.from(list, (a) => a.finishDay),
    work: Float64Array.from(list, (a) => a.workMinutes),
    calendar: Int32Array.from(list, (a) => a.calendar),
    ...(pieces.size ? { pieces } : {}),
  };
}
