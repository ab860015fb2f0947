import { describe, expect, it } from 'vitest';
import { rankCandidates, scoreCandidate, type StaffingCandidate } from './staffing-suggestions.js';

const req = [{ skillId: 'ts', name: 'TypeScript', minProficiency: 4 }, { skillId: 'k8s', name: 'Kubernetes', minProficiency: 2 }];
const cand = (personId: string, skills: [string, number][], freeMinutes: number, holdsRole = false, capacityMinutes = 2400): StaffingCandidate => ({ personId, name: personId, skills: new Map(skills), holdsRole, freeMinutes, capacityMinutes });

describe('staffing suggestions', () => {
  it.each([
    ['meets everything, fully free, holds the role', cand('a', [['ts', 5], ['k8s', 2]], 2400, true), 100, 1, 1],
    ['meets everything, half free', cand('b', [['ts', 4], ['k8s', 3]], 1200), 70, 1, 0.5],
    ['below the minimum on one skill', cand('c', [['ts', 2], ['k8s', 2]], 2400), 78, 0.75, 1],
    ['missing a skill', cand('d', [['ts', 4]], 2400), 65, 0.5, 1],
    ['no skills and no free time', cand('e', [], 0), 0, 0, 0],
    ['over-allocated already (negative free) counts as none', cand('f', [['ts', 4], ['k8s', 2]], -600), 50, 1, 0],
  ])('%s', (_n, c, score, skill, availability) => {
    const s = scoreCandidate(req, 2400, 'Developer', c);
    expect([s.score, s.skillScore, s.availabilityScore]).toEqual([score, skill, availability]);
  });

  it('explains the score', () => {
    const s = scoreCandidate(req, 2400, 'Developer', cand('c', [['ts', 2]], 1200));
    expect(s.explanation).toEqual([
      'TypeScript: 2 < 4 required',
      'Kubernetes: missing (needs 2)',
      'Free 20.0 h of the 40.0 h the assignment needs (capacity 40.0 h in the window)',
      'Does not hold the role Developer',
    ]);
    expect(s.meetsAllSkills).toBe(false);
  });

  it('without requirements or work: skills count fully, availability needs capacity', () => {
    expect(scoreCandidate([], 0, null, cand('x', [], 0, false, 600)).score).toBe(90);
    expect(scoreCandidate([], 0, null, cand('x', [], 0, false, 0)).score).toBe(50);
  });

  it('ranks by score, then meeting every skill, then free time, then name; stable and limited', () => {
    const ranked = rankCandidates(req, 2400, 'Developer', [
      cand('zoe', [['ts', 4], ['k8s', 2]], 1200),
      cand('amy', [['ts', 4], ['k8s', 2]], 1200),
      cand('bob', [['ts', 5], ['k8s', 5]], 2400, true),
      cand('cat', [], 2400),
    ], 3);
    expect(ranked.map((r) => r.personId)).toEqual(['bob', 'amy', 'zoe']);
  });
});
