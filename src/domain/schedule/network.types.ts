/** Columnar (typed-array) form of a schedule: the kernel works on this, never on objects. */
import type { WorkingTimeTable } from '../calendar/index.js';

export const F_ELAPSED = 1;
export const F_MILESTONE = 2;
export const F_MANUAL = 4;
export const F_SUMMARY = 8;
export const F_ACTUAL_START = 16;
export const F_ACTUAL_FINISH = 32;

export const C_ASAP = 0;
export const C_ALAP = 1;
export const C_MSO = 2;
export const C_MFO = 3;
export const C_SNET = 4;
export const C_SNLT = 5;
export const C_FNET = 6;
export const C_FNLT = 7;

export const L_FF = 0;
export const L_FS = 1;
export const L_SF = 2;
export const L_SS = 3;

export const U_WORKING = 0;
export const U_ELAPSED = 1;
export const U_PERCENT = 2;

/** The compiled network. Task-indexed arrays have length n; link arrays length m. */
export interface Network {
  n: number;
  m: number;
  ids: Int32Array | Float64Array;
  names: (string | undefined)[] | null;
  projectStart: number;
  /** Fixed project finish (schedule from finish) or NaN. */
  fixedFinish: number;
  criticalSlackLimit: number;
  honorConstraints: boolean;
  tables: WorkingTimeTable[];
  calIdx: Uint16Array;
  flags: Uint8Array;
  duration: Float64Array;
  remaining: Float64Array;
  constraintType: Uint8Array;
  constraintDate: Float64Array;
  deadline: Float64Array;
  actualStart: Float64Array;
  actualFinish: Float64Array;
  manualStart: Float64Array;
  manualFinish: Float64Array;
  parent: Int32Array;
  /** Links: predecessor index, successor index, type, lag value, lag unit. */
  linkPred: Int32Array;
  linkSucc: Int32Array;
  linkType: Uint8Array;
  linkLag: Float64Array;
  linkUnit: Uint8Array;
  /** CSR of link indices by successor (inStart[v]..inStart[v+1]) and by predecessor. */
  inStart: Int32Array;
  inLinks: Int32Array;
  outStart: Int32Array;
  outLinks: Int32Array;
  /** CSR of resource-driven assignment spans by task: calendar table index and working minutes. */
  asgStart: Int32Array;
  asgCal: Uint16Array;
  asgDur: Float64Array;
  /** CSR of children by parent. */
  childStart: Int32Array;
  children: Int32Array;
  /** Topological order (children before parents, predecessors before successor leaves) and its inverse. */
  order: Int32Array;
  position: Int32Array;
  /** Per task: 1 when the forward (fastF) / backward (fastB) pass may work purely in working offsets. */
  fastF: Uint8Array;
  fastB: Uint8Array;
  /** True when some task has a parent (enables the summary/ancestor code paths). */
  hasHierarchy: boolean;
}

/** Mutable results of the passes, indexed like the network's tasks. */
export interface ScheduleState {
  es: Float64Array;
  ef: Float64Array;
  ls: Float64Array;
  lf: Float64Array;
  start: Float64Array;
  finish: Float64Array;
  totalSlack: Float64Array;
  freeSlack: Float64Array;
  /** Working offsets (on each task's calendar) of es, ef, ls, lf. */
  wES: Float64Array;
  wEF: Float64Array;
  wLS: Float64Array;
  wLF: Float64Array;
  /** Offsets of the project start / finish on each calendar table. */
  wProjectStart: Float64Array;
  wProjectFinish: Float64Array;
  projectFinish: number;
  conflicts: Map<number, string>;
}
