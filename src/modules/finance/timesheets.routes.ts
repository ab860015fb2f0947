/** Routes: weekly timesheets, approvals, corrections and period locks. */
import { z } from 'zod';
import type { App } from '../../server/http.js';
import { actorOf } from '../../server/http.js';
import { IdParams, Items, responses } from '../../server/schemas.js';
import {
  ApprovalsQuery, ComplianceQuery, ComplianceResponse, CorrectionBody, DecideTimeBody, DecisionResponse, LockBody, LockResponse, PutWeekBody, RejectTimeBody, TimeEntryResponse, UnbilledQuery, UnbilledResponse, WeekParams, WeekResponse,
} from './finance.schemas.js';
import { MarginsQuery, MarginsResponse } from './billing.schemas.js';
import * as timesheets from './timesheets.service.js';
import * as approvals from './approvals.service.js';
import * as reports from './reports.service.js';
import * as margins from './margins.service.js';
import { addDaysIso, todayIso } from './finance-common.js';

const tags = ['timesheets'];

export async function timesheetsRoutes(app: App) {
  app.get('/timesheets/me', { schema: { tags, summary: 'The person linked to your account (for your own timesheet)', response: responses(z.object({ personId: z.uuid(), personName: z.string() })) } }, async (req) => {
    return timesheets.myPerson(app.db, actorOf(req));
  });

  app.get('/timesheets/:personId/weeks/:weekStart', { schema: { tags, summary: "A person's week (Monday start): entries, day totals and rule warnings", params: WeekParams, response: responses(WeekResponse) } }, async (req) => {
    return timesheets.getWeek(app.db, actorOf(req), req.params.personId, req.params.weekStart);
  });

  app.put('/timesheets/:personId/weeks/:weekStart/entries', { schema: { tags, summary: 'Save the draft entries of a week in one transaction (422 with the rule violations, nothing written)', params: WeekParams, body: PutWeekBody, response: responses(WeekResponse) } }, async (req) => {
    return timesheets.saveWeek(app.db, actorOf(req), req.params.personId, req.params.weekStart, req.body.entries);
  });

  app.post('/timesheets/:personId/weeks/:weekStart/submit', { schema: { tags, summary: 'Submit the draft and rejected entries of a week for approval', params: WeekParams, response: responses(WeekResponse) } }, async (req) => {
    return timesheets.submitWeek(app.db, actorOf(req), req.params.personId, req.params.weekStart);
  });

  app.post('/timesheets/:personId/weeks/:weekStart/recall', { schema: { tags, summary: 'Recall the submitted entries of a week (back to draft) before a decision', params: WeekParams, response: responses(WeekResponse) } }, async (req) => {
    return timesheets.recallWeek(app.db, actorOf(req), req.params.personId, req.params.weekStart);
  });

  app.get('/reports/timesheet-compliance', { schema: { tags, summary: 'Who is missing which working days (less than the expected minutes logged)', querystring: ComplianceQuery, response: responses(ComplianceResponse) } }, async (req) => {
    // Default: the last four weeks up to today.
    const to = req.query.to ?? todayIso();
    return reports.timesheetCompliance(app.db, actorOf(req), { from: req.query.from ?? addDaysIso(to, -27), to, projectId: req.query.projectId, expectedMinutesPerDay: req.query.expectedMinutesPerDay });
  });

  app.get('/reports/margins', { schema: { tags: ['invoices'], summary: 'Margin to date (revenue by billing type - actual cost) per project and per client, in the reporting currency', querystring: MarginsQuery, response: responses(MarginsResponse) } }, async (req) => {
    return margins.marginReport(app.db, actorOf(req), { asOf: req.query.asOf ?? todayIso(), clientId: req.query.clientId, projectId: req.query.projectId });
  });

  app.get('/reports/unbilled-work', { schema: { tags: ['invoices'], summary: 'Approved billable time and expenses not invoiced yet, per project', querystring: UnbilledQuery, response: responses(UnbilledResponse) } }, async (req) => {
    return reports.unbilledWork(app.db, actorOf(req), req.query);
  });

  app.get('/approvals/time', { schema: { tags, summary: 'Approvals inbox: submitted time on projects you manage and of the people you line-manage (all for finance officers)', querystring: ApprovalsQuery, response: responses(Items(TimeEntryResponse)) } }, async (req) => {
    return { items: await approvals.listPendingApprovals(app.db, actorOf(req), req.query) };
  });

  app.post('/time-entries/approve', { schema: { tags, summary: 'Approve submitted entries in bulk (prices them at the cost rate; all or nothing)', body: DecideTimeBody, response: responses(DecisionResponse) } }, async (req) => {
    return approvals.approveEntries(app.db, actorOf(req), req.body.ids);
  });

  app.post('/time-entries/reject', { schema: { tags, summary: 'Reject submitted entries in bulk with a reason', body: RejectTimeBody, response: responses(DecisionResponse) } }, async (req) => {
    return approvals.rejectEntries(app.db, actorOf(req), req.body.ids, req.body.reason);
  });

  app.post('/time-entries/:id/corrections', { schema: { tags, summary: 'Correct approved time: a reversal entry plus a replacement, submitted together', params: IdParams, body: CorrectionBody, response: { 201: Items(TimeEntryResponse), ...responses(Items(TimeEntryResponse)) } } }, async (req, reply) => {
    return reply.code(201).send({ items: await timesheets.correctEntry(app.db, actorOf(req), req.params.id, req.body) });
  });

  app.post('/timesheets/lock', { schema: { tags, summary: 'Close the period up to a date: approved time becomes locked', body: LockBody, response: responses(LockResponse) } }, async (req) => {
    return timesheets.lockPeriod(app.db, actorOf(req), req.body.until);
  });
}

