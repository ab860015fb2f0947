/** Malformed input never crashes the importer: it either parses or throws MspdiError / CalendarError. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarError } from '../calendar/index.js';
import { readSample } from '../../../test/fixtures/schedule/mspdi-data.js';
import { MspdiError, parseMspdi, toScheduleInput } from './index.js';
import { ScheduleError, scheduleProject } from '../schedule/index.js';

const sample = readSample('mpxj/legacy-sample.xml');

function importAndSchedule(xml: string): void {
  try {
    const p = parseMspdi(xml);
    scheduleProject(toScheduleInput(p));
  } catch (e) {
    if (e instanceof MspdiError || e instanceof CalendarError || e instanceof ScheduleError) return;
    throw e;
  }
}

describe('MSPDI importer robustness', () => {
  it('survives random cuts, deletions and insertions in a real file', () => {
    fc.assert(
      fc.property(fc.nat(sample.length), fc.nat(400), fc.string({ maxLength: 12 }), (at, del, ins) => {
        importAndSchedule(sample.slice(0, at) + ins + sample.slice(at + del));
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('survives arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => importAndSchedule(s)), { numRuns: 300, seed: 7 });
  });

  it('survives wrong values in known elements', () => {
    const tags = ['Duration', 'Start', 'ConstraintType', 'LinkLag', 'Type', 'FromTime', 'OutlineLevel', 'CalendarUID', 'PredecessorUID', 'UID'];
    fc.assert(
      fc.property(fc.constantFrom(...tags), fc.constantFrom('', '-1', 'abc', '99999999999', 'PT-1H', '2003-02-30T08:00:00', '7.5', '25:99:00'), fc.nat(50), (tag, value, nth) => {
        let count = 0;
        const xml = sample.replace(new RegExp(`<${tag}>[^<]*</${tag}>`, 'g'), (m) => (count++ === nth ? `<${tag}>${value}</${tag}>` : m));
        importAndSchedule(xml);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('still rejects a cycle with a clear error', () => {
    const xml = sample.replace('<UID>9</UID>', '<UID>9</UID><PredecessorLink><PredecessorUID>10</PredecessorUID><Type>1</Type></PredecessorLink>');
    expect(() => scheduleProject(toScheduleInput(parseMspdi(xml)))).toThrow(/cycle between tasks/);
  });
});
