/** Round trip of every MSPDI sample: import -> export (Project 2007 layout) -> import preserves the data, and xmllint accepts the export. */
import { describe, expect, it } from 'vitest';
import { allSampleFiles, readSample, validateWithXmllint } from '../../../test/fixtures/schedule/mspdi-data.js';
import { parseMspdi, writeMspdi, type MspdiProject } from './index.js';

/** What the Project 2007 layout carries (Manual and Active exist only from Project 2010 on). */
function comparable(p: MspdiProject): unknown {
  return {
    tasks: p.tasks.map(({ manual: _m, active: _a, ...t }) => t),
    links: p.links,
    calendars: p.calendars,
    resources: p.resources,
    assignments: p.assignments,
    baselines: p.baselines,
    extendedAttributeDefinitions: p.extendedAttributeDefinitions,
    extendedAttributeValues: p.extendedAttributeValues,
    properties: { ...p.properties, saveVersion: null, newTasksAreManual: null, currencyCode: null },
  };
}

const files = allSampleFiles();

describe('MSPDI round trip', () => {
  it('covers every sample', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  it.each(files)('%s: import -> export -> import preserves tasks, links, calendars, resources, assignments, baselines', (file) => {
    const first = parseMspdi(readSample(file));
    const exported = writeMspdi(first);
    const second = parseMspdi(exported);
    expect(comparable(second)).toEqual(comparable(first));
    expect(second.tasks.length).toBe(first.tasks.length);
  });

  it.each(files)('%s: the export is valid against mspdi.xsd (xmllint)', (file) => {
    const exported = writeMspdi(parseMspdi(readSample(file)));
    expect(validateWithXmllint(exported, file)).toBeNull();
  });
});
