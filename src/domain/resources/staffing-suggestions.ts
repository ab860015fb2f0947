/**
 * Staffing suggestions: people ranked for a role placeholder by how well their skills meet what the role
 * requires and how much free capacity they have in the assignment's window. The score and its parts are
 * returned with a plain-language explanation so a resource manager can see why someone ranks where they do.
 *
 * score = 100 x (0.5 x skill match + 0.4 x availability + 0.1 x holds the role), where
 * - skill match = mean over the required skills of min(1, proficiency / required minimum) (a missing skill
 *   counts 0); 1 when the role requires no skills;
 * - availability = min(1, free minutes in the window / minutes the assignment needs); 1 when it needs none
 *   and the person has any capacity in the window.
 */

/** What the role requires. */
export interface SkillRequirement {
  skillId: string;
  name: string;
  minProficiency: number;
}

/** A person who could fill the placeholder, with their skills and capacity figures in the window. */
export interface StaffingCandidate {
  personId: string;
  name: string;
  /** skillId -> proficiency 1..5 */
  skills: ReadonlyMap<string, number>;
  holdsRole: boolean;
  capacityMinutes: number;
  freeMinutes: number;
}

export interface SkillMatch {
  skillId: string;
  name: string;
  required: number;
  proficiency: number | null;
  met: boolean;
}

export interface StaffingSuggestion {
  personId: string;
  name: string;
  score: number;
  skillScore: number;
  availabilityScore: number;
  holdsRole: boolean;
  meetsAllSkills: boolean;
  skills: SkillMatch[];
  capacityMinutes: number;
  freeMinutes: number;
  neededMinutes: number;
  explanation: string[];
}

export const SCORE_WEIGHTS = { skill: 0.5, availability: 0.4, role: 0.1 } as const;

const hours = (m: number) => `${(Math.round(m / 6) / 10).toFixed(1)} h`;
const round3 = (v: number) => Math.round(v * 1000) / 1000;

/** Scores one candidate. */
export function scoreCandidate(requirements: readonly SkillRequirement[], neededMinutes: number, roleName: string | null, c: StaffingCandidate): StaffingSuggestion {
  const skills: SkillMatch[] = requirements.map((r) => {
    const p = c.skills.get(r.skillId) ?? null;
    return { skillId: r.skillId, name: r.name, required: r.minProficiency, proficiency: p, met: p !== null && p >= r.minProficiency };
  });
  const skillScore = requirements.length ? skills.reduce((s, m) => s + (m.proficiency === null ? 0 : Math.min(1, m.proficiency / m.required)), 0) / requirements.length : 1;
  const availabilityScore = neededMinutes > 0 ? Math.min(1, Math.max(0, c.freeMinutes) / neededMinutes) : c.capacityMinutes > 0 ? 1 : 0;
  const score = Math.round(100 * (SCORE_WEIGHTS.skill * skillScore + SCORE_WEIGHTS.availability * availabilityScore + SCORE_WEIGHTS.role * (c.holdsRole ? 1 : 0)));
  const explanation: string[] = [];
  if (!requirements.length) explanation.push('The role requires no particular skills.');
  for (const m of skills) {
    explanation.push(m.proficiency === null ? `${m.name}: missing (needs ${m.required})` : `${m.name}: ${m.proficiency} ${m.met ? '>=' : '<'} ${m.required} required`);
  }
  explanation.push(
    neededMinutes > 0
      ? `Free ${hours(Math.max(0, c.freeMinutes))} of the ${hours(neededMinutes)} the assignment needs (capacity ${hours(c.capacityMinutes)} in the window)`
      : `Capacity ${hours(c.capacityMinutes)} in the window; the assignment has no work`,
  );
  if (roleName !== null) explanation.push(c.holdsRole ? `Holds the role ${roleName}` : `Does not hold the role ${roleName}`);
  return {
    personId: c.personId,
    name: c.name,
    score,
    skillScore: round3(skillScore),
    availabilityScore: round3(availabilityScore),
    holdsRole: c.holdsRole,
    meetsAllSkills: skills.every((m) => m.met),
    skills,
    capacityMinutes: Math.round(c.capacityMinutes),
    freeMinutes: Math.round(Math.max(0, c.freeMinutes)),
    neededMinutes: Math.round(neededMinutes),
    explanation,
  };
}

/** Ranks candidates: score, then meeting every required skill, then free minutes, then name and id (stable). */
export function rankCandidates(requirements: readonly SkillRequirement[], neededMinutes: number, roleName: string | null, candidates: readonly StaffingCandidate[], limit = 10): StaffingSuggestion[] {
  return candidates
    .map((c) => scoreCandidate(requirements, neededMinutes, roleName, c))
    .sort((a, b) => b.score - a.score || Number(b.meetsAllSkills) - Number(a.meetsAllSkills) || b.freeMinutes - a.freeMinutes || a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId))
    .slice(0, Math.max(0, limit));
}
