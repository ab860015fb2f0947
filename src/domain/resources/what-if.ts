/**
 * What-if on capacity against demand: changes applied in memory to a copy of the plan of record (nothing is
 * written). Add a hypothetical person or pool (with roles, teams, skills and a window), remove a person from a
 * date (their assignments stay, so the work they leave shows as over-allocation), change a person's hours or
 * part-time percentage for a period, or shift a project by N working days of its calendar.
 */
import type { AssignmentColumns, CapacityPerson, CapacityPlan } from './capacity-grid.js';

export type WhatIfChange =
  | {
      kind: 'add-person';
      name: string;
      count?: number;
      minutesPerWeek?: number;
      partTimePercent?: number;
      /** Index into plan.calendars; default the first (the organisation's standard calendar). */
      calendar?: number;
      roleIds?: string[];
      teamIds?: string[];
      skills?: { skillId: string; proficiency: number }[];
      fromDay?: number;
      toDay?: number;
    }
  | { kind: 'remove-person'; personId: string; fromDay: number }
  | { kind: 'change-capacity'; personId: string; fromDay?: number; toDay?: number; minutesPerWeek?: number; partTimePercent?: number }
  | { kind: 'shift-project'; projectId: string; workingDays: number };

/** A change naming something the plan does not have; `index` is the change's position. */
export class WhatIfError extends Error {
  constructor(
    readonly code: 'UNKNOWN_REFERENCE' | 'INVALID_CHANGE',
    readonly index: number,
    message: string,
  ) {
    super(message);
    this.name = 'WhatIfError';
  }
}

const NO_END = 2_000_000_000;

function copyAssignments(a: AssignmentColumns): AssignmentColumns {
  return {
    length: a.length,
    person: a.person,
    role: a.role,
    project: a.project,
    start: a.start.slice(),
    finish: a.finish.slice(),
    work: a.work,
    calendar: a.calendar,
    ...(a.pieces ? { pieces: new Map(a.pieces) } : {}),
  };
}

/** The plan with the changes applied, in order; the input plan is not modified. Hypothetical people get ids what-if-1, what-if-2, ... */
export function applyWhatIf(plan: CapacityPlan, changes: readonly WhatIfChange[]): CapacityPlan {
  const people: CapacityPerson[] = plan.people.map((p) => ({ ...p }));
  const personIdx = new Map(plan.people.map((p, i) => [p.id, i]));
  const index = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((x, i) => [x.id, i]));
  const roleIdx = index(plan.roles);
  const teamIdx = index(plan.teams);
  const skillIdx = index(plan.skills);
  const projectIdx = new Map(plan.projectIds.map((id, i) => [id, i]));
  const roleMembers = plan.roleMembers.slice();
  const teamMembers = plan.teamMembers.slice();
  const personSkills = plan.personSkills.slice();
  let assignments = plan.assignments;
  let added = 0;
  const lookup = (map: Map<string, number>, id: string, what: string, at: number) => {
    const i = map.get(id);
    if (i === undefined) throw new WhatIfError('UNKNOWN_REFERENCE', at, `change ${at + 1}: unknown ${what} ${id}`);
    return i;
  };
  changes.forEach((c, at) => {
    switch (c.kind) {
      case 'add-person': {
        const count = c.count ?? 1;
        if (!Number.isInteger(count) || count < 1) throw new WhatIfError('INVALID_CHANGE', at, `change ${at + 1}: count must be a positive integer`);
        const calendar = c.calendar ?? 0;
        if (!plan.calendars[calendar]) throw new WhatIfError('UNKNOWN_REFERENCE', at, `change ${at + 1}: unknown calendar`);
        if (c.fromDay !== undefined && c.toDay !== undefined && c.toDay < c.fromDay) throw new WhatIfError('INVALID_CHANGE', at, `change ${at + 1}: to is before from`);
        const i = people.length;
        added++;
        people.push({
          id: `what-if-${added}`,
          name: `${count > 1 ? `${count} x ` : ''}${c.name} (what-if)`,
          minutesPerWeek: c.minutesPerWeek ?? 2400,
          partTimePercent: c.partTimePercent ?? 100,
          calendar,
          count,
          hypothetical: true,
          ...(c.fromDay !== undefined ? { activeFromDay: c.fromDay } : {}),
          ...(c.toDay !== undefined ? { activeToDay: c.toDay } : {}),
        });
        for (const r of c.roleIds ?? []) roleMembers.push(lookup(roleIdx, r, 'role', at), i);
        for (const t of c.teamIds ?? []) teamMembers.push(lookup(teamIdx, t, 'team', at), i);
        for (const s of c.skills ?? []) personSkills.push(lookup(skillIdx, s.skillId, 'skill', at), i, s.proficiency);
        break;
      }
      case 'remove-person': {
        const p = people[lookup(personIdx, c.personId, 'person', at)]!;
        p.activeToDay = Math.min(p.activeToDay ?? NO_END, c.fromDay - 1);
        break;
      }
      case 'change-capacity': {
        const p = people[lookup(personIdx, c.personId, 'person', at)]!;
        if (c.minutesPerWeek === undefined && c.partTimePercent === undefined) throw new WhatIfError('INVALID_CHANGE', at, `change ${at + 1}: give minutesPerWeek or partTimePercent`);
        const fromDay = c.fromDay ?? -NO_END;
        const toDay = c.toDay ?? NO_END;
        if (toDay < fromDay) throw new WhatIfError('INVALID_CHANGE', at, `change ${at + 1}: to is before from`);
        p.changes = [...(p.changes ?? []), { fromDay, toDay, ...(c.minutesPerWeek !== undefined ? { minutesPerWeek: c.minutesPerWeek } : {}), ...(c.partTimePercent !== undefined ? { partTimePercent: c.partTimePercent } : {}) }];
        break;
      }
      case 'shift-project': {
        const pi = lookup(projectIdx, c.projectId, 'project', at);
        if (!Number.isInteger(c.workingDays)) throw new WhatIfError('INVALID_CHANGE', at, `change ${at + 1}: workingDays must be an integer`);
        if (assignments === plan.assignments) assignments = copyAssignments(plan.assignments);
        const a = assignments;
        for (let i = 0; i < a.length; i++) {
          if (a.project[i] !== pi) continue;
          const cal = plan.calendars[a.calendar[i]!]!;
          a.start[i] = cal.shiftWorkingDays(a.start[i]!, c.workingDays);
          a.finish[i] = Math.max(a.start[i]!, cal.shiftWorkingDays(a.finish[i]!, c.workingDays));
          const pieces = a.pieces?.get(i);
          if (pieces) a.pieces!.set(i, pieces.map(([s, f]) => [cal.shiftWorkingDays(s, c.workingDays), cal.shiftWorkingDays(f, c.workingDays)] as const));
        }
        break;
      }
    }
  });
  return { ...plan, people, assignments, roleMembers, teamMembers, personSkills };
}
