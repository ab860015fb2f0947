import { ScheduleWorkspace } from './sgs-kernel.js';
import { computePriorityKeys, criticalPathLength, PRIORITY_RULES } from './priority-rules.js';
import { runParallelSgs } from './parallel-sgs.js';
import type { SchedulingProblem } from './scheduling-problem.js';
import type { RandomSource } from './seeded-random.js';

/** Budget and tuning of {@link searchSchedule}. The search stops at the first budget reached. */
export interface SearchSettings {
  /** Maximum number of schedule generation passes (forward and backward passes each count one). */
  maxSchedules: number;
  /** Wall-clock budget in ms, only used together with `now`. */
  budgetMs?: number;
  /** Clock in ms (e.g. performance.now), injected because domain code may not read the clock. */
  now?: () => number;
  random: RandomSource;
  populationSize?: number;
  /** Children without improvement before the population restarts around the best (default 15 x population). */
  stagnationChildren?: number;
  /** Probability of a shift mutation per child (default 0.5). */
  mutationRate?: number;
  /** Share of children made by peak crossover (dense window of the mother kept). */
  peakCrossoverRate?: number;
  /** Share of children made by biased uniform crossover instead of two-point crossover. */
  uniformCrossoverRate?: number;
  /** Stop as soon as a schedule with this makespan is found (a proven lower bound). */
  lowerBound?: number;
}

/** Best schedule found by the search. */
export interface SearchOutcome {
  start: Int32Array;
  makespan: number;
  schedules: number;
  /** Schedule count at which the best makespan was first reached. */
  schedulesToBest: number;
}

/** Lower bound on the makespan: critical path, and work/capacity when capacities are constant. */
export function computeLowerBound(p: SchedulingProblem): number {
  let lb = criticalPathLength(p);
  if (p.profileLength === 0) {
    const work = new Float64Array(p.resourceCount);
    for (let j = 0; j < p.n; j++) {
      for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) work[p.demRes[e]!]! += p.demQty[e]! * p.duration[j]!;
    }
    for (let r = 0; r < p.resourceCount; r++) {
      if (p.tail[r]! > 0) lb = Math.max(lb, Math.ceil(work[r]! / p.tail[r]!));
    }
  }
  return lb;
}

function hashStart(start: Int32Array): number {
  let h = 0x811c9dc5;
  for (let j = 0; j < start.length; j++) h = Math.imul(h ^ start[j]!, 0x01000193);
  return h | 0;
}

/**
 * Activity-list genetic algorithm with double justification (forward-backward improvement) as the
 * decoder and Lamarckian write-back of the justified order (after Hartmann 1998 and Valls et al. 2005/2008).
 * Seeds come from priority rules (serial and parallel SGS); stagnation triggers a restart around the best.
 * Deterministic for a given random source and schedule budget. Throws nothing; when no feasible schedule
 * exists (a job can never fit) the outcome's makespan is +Infinity.
 */
