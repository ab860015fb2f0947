import { describe, expect, it } from 'vitest';
import { formatLocalDateTime as fmt } from '../calendar/index.js';
import { scheduleProject } from '../schedule/index.js';
import { readSample, validateWithXmllint } from '../../../test/fixtures/schedule/mspdi-data.js';
import { MspdiError, applyScheduleResult, parseGanttProject, parseMspdi, toScheduleInput, writeMspdi } from './index.js';

const gan = () => readSample('other_formats/HouseBuildingSample.gan');

describe('GanttProject import', () => {
  it('reads tasks, hierarchy, links, resources and allocations', () => {
    const p = parseGanttProject(gan());
    expect(p.tasks).toHaveLength(20);
    expect(p.links).toHaveLength(17);
    expect(p.tasks.filter((t) => t.isSummary).length).toBeGreaterThan(0);
    expect(p.tasks.filter((t) => t.isMilestone).length).toBeGreaterThan(0);
    expect(p.resources.length).toBeGreaterThan(0);
    expect(p.assignments.length).toBeGreaterThan(0);
    expect(p.tasks[0]).toMatchObject({ uid: 1, name: 'Architectural design', outlineLevel: 1, percentComplete: 85 });
  });

  it('schedules (FS successors after their predecessors) and exports valid MSPDI', () => {
    const p = parseGanttProject(gan());
    const result = scheduleProject(toScheduleInput(p));
    const byId = new Map(result.tasks.map((t) => [t.id, t]));
    for (const l of p.links.filter((x) => x.type === 1)) {
      expect(byId.get(l.successorUid)!.start).toBeGreaterThanOrEqual(byId.get(l.predecessorUid)!.finish);
    }
    expect(fmt(byId.get(10)!.start)).toBe('2024-05-27T08:00:00');
    applyScheduleResult(p, result);
    const xml = writeMspdi(p);
    expect(validateWithXmllint(xml, 'house.xml')).toBeNull();
    expect(parseMspdi(xml).tasks).toHaveLength(20);
  });

  it('rejects non-GanttProject XML clearly', () => {
    expect(() => parseGanttProject('<Project/>')).toThrow(MspdiError);
  });
});
