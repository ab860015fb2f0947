/** Routes: reschedule (critical path), MS Project XML import and export, baselines. */
import { z } from 'zod';
import type { App } from '../../server/http.js';
import { actorOf } from '../../server/http.js';
import { created, IdParams, responses, Uuid } from '../../server/schemas.js';
import { AppError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import * as svc from './schedule.service.js';

/** MS Project files can be large: 10,000 tasks are about 20 MB of XML. */
export const IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

const ScheduleSummaryResponse = z
  .object({
    projectStart: z.string(),
    projectFinish: z.string(),
    taskCount: z.number().int(),
    criticalCount: z.number().int(),
    warnings: z.array(z.object({ code: z.string(), taskId: z.string().nullable(), message: z.string() })),
  })
  .meta({ id: 'ScheduleSummary' });

const ImportResponse = z
  .object({
    projectId: z.uuid(),
    name: z.string(),
    tasks: z.number().int(),
    links: z.number().int(),
    calendars: z.number().int(),
    resources: z.number().int(),
    assignments: z.number().int(),
    baselines: z.number().int(),
    warnings: z.array(z.string()),
    schedule: ScheduleSummaryResponse.nullable(),
  })
  .meta({ id: 'ImportResult' });

const ImportQuery = z.strictObject({
  portfolioId: Uuid,
  reschedule: z.enum(['true', 'false']).default('false'),
  name: z.string().trim().min(1).max(200).optional(),
});

const BaselineParams = z.strictObject({ id: Uuid, number: z.coerce.number().int().min(0).max(10) });

export async function scheduleRoutes(app: App) {
  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  app.post('/projects/:id/schedule', { schema: { tags: ['schedule'], summary: 'Reschedule the project (critical path method) and save every date', params: IdParams, response: responses(ScheduleSummaryResponse) } }, async (req) =>
    svc.rescheduleProject(app.db, actorOf(req), req.params.id),
  );

  app.post(
    '/projects/import',
    {
      bodyLimit: IMPORT_BODY_LIMIT_BYTES,
      // Who may create projects is known before the body is read: refuse others before validating it.
      preValidation: async (req) => authorize(actorOf(req), 'create', { kind: 'project-new' }),
      schema: {
        tags: ['schedule'],
        summary: 'Import an MS Project XML (MSPDI) file as a new project (send the XML as application/xml)',
        querystring: ImportQuery,
        body: z.string().describe('MS Project XML'),
        response: created(ImportResponse),
      },
    },
    async (req, reply) => {
      if (typeof req.body !== 'string' || !/xml/.test(String(req.headers['content-type']))) throw new AppError(415, 'unsupported_media_type', 'send the MS Project XML file with content-type application/xml');
      const result = await svc.importMspdi(app.db, actorOf(req), req.body, { portfolioId: req.query.portfolioId, reschedule: req.query.reschedule === 'true', name: req.query.name });
      return reply.code(201).send(result);
    },
  );

  app.get('/projects/:id/export.xml', { schema: { tags: ['schedule'], summary: 'Export the project as MS Project XML (Project 2007 layout)', params: IdParams, produces: ['application/xml'] } }, async (req, reply) => {
    const { xml, name } = await svc.exportMspdi(app.db, actorOf(req), req.params.id);
    const file = `${name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'project'}.xml`;
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(xml);
  });

  app.post('/projects/:id/baselines/:number', { schema: { tags: ['schedule'], summary: 'Save the current schedule as baseline 0-10', params: BaselineParams, response: responses(z.object({ number: z.number().int(), tasks: z.number().int() })) } }, async (req) =>
    svc.saveBaseline(app.db, actorOf(req), req.params.id, req.params.number),
  );
}
