// Tests read the shared PSPLIB files; node:fs is fine in tests, not in the domain code itself.
// eslint-disable-next-line no-restricted-imports
import { existsSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePattersonRcp, parsePsplibSm } from './psplib-parser.js';
import { LevelingError } from './leveling-error.js';

const psplib = resolve(process.cwd(), '../shared/data/psplib');

function shared(rel: string): string {
  const file = resolve(psplib, rel);
  if (!existsSync(file)) throw new Error(`shared data missing: ${file} (expected ../shared/data beside the checkout)`);
  return readFileSync(file, 'latin1');
}

describe('parsePsplibSm', () => {
  it('reads j301_1.sm: jobs, durations, demands, successors, capacities', () => {
    const inst = parsePsplibSm(shared('j30/j301_1.sm'), 'j301_1');
    expect(inst.jobs).toHaveLength(32);
    expect(inst.capacities).toEqual([12, 13, 4, 12]);
    expect(inst.jobs[0]).toEqual({ durationPeriods: 0, demands: [0, 0, 0, 0], successors: [1, 2, 3] });
    expect(inst.jobs[1]).toEqual({ durationPeriods: 8, demands: [4, 0, 0, 0], successors: [5, 10, 14] });
    expect(inst.jobs[31]!.successors).toEqual([]);
  });

  it('reads a j120 instance with 122 jobs', () => {
    expect(parsePsplibSm(shared('j120/j1201_1.sm')).jobs).toHaveLength(122);
  });

  const sample = shared('j30/j301_1.sm');
  const bad: { name: string; text: string }[] = [
    { name: 'empty text', text: '' },
    { name: 'no precedence section', text: sample.replace('PRECEDENCE RELATIONS:', 'X') },
    { name: 'non-integer duration', text: sample.replace('  2      1     8 ', '  2      1     x ') },
    { name: 'successor out of range', text: sample.replace('   1        1          3           2   3   4', '   1        1          3           2   3  99') },
    { name: 'missing capacities', text: sample.slice(0, sample.indexOf('RESOURCEAVAILABILITIES')) },
    { name: 'missing request lines', text: sample.replace(/\n 3[01] .*\n/g, '\n') },
  ];
  it.each(bad)('rejects $name with a PARSE_ERROR', ({ text }) => {
    expect(() => parsePsplibSm(text)).toThrow(LevelingError);
    try {
      parsePsplibSm(text);
    } catch (e) {
      expect((e as LevelingError).code).toBe('PARSE_ERROR');
    }
  });
});

describe('parsePattersonRcp', () => {
  it('reads pat1.rcp', () => {
    const inst = parsePattersonRcp(shared('patterson/pat1.rcp'));
    expect(inst.jobs).toHaveLength(14);
    expect(inst.capacities).toEqual([2, 1, 2]);
    expect(inst.jobs[0]).toEqual({ durationPeriods: 0, demands: [0, 0, 0], successors: [1, 2, 3] });
    expect(inst.jobs[1]).toEqual({ durationPeriods: 6, demands: [1, 0, 0], successors: [8, 9] });
  });

  const bad: { name: string; text: string }[] = [
    { name: 'empty text', text: '' },
    { name: 'truncated activity list', text: '3 1\n2\n0 0 1 2\n1 1 1 3\n' },
    { name: 'successor out of range', text: '2 1\n2\n0 0 1 5\n0 0 0\n' },
    { name: 'extra numbers', text: '1 1\n2\n0 0 0\n7\n' },
    { name: 'text instead of numbers', text: '2 1\nfoo\n' },
  ];
  it.each(bad)('rejects $name with a PARSE_ERROR', ({ text }) => {
    let code: string | undefined;
    try {
      parsePattersonRcp(text);
    } catch (e) {
      code = (e as LevelingError).code;
    }
    expect(code).toBe('PARSE_ERROR');
  });
});