export function searchSchedule(p: SchedulingProblem, s: SearchSettings): SearchOutcome {
  const n = p.n;
  const rnd = s.random;
  const ws = new ScheduleWorkspace(p);
  const lb = s.lowerBound ?? computeLowerBound(p);
  const deadline = s.now && s.budgetMs !== undefined ? s.now() + s.budgetMs : Number.POSITIVE_INFINITY;
  const timeUp = (): boolean => (s.now ? s.now() >= deadline : false);
  const bestStart = new Int32Array(n);
  let best = Number.POSITIVE_INFINITY;
  let schedulesToBest = 0;
  const start = new Int32Array(n);
  const list = new Int32Array(n);
  const outcome = (): SearchOutcome => ({ start: bestStart, makespan: best, schedules: ws.schedules, schedulesToBest });

  const popSize = Math.max(4, s.populationSize ?? (n <= 40 ? 40 : n <= 400 ? 70 : 30));
  const pop = new Int32Array(popSize * n);
  const popMk = new Int32Array(popSize).fill(0x7fffffff);
  const popHash = new Int32Array(popSize);
  const popStart = new Int32Array(popSize * n);
  let filled = 0;

  const consider = (mk: number): void => {
    if (mk >= 0 && mk < best) {
      best = mk;
      bestStart.set(start);
      schedulesToBest = ws.schedules;
    }
  };
  const worstIndex = (): number => {
    let w = 0;
    for (let i = 1; i < filled; i++) if (popMk[i]! > popMk[w]!) w = i;
    return w;
  };
  /** Adds the decoded individual in `list`/`start` unless it duplicates one; replaces the worst when full. */
  const insert = (mk: number): boolean => {
    if (mk < 0) return false;
    const h = hashStart(start);
    for (let i = 0; i < filled; i++) if (popHash[i] === h && popMk[i] === mk) return false;
    let slot: number;
    if (filled < popSize) slot = filled++;
    else {
      slot = worstIndex();
      if (popMk[slot]! < mk) return false;
    }
    pop.set(list, slot * n);
    popStart.set(start, slot * n);
    popMk[slot] = mk;
    popHash[slot] = h;
    return true;
  };
  const budgetLeft = (): boolean => ws.schedules < s.maxSchedules && best > lb;

  // 1. Priority-rule seeds, serial and parallel SGS, each justified.
  const lft = computePriorityKeys(p, 'LFT');
  for (const rule of PRIORITY_RULES) {
    if (!budgetLeft() || (best < Number.POSITIVE_INFINITY && timeUp())) return outcome();
    const key = rule === 'LFT' ? lft : computePriorityKeys(p, rule);
    ws.orderByKeys(key, false, list);
    let mk = ws.decodeWithJustification(list, start);
    consider(mk);
    insert(mk);
    if (n <= 3000) {
      const pm = runParallelSgs(p, key, start);
      ws.schedules++;
      if (pm < 0) continue;
      consider(pm);
      ws.orderByStart(start, list);
      mk = ws.decodeWithJustification(list, start);
      consider(mk);
      insert(mk);
    }
  }
  if (best < 0) return outcome();

  // 2. Random-key sampling around the LFT rule fills the population.
  let cp = 1;
  for (let j = 0; j < n; j++) cp = Math.max(cp, lft[j]!);
  const key = new Float64Array(n);
  let guard = 0;
  while (filled < popSize && budgetLeft() && guard++ < popSize * 4) {
    const spread = cp * (0.05 + 0.6 * rnd());
    for (let j = 0; j < n; j++) key[j] = lft[j]! + rnd() * spread;
    ws.orderByKeys(key, false, list);
    const mk = ws.decodeWithJustification(list, start);
    consider(mk);
    insert(mk);
    if (timeUp()) return outcome();
  }

  // 3. Generational loop: tournament selection, two-point crossover, shift mutation, justification.
  const taken = new Int32Array(n);
  let stamp = 0;
  const pos = new Int32Array(n);
  const posF = new Int32Array(n);
  const uniformRate = s.uniformCrossoverRate ?? 0.15;
  const peakRate = s.peakCrossoverRate ?? 0.7;
  let util = new Float64Array(64);
  const jobWeight = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    for (let e = p.demStart[j]!; e < p.demStart[j + 1]!; e++) jobWeight[j]! += p.demQty[e]! / (p.tail[p.demRes[e]!]! || 1);
  }
  let sinceImprove = 0;
  const stagnation = s.stagnationChildren ?? Math.max(300, popSize * 15);
  const mutationRate = s.mutationRate ?? 0.5;

  let restarts = 0;
  const pick = (): number => {
    const a = (rnd() * filled) | 0;
    const b = (rnd() * filled) | 0;
    return popMk[a]! <= popMk[b]! ? a : b;
  };
  const lastBest = { v: best };
  while (budgetLeft()) {
    if (timeUp()) break;

    const m = pick();
    let f = pick();
    if (f === m && filled > 1) f = (m + 1 + ((rnd() * (filled - 1)) | 0)) % filled;
    const mo = m * n;
    const fo = f * n;
    const op = rnd();
    if (op < peakRate) {
      // Peak crossover (after Valls et al. 2008): keep the mother's densest time window, order the rest as the father.
      peakKeys(m, f);
      ws.orderByKeys(key, false, list);
    } else if (op < peakRate + uniformRate) {
      // Biased uniform crossover on list positions, repaired into a precedence-feasible order.
      for (let i = 0; i < n; i++) {
        pos[pop[mo + i]!] = i;
        posF[pop[fo + i]!] = i;
      }
      const bias = popMk[m]! <= popMk[f]! ? 0.65 : 0.35;
      for (let j = 0; j < n; j++) key[j] = (rnd() < bias ? pos[j]! : posF[j]!) + rnd() * 0.5;
      ws.orderByKeys(key, false, list);
    } else {
      let q1 = (rnd() * n) | 0;
      let q2 = (rnd() * n) | 0;
      if (q1 > q2) [q1, q2] = [q2, q1];
      stamp++;
      let k = 0;
      for (; k < q1; k++) {
        const j = pop[mo + k]!;
        list[k] = j;
        taken[j] = stamp;
      }
      for (let i = 0; i < n && k < q2; i++) {
        const j = pop[fo + i]!;
        if (taken[j] !== stamp) {
          list[k++] = j;
          taken[j] = stamp;
        }
      }
      for (let i = 0; i < n && k < n; i++) {
        const j = pop[mo + i]!;
        if (taken[j] !== stamp) {
          list[k++] = j;
          taken[j] = stamp;
        }
      }
    }
    if (rnd() < mutationRate) mutateShift(p, list, pos, rnd);
    const mk = ws.decodeWithJustification(list, start);
    consider(mk);
    insert(mk);
    if (best < lastBest.v) {
      lastBest.v = best;
      sinceImprove = 0;
    } else if (++sinceImprove >= stagnation) {
      sinceImprove = 0;
      restartAroundBest();
    }
  }
  return outcome();

  function peakKeys(m: number, f: number): void {
    const mk = popMk[m]!;
    const ms = m * n;
    const fs = f * n;
    // Resource utilisation of the mother per period, relative to capacity.
    if (util.length < mk + 1) util = new Float64Array(mk * 2 + 2);
    util.fill(0, 0, mk + 1);
    for (let j = 0; j < n; j++) {
      const w = jobWeight[j]!;
      if (w === 0) continue;
      const sj = popStart[ms + j]!;
      for (let t = sj; t < sj + p.duration[j]!; t++) util[t]! += w;
    }
    const len = Math.max(1, Math.round(mk * (0.15 + 0.35 * rnd())));
    let sum = 0;
    for (let t = 0; t < len && t < mk; t++) sum += util[t]!;
    let bestSum = sum;
    let bestT = 0;
    for (let t = len; t < mk; t++) {
      sum += util[t]! - util[t - len]!;
      if (sum > bestSum || (sum === bestSum && rnd() < 0.3)) {
        bestSum = sum;
        bestT = t - len + 1;
      }
    }
    const t1 = bestT;
    const t2 = bestT + len;
    for (let j = 0; j < n; j++) {
      const sm = popStart[ms + j]!;
      key[j] = sm >= t1 && sm < t2 ? sm + 0.25 : popStart[fs + j]! + 0.5 * rnd();
    }
  }

  function restartAroundBest(): void {
    // Keep the best individual; rebuild the rest by perturbing the best schedule's start times.
    let bi = 0;
    for (let i = 1; i < filled; i++) if (popMk[i]! < popMk[bi]!) bi = i;
    const keep = pop.slice(bi * n, bi * n + n);
    const keepStart = popStart.slice(bi * n, bi * n + n);
    const keepMk = popMk[bi]!;
    const keepHash = popHash[bi]!;
    filled = 1;
    pop.set(keep, 0);
    popStart.set(keepStart, 0);
    popMk[0] = keepMk;
    popHash[0] = keepHash;
    let tries = 0;
    restarts++;
    const fresh = (restarts & 1) === 0;
    while (filled < popSize && budgetLeft() && tries++ < popSize * 4 && !timeUp()) {
      if (fresh) {
        const spread = cp * (0.05 + 0.6 * rnd());
        for (let j = 0; j < n; j++) key[j] = lft[j]! + rnd() * spread;
      } else {
        const spread = 1 + rnd() * Math.max(2, best * 0.3);
        for (let j = 0; j < n; j++) key[j] = bestStart[j]! + rnd() * spread;
      }
      ws.orderByKeys(key, false, list);
      const mk = ws.decodeWithJustification(list, start);
      consider(mk);
      insert(mk);
    }
  }
}

/** Moves one random job to a random position between its last predecessor and first successor. */
function mutateShift(p: SchedulingProblem, list: Int32Array, pos: Int32Array, rnd: RandomSource): void {
  const n = p.n;
  for (let i = 0; i < n; i++) pos[list[i]!] = i;
  const i = (rnd() * n) | 0;
  const j = list[i]!;
  let lo = 0;
  let hi = n - 1;
  for (let e = p.predStart[j]!; e < p.predStart[j + 1]!; e++) lo = Math.max(lo, pos[p.predIdx[e]!]! + 1);
  for (let e = p.succStart[j]!; e < p.succStart[j + 1]!; e++) hi = Math.min(hi, pos[p.succIdx[e]!]! - 1);
  if (hi <= lo) return;
  const to = lo + ((rnd() * (hi - lo + 1)) | 0);
  if (to === i) return;
  if (to > i) list.copyWithin(i, i + 1, to + 1);
  else list.copyWithin(to + 1, to, i);
  list[to] = j;
}

