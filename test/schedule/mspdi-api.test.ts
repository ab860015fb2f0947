/**
 * MS Project files through the database and the API, as `pmo import --reschedule` and `pmo export` do it:
 * import with reschedule, export, and compare every task's Start/Finish with what MS Project wrote; the export
 * passes the MSPDI schema; re-importing it gives the same project. Every sample file round-trips.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMspdi, writeMspdi, type MspdiProject } from '../../src/domain/mspdi/index.js';
import { formatLocalDateTime } from '../../src/domain/calendar/index.js';
import { createProjectViaApi, createTestApp, json, type TestContext } from '../helpers.js';
import { allSampleFiles, readManifest, readSample, validateWithXmllint } from '../fixtures/schedule/mspdi-data.js';

let ctx: TestContext;
let portfolioId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  portfolioId = json(await ctx.app.inject({ method: 'POST', url: '/api/v1/portfolios', headers: ctx.admin.auth, payload: { name: 'Imports' } })).id;
});
afterAll(async () => ctx.close());

const oracleFiles = readManifest()
  .filter((r) => r.file.endsWith('.xml') && r.file !== 'aspose/not_updated.xml' && (Number(r.links) > 0 || Number(r.constrained_tasks) > 0))
  .map((r) => r.file);

async function importXml(xml: string, reschedule: boolean) {
  const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/import?portfolioId=${portfolioId}&reschedule=${reschedule}`, headers: { ...ctx.admin.auth, 'content-type': 'application/xml' }, payload: xml });
  if (res.statusCode !== 201) throw new Error(`import failed: ${res.statusCode} ${res.body}`);
  return json(res) as { projectId: string; tasks: number; links: number };
}

async function exportXml(projectId: string) {
  const res = await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/export.xml`, headers: ctx.admin.auth });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/xml');
  return res.body;
}

const fmt = (m: number | null) => (m === null ? null : formatLocalDateTime(m));
const taskKey = (p: MspdiProject) =>
  p.tasks.filter((t) => t.outlineLevel > 0).map((t) => [t.uid, t.name, t.parentUid, t.outlineLevel, t.isMilestone, fmt(t.start), fmt(t.finish), t.durationMinutes, t.percentComplete, t.constraintType, fmt(t.constraintDate), t.priority ?? 500]);
const linkKey = (p: MspdiProject) => p.links.map((l) => [l.predecessorUid, l.successorUid, l.type, l.lagTenthsMinutes, l.lagFormat]).sort();

describe('MS Project files through the API', () => {
  it('has oracle files to check', () => {
    expect(oracleFiles.length).toBeGreaterThanOrEqual(9);
  });

  it.each(oracleFiles)('%s: import --reschedule then export gives MS Project\'s Start and Finish per task UID', async (file) => {
    const original = parseMspdi(readSample(file));
    const { projectId } = await importXml(readSample(file), true);
    const exported = await exportXml(projectId);
    expect(validateWithXmllint(exported, `${file}.xml`)).toBeNull();
    const got = new Map(parseMspdi(exported).tasks.map((t) => [t.uid, [fmt(t.start), fmt(t.finish)]]));
    const mismatches = original.tasks
      .filter((t) => t.outlineLevel > 0 && !t.isNull && t.start !== null)
      .filter((t) => JSON.stringify(got.get(t.uid)) !== JSON.stringify([fmt(t.start), fmt(t.finish)]))
      .map((t) => `UID ${t.uid}: pmo ${got.get(t.uid)?.join(' - ')}, MS Project ${fmt(t.start)} - ${fmt(t.finish)}`);
    expect(mismatches).toEqual([]);
  });

  it.each(allSampleFiles())('%s: import -> export -> import keeps tasks, links, calendars, resources, assignments, baselines', async (file) => {
    const original = parseMspdi(readSample(file));
    const first = await importXml(readSample(file), false);
    const exported = await exportXml(first.projectId);
    expect(validateWithXmllint(exported, `${file}.xml`)).toBeNull();
    const again = parseMspdi(exported);
    expect(taskKey(again)).toEqual(taskKey(original));
    expect(linkKey(again)).toEqual(linkKey(original));
    expect(again.calendars.map((c) => [c.id, c.name])).toEqual(original.calendars.map((c) => [c.id, c.name]));
    expect(again.resources.map((r) => [r.uid, r.name, r.type])).toEqual(original.resources.map((r) => [r.uid, r.name, r.type]));
    expect(again.assignments.map((a) => [a.uid, a.taskUid, a.resourceUid, a.workMinutes])).toEqual(original.assignments.map((a) => [a.uid, a.taskUid, a.resourceUid, a.workMinutes]));
    const bKey = (p: MspdiProject) => p.baselines.map((b) => [b.owner, b.ownerUid, b.number, fmt(b.start), fmt(b.finish), b.durationMinutes, b.workMinutes, b.costCents]).sort();
    expect(bKey(again)).toEqual(bKey(original));
    // And a second import of the export is the same project again.
    const second = await importXml(exported, false);
    expect([second.tasks, second.links]).toEqual([first.tasks, first.links]);
  });

  it('carries the project priority (the summary task UID 0) and task priorities through import, the API and export', async () => {
    const file = 'mpxj/task-links-project2016-mspdi.xml';
    const source = parseMspdi(readSample(file));
    const summary = source.tasks.find((t) => t.outlineLevel === 0)!;
    const [first, second] = source.tasks.filter((t) => t.outlineLevel > 0 && !t.isNull);
    summary.priority = 800;
    first!.priority = 1000;
    second!.priority = 1200; // out of MS Project's range: clamped to 1000
    const { projectId } = await importXml(writeMspdi(source), false);
    const project = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}`, headers: ctx.admin.auth }));
    expect(project.priority).toBe(800);
    const tasks: { id: string; priority: number; version: number }[] = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/tasks`, headers: ctx.admin.auth })).items;
    expect(tasks.map((t) => t.priority)).toEqual(source.tasks.filter((t) => t.outlineLevel > 0).map((t) => (t === first || t === second ? 1000 : 500)));
    // Changed in pmo, written back where MS Project keeps them.
    const res = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${projectId}`, headers: { ...ctx.admin.auth, 'if-match': `"${project.version}"` }, payload: { priority: 300 } });
    expect(res.statusCode).toBe(200);
    const third = tasks[2]!;
    expect((await ctx.app.inject({ method: 'PATCH', url: `/api/v1/tasks/${third.id}`, headers: { ...ctx.admin.auth, 'if-match': `"${third.version}"` }, payload: { priority: 42 } })).statusCode).toBe(200);
    const exported = await exportXml(projectId);
    expect(validateWithXmllint(exported, 'priorities.xml')).toBeNull();
    const again = parseMspdi(exported);
    expect(again.tasks.filter((t) => t.outlineLevel === 0).map((t) => [t.uid, t.priority])).toEqual([[0, 300]]);
    // API tasks come in file order: the third is the file's third task (names repeat in this file, UIDs do not).
    const thirdUid = source.tasks.filter((t) => t.outlineLevel > 0)[2]!.uid;
    expect(again.tasks.find((t) => t.uid === thirdUid)!.priority).toBe(42);
    expect(again.tasks.find((t) => t.uid === first!.uid)!.priority).toBe(1000);
  });

  it('exports a project made in pmo with a summary task (UID 0) that carries its priority', async () => {
    const made = await createProjectViaApi(ctx, ctx.admin, { name: 'Made here', portfolioId, startDate: '2026-03-02' });
    const patched = await ctx.app.inject({ method: 'PATCH', url: `/api/v1/projects/${made.id}`, headers: { ...ctx.admin.auth, 'if-match': '"1"' }, payload: { priority: 900 } });
    expect(json(patched).priority).toBe(900);
    await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${made.id}/tasks`, headers: ctx.admin.auth, payload: { name: 'Urgent', priority: 700 } });
    const exported = await exportXml(made.id);
    expect(validateWithXmllint(exported, 'made-here.xml')).toBeNull();
    const parsed = parseMspdi(exported);
    expect(parsed.tasks.map((t) => [t.uid, t.outlineLevel, t.name, t.priority, t.isSummary])).toEqual([[0, 0, 'Made here', 900, true], [1, 1, 'Urgent', 700, false]]);
    // Importing that file gives the same priorities again.
    const back = await importXml(exported, false);
    expect(json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${back.projectId}`, headers: ctx.admin.auth })).priority).toBe(900);
  });

  it('reschedules through the API and shows critical path, slack and baseline on tasks', async () => {
    const { projectId } = await importXml(readSample('mpxj/task-links-project2016-mspdi.xml'), true);
    const sched = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/schedule`, headers: ctx.admin.auth });
    expect(sched.statusCode).toBe(200);
    expect(json(sched).criticalCount).toBeGreaterThan(0);
    const base = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/${projectId}/baselines/0`, headers: ctx.admin.auth });
    expect(base.statusCode).toBe(200);
    const tasks = json(await ctx.app.inject({ method: 'GET', url: `/api/v1/projects/${projectId}/tasks`, headers: ctx.admin.auth })).items;
    expect(tasks.some((t: { critical: boolean }) => t.critical)).toBe(true);
    expect(tasks.every((t: { baselineStart: string | null; start: string | null }) => t.baselineStart === t.start)).toBe(true);
    expect(tasks.every((t: { totalSlackMinutes: number | null }) => t.totalSlackMinutes !== null)).toBe(true);
  });

  it('rejects malformed XML, entity declarations and non-MSPDI files, importing nothing', async () => {
    const before = await ctx.database.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    for (const [xml, code] of [
      ['<Project><Tasks><Task>', 'mspdi_malformed_xml'],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Project xmlns="http://schemas.microsoft.com/project"/>', 'mspdi_doctype_forbidden'],
      ['<html><body>hello</body></html>', 'mspdi_not_mspdi'],
    ] as const) {
      const res = await ctx.app.inject({ method: 'POST', url: `/api/v1/projects/import?portfolioId=${portfolioId}`, headers: { ...ctx.admin.auth, 'content-type': 'application/xml' }, payload: xml });
      expect({ code: json(res).code, status: res.statusCode }).toEqual({ code, status: 422 });
    }
    const after = await ctx.database.db.selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
