import { LevelingError } from './leveling-error.js';
import type { RcpspInstance, RcpspJob } from './rcpsp-types.js';

function ints(line: string, what: string): number[] {
  const parts = line.trim().split(/\s+/).filter((x) => x.length > 0);
  return parts.map((x) => {
    const v = Number(x);
    if (!Number.isInteger(v)) throw new LevelingError('PARSE_ERROR', `${what}: "${x}" is not an integer`);
    return v;
  });
}

/** Parses a PSPLIB single-mode `.sm` file (text) into an instance; job numbers become 0-based indices. */
export function parsePsplibSm(text: string, name?: string): RcpspInstance {
  const lines = text.split(/\r?\n/);
  const find = (re: RegExp): number => lines.findIndex((l) => re.test(l));
  const jobsLine = lines.find((l) => /jobs \(incl\. supersource\/sink \)/.test(l));
  const resLine = lines.find((l) => /-\s*renewable/.test(l));
  if (!jobsLine || !resLine) throw new LevelingError('PARSE_ERROR', 'not a PSPLIB .sm file: missing the jobs or renewable-resources header');
  const n = Number(jobsLine.split(':')[1]!.trim());
  const R = Number(/:\s*(\d+)/.exec(resLine)?.[1]);
  if (!Number.isInteger(n) || n < 1 || !Number.isInteger(R) || R < 0) throw new LevelingError('PARSE_ERROR', 'bad job or resource count in the .sm header');
  const precAt = find(/^PRECEDENCE RELATIONS/);
  const reqAt = find(/^REQUESTS\/DURATIONS/);
  const capAt = find(/^RESOURCEAVAILABILITIES/);
  if (precAt < 0 || reqAt < 0 || capAt < 0) throw new LevelingError('PARSE_ERROR', 'missing PRECEDENCE RELATIONS, REQUESTS/DURATIONS or RESOURCEAVAILABILITIES');
  const jobs: RcpspJob[] = Array.from({ length: n }, () => ({ durationPeriods: 0, demands: new Array<number>(R).fill(0), successors: [] }));
  const seenPrec = new Uint8Array(n);
  for (let i = precAt + 2; i < lines.length && !lines[i]!.startsWith('*'); i++) {
    if (lines[i]!.trim() === '') continue;
    const v = ints(lines[i]!, `precedence line ${i + 1}`);
    const j = v[0]! - 1;
    const count = v[2]!;
    if (j < 0 || j >= n || v.length < 3 + count) throw new LevelingError('PARSE_ERROR', `precedence line ${i + 1} is malformed`);
    for (let k = 0; k < count; k++) {
      const s = v[3 + k]! - 1;
      if (s < 0 || s >= n) throw new LevelingError('PARSE_ERROR', `line ${i + 1}: successor ${s + 1} outside 1..${n}`);
      jobs[j]!.successors.push(s);
    }
    seenPrec[j] = 1;
  }
  const seenReq = new Uint8Array(n);
  for (let i = reqAt + 3; i < lines.length && !lines[i]!.startsWith('*'); i++) {
    if (lines[i]!.trim() === '') continue;
    const v = ints(lines[i]!, `request line ${i + 1}`);
    if (v.length !== 3 + R) throw new LevelingError('PARSE_ERROR', `request line ${i + 1} has ${v.length} numbers, expected ${3 + R}`);
    const j = v[0]! - 1;
    if (j < 0 || j >= n) throw new LevelingError('PARSE_ERROR', `request line ${i + 1}: job ${j + 1} outside 1..${n}`);
    jobs[j]!.durationPeriods = v[2]!;
    jobs[j]!.demands = v.slice(3);
    seenReq[j] = 1;
  }
  const capLine = lines.slice(capAt + 2).find((l) => l.trim() !== '');
  if (!capLine) throw new LevelingError('PARSE_ERROR', 'missing resource availabilities');
  const capacities = ints(capLine, 'resource availabilities');
  if (capacities.length !== R) throw new LevelingError('PARSE_ERROR', `found ${capacities.length} capacities, expected ${R}`);
  const missing = seenPrec.indexOf(0) >= 0 ? seenPrec.indexOf(0) : seenReq.indexOf(0);
  if (missing >= 0) throw new LevelingError('PARSE_ERROR', `job ${missing + 1} has no precedence or request line`);
  return { name, capacities, jobs };
}

/** Parses a Patterson `.rcp` file (text) into an instance; successor numbers become 0-based indices. */
export function parsePattersonRcp(text: string, name?: string): RcpspInstance {
  const nums = ints(text.replace(/\s+/g, ' '), 'rcp file');
  let at = 0;
  const take = (what: string): number => {
    if (at >= nums.length) throw new LevelingError('PARSE_ERROR', `rcp file ends early (expected ${what})`);
    return nums[at++]!;
  };
  const n = take('activity count');
  const R = take('resource count');
  if (n < 1 || R < 0) throw new LevelingError('PARSE_ERROR', 'bad activity or resource count in the .rcp header');
  const capacities: number[] = [];
  for (let r = 0; r < R; r++) capacities.push(take('capacity'));
  const jobs: RcpspJob[] = [];
  for (let j = 0; j < n; j++) {
    const durationPeriods = take(`duration of activity ${j + 1}`);
    const demands: number[] = [];
    for (let r = 0; r < R; r++) demands.push(take(`demand of activity ${j + 1}`));
    const count = take(`successor count of activity ${j + 1}`);
    const successors: number[] = [];
    for (let k = 0; k < count; k++) {
      const s = take(`successor of activity ${j + 1}`) - 1;
      if (s < 0 || s >= n) throw new LevelingError('PARSE_ERROR', `activity ${j + 1}: successor ${s + 1} outside 1..${n}`);
      successors.push(s);
    }
    jobs.push({ durationPeriods, demands, successors });
  }
  if (at !== nums.length) throw new LevelingError('PARSE_ERROR', `rcp file has ${nums.length - at} extra numbers after the last activity`);
  return { name, capacities, jobs };
}
