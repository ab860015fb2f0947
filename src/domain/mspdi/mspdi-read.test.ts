import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../calendar/index.js';
import { MspdiError, formatDuration, lagFromMspdi, parseDurationMinutes, parseMspdi } from './index.js';
import { readSample } from '../../../test/fixtures/schedule/mspdi-data.js';

const minimal = (body = '') => `<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><StartDate>2026-01-05T08:00:00</StartDate>${body}</Project>`;
const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as MspdiError).code;
  }
  return undefined;
};

describe('parseMspdi bad input', () => {
  it.each<[string, string, string]>([
    ['malformed XML', '<Project><Tasks></Project>', 'MALFORMED_XML'],
    ['truncated file', minimal().slice(0, 60), 'MALFORMED_XML'],
    ['DOCTYPE (billion laughs)', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><Project>&lol2;</Project>', 'DOCTYPE_FORBIDDEN'],
    ['undeclared entity', '<Project><Name>&xxe;</Name></Project>', 'MALFORMED_XML'],
    ['not MSPDI', '<html><body/></html>', 'NOT_MSPDI'],
    ['unknown lag format', minimal('<Tasks><Task><UID>1</UID></Task><Task><UID>2</UID><PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>99</LagFormat></PredecessorLink></Task></Tasks>'), 'INVALID_VALUE'],
    ['negative duration', minimal('<Tasks><Task><UID>1</UID><Duration>-PT8H0M0S</Duration></Task></Tasks>'), 'INVALID_VALUE'],
    ['date out of range', minimal('<Tasks><Task><UID>1</UID><Start>0001-01-01T00:00:00</Start></Task></Tasks>'), 'INVALID_VALUE'],
    ['duplicate task UID', minimal('<Tasks><Task><UID>1</UID></Task><Task><UID>1</UID></Task></Tasks>'), 'INVALID_VALUE'],
  ])('%s -> %s', (_n, xml, code) => {
    expect(codeOf(() => parseMspdi(xml))).toBe(code);
  });

  it('rejects files over the size limit before parsing', () => {
    expect(codeOf(() => parseMspdi(minimal(), { maxChars: 50 }))).toBe('TOO_LARGE');
  });

  it('names the line of a syntax error', () => {
    expect(() => parseMspdi('<Project>\n<Name>x</Name>\n<Tasks>\n</Project>')).toThrow(/line 4/);
  });

  it('decodes predefined entities, character references and CDATA without expanding anything else', () => {
    const p = parseMspdi(minimal('<Name>R&amp;D &lt;1&gt; &#233;&#x20AC;</Name><Tasks><Task><UID>1</UID><Notes><![CDATA[a <b> & c]]></Notes></Task></Tasks>'));
    expect(p.properties.name).toBe('R&D <1> é€');
    expect(p.tasks[0].notes).toBe('a <b> & c');
  });

  it('counts unknown elements in a warning instead of failing', () => {
    const p = parseMspdi(minimal('<Wibble>1</Wibble><Tasks><Task><UID>1</UID><Frobnicate/><Frobnicate/></Task></Tasks>'));
    expect(p.warnings).toHaveLength(1);
    expect(p.warnings[0]).toMatch(/^3 elements not imported .*Frobnicate x2/);
  });
});

describe('MSPDI values', () => {
  it.each<[string, number]>([['PT8H0M0S', 480], ['PT0H0M0S', 0], ['PT2H0M5.1S', 120.085], ['P1DT2H', 1560], ['-PT4H30M0S', -270]])('duration %s = %d min', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
    expect(parseDurationMinutes(formatDuration(minutes))).toBe(minutes);
  });
  it.each<[number, number, number, string]>([[4800, 7, 480, 'working'], [24000, 9, 2400, 'working'], [14400, 8, 1440, 'elapsed'], [50, 19, 50, 'percent'], [-4800, 7, -480, 'working'], [600, 6, 60, 'elapsed']])('LinkLag %d LagFormat %d', (lag, format, value, unit) => {
    expect(lagFromMspdi(lag, format)).toEqual({ lag: value, lagUnit: unit });
  });
});

describe('calendars from MS Project files', () => {
  it('reads recurring exceptions (Project 2016 layout)', () => {
    const p = parseMspdi(readSample('mpxj/calendar-recurring-exceptions-project2016-mspdi.xml'));
    const ex = new Map(p.calendars[0].exceptions.map((e) => [e.name, e]));
    expect(ex.get('Monthly Relative 1')?.recurrence).toEqual({ type: 'monthlyByPosition', period: 2, position: 0, weekday: 1 });
    expect(ex.get('Yearly Absolute 1')?.recurrence).toEqual({ type: 'yearlyByDay', month: 2, monthDay: 1 });
    expect(ex.get('Daily 1')).toMatchObject({ fromDay: daysFromCivil(2000, 1, 1), toDay: daysFromCivil(2000, 1, 3) });
    expect(ex.get('Recurring Working')?.working).toBe(true);
  });
  it('reads legacy (DayType 0) exceptions', () => {
    const p = parseMspdi(readSample('aspose/CopyToProjectEmpty.xml'));
    expect(p.calendars.reduce((n, c) => n + c.exceptions.length, 0)).toBeGreaterThan(500);
  });
});
