/** Zod schemas of enterprise calendars (people's working time; uid 1 is the organisation's Standard). */
import { z } from 'zod';
import { DateOnly, Name, Version } from '../../server/schemas.js';

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00-24:00)');
export const WorkingIntervalBody = z.strictObject({ from: Clock, to: Clock }).refine((i) => i.to > i.from, { message: 'to must be after from', path: ['to'] });
const WeekDay = z.strictObject({ working: z.boolean(), intervals: z.array(WorkingIntervalBody).max(10).default([]) }).nullable();
const ExceptionBody = z
  .strictObject({ name: Name, from: DateOnly, to: DateOnly, working: z.boolean(), intervals: z.array(WorkingIntervalBody).max(10).default([]) })
  .refine((e) => e.to >= e.from, { message: 'to must not be before from', path: ['to'] })
  .refine((e) => !e.working || e.intervals.length > 0, { message: 'a working exception needs working intervals', path: ['intervals'] });

const CalendarFields = {
  name: Name,
  baseCalendarUid: z.number().int().min(1).max(2_000_000_000).nullable().default(null).describe('Derived calendars inherit the days they leave null and the exceptions of their base'),
  weekDays: z.array(WeekDay).length(7).describe('Sunday first; null = inherit from the base calendar'),
  exceptions: z.array(ExceptionBody).max(1000).default([]),
};
export const CreateCalendarBody = z.strictObject({ uid: z.number().int().min(1).max(2_000_000_000).optional().describe('Default: the next free uid; 1 is the Standard calendar'), ...CalendarFields });
export const UpdateCalendarBody = z.strictObject({
  name: CalendarFields.name.optional(),
  baseCalendarUid: CalendarFields.baseCalendarUid.optional(),
  weekDays: CalendarFields.weekDays.optional(),
  exceptions: CalendarFields.exceptions.optional(),
  version: Version.optional(),
});

const Interval = z.object({ from: z.string(), to: z.string() });
export const CalendarResponse = z
  .object({
    id: z.uuid().nullable().describe('null for the built-in Standard calendar (not stored yet)'),
    uid: z.number().int(),
    name: z.string(),
    baseCalendarUid: z.number().int().nullable(),
    weekDays: z.array(z.object({ working: z.boolean(), intervals: z.array(Interval) }).nullable()),
    exceptions: z.array(z.object({ name: z.string(), from: z.string(), to: z.string(), working: z.boolean(), intervals: z.array(Interval) })),
    weekMinutes: z.number().int().describe('Working minutes of the regular week'),
    builtIn: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'Calendar' });
