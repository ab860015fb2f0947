import { createSeededRandom } from './seeded-random.js';
import type { LinkType, PortfolioInput, PortfolioTask, TaskLink } from './portfolio-types.js';

/** Size of a generated portfolio. */
export interface SyntheticPortfolioSpec {
  projects: number;
  tasksPerProject: number;
  people: number;
  seed: number;
}

/**
 * Deterministic synthetic portfolio for benchmarks and demos: each project is a random layered network
 * (mostly FS links, some SS/FF with lags), tasks of 1-10 periods staffed by 1-2 people from a project team
 * of about 8; a fifth of the people work part-time and everyone has a 10-period vacation.
 */
export function generateSyntheticPortfolio(spec: SyntheticPortfolioSpec): PortfolioInput {
  const rnd = createSeededRandom(spec.seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const resources = Array.from({ length: spec.people }, (_, i) => {
    const capacity = rnd() < 0.2 ? 0.5 : 1;
    const vacationStart = int(0, 300);
    const capacityByPeriod = Array.from({ length: vacationStart + 10 }, (_, t) => (t >= vacationStart ? 0 : capacity));
    return { id: `person-${i + 1}`, capacity, capacityByPeriod };
  });
  const projects = Array.from({ length: spec.projects }, (_, i) => ({ id: `project-${i + 1}`, priority: int(1, 5) }));
  const tasks: PortfolioTask[] = [];
  const links: TaskLink[] = [];
  for (let pi = 0; pi < spec.projects; pi++) {
    const team = Array.from({ length: 8 }, () => int(1, spec.people));
    const release = int(0, 120);
    const base = tasks.length;
    for (let k = 0; k < spec.tasksPerProject; k++) {
      const id = `p${pi + 1}-t${k + 1}`;
      const who = team[int(0, team.length - 1)]!;
      const demands = [{ resourceId: `person-${who}`, units: resources[who - 1]!.capacity < 1 || rnd() < 0.3 ? 0.5 : 1 }];
      if (rnd() < 0.15) {
        const other = team[int(0, team.length - 1)]!;
        if (other !== who) demands.push({ resourceId: `person-${other}`, units: 0.5 });
      }
      tasks.push({ id, projectId: `project-${pi + 1}`, durationPeriods: int(1, 10), earliestStartPeriod: release, demands });
      if (k > 0) {
        const preds = new Set([base + Math.max(0, k - int(1, 6))]);
        if (rnd() < 0.4) preds.add(base + int(Math.max(0, k - 12), k - 1));
        for (const pj of preds) {
          const r = rnd();
          const type: LinkType = r < 0.8 ? 'FS' : r < 0.9 ? 'SS' : 'FF';
          links.push({ fromTaskId: tasks[pj]!.id, toTaskId: id, type, lagPeriods: type === 'FS' ? 0 : int(0, 2) });
        }
      }
    }
  }
  return { resources, projects, tasks, links };
}
