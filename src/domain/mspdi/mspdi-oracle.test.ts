/**
 * THE ORACLE: every MS Project file with links or constraints is imported, the computed Start/Finish of its
 * automatically scheduled tasks are thrown away, the project is rescheduled by pmo and must match MS Project's
 * Start and Finish of every task to the minute.
 */
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime } from '../calendar/index.js';
import { applyScheduleResult, parseMspdi, toScheduleInput, writeMspdi } from './index.js';
import { scheduleProject } from '../schedule/index.js';
import { readManifest, readSample } from '../../../test/fixtures/schedule/mspdi-data.js';

const NEVER_RECALCULATED = new Set(['aspose/not_updated.xml']);

const oracleFiles = readManifest()
  .filter((r) => r.file.endsWith('.xml') && (Number(r.links) > 0 || Number(r.constrained_tasks) > 0) && !NEVER_RECALCULATED.has(r.file))
  .map((r) => r.file);

describe('MSPDI scheduling oracle', () => {
  it('finds the oracle files', () => {
    expect(oracleFiles.length).toBeGreaterThanOrEqual(9);
  });

  it.each(oracleFiles)('%s: pmo reproduces MS Project Start/Finish of every task', (file) => {
    const project = parseMspdi(readSample(file));
    const expected = new Map(project.tasks.map((t) => [t.uid, { start: t.start, finish: t.finish }]));
    const input = toScheduleInput(project, { reschedule: true });
    // Throw away the dates MS Project computed for automatically scheduled tasks.
    for (const t of input.tasks) if (!t.manual) { t.start = null; t.finish = null; }
    const result = scheduleProject(input);
    const mismatches: string[] = [];
    for (const r of result.tasks) {
      const e = expected.get(r.id)!;
      if (e.start === null || e.finish === null) continue;
      if (r.start !== e.start || r.finish !== e.finish) {
        mismatches.push(`task ${r.id}: got ${formatLocalDateTime(r.start)} - ${formatLocalDateTime(r.finish)}, MS Project ${formatLocalDateTime(e.start)} - ${formatLocalDateTime(e.finish)}`);
      }
    }
    const summary = project.tasks.find((t) => t.outlineLevel === 0);
    if (summary?.start != null && summary.finish != null && result.tasks.length) {
      const s = Math.min(...result.tasks.map((t) => t.start));
      const f = Math.max(...result.tasks.map((t) => t.finish));
      if (s !== summary.start || f !== summary.finish) mismatches.push(`project summary: got ${formatLocalDateTime(s)} - ${formatLocalDateTime(f)}, MS Project ${formatLocalDateTime(summary.start)} - ${formatLocalDateTime(summary.finish)}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('import --reschedule then export', () => {
  it.each(oracleFiles)('%s: the exported file carries MS Project\'s Start/Finish for every task UID', (file) => {
    const original = parseMspdi(readSample(file));
    const project = parseMspdi(readSample(file));
    const input = toScheduleInput(project, { reschedule: true });
    for (const t of input.tasks) if (!t.manual) { t.start = null; t.finish = null; }
    applyScheduleResult(project, scheduleProject(input));
    const reread = parseMspdi(writeMspdi(project));
    const got = new Map(reread.tasks.map((t) => [t.uid, [t.start, t.finish]]));
    for (const t of original.tasks) {
      if (t.start === null || t.isNull) continue;
      expect([t.uid, ...(got.get(t.uid) ?? [])]).toEqual([t.uid, t.start, t.finish]);
    }
  });
});
