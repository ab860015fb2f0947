/** Routes: portfolios and programs. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import * as s from './portfolios.schemas.js';
import * as svc from './portfolios.service.js';

export async function portfoliosRoutes(app: App) {
  app.get('/portfolios', { schema: { tags: ['portfolios'], summary: 'All portfolios', response: responses(Items(s.PortfolioResponse)) } }, async (req) => ({
    items: await svc.listPortfolios(app.db, actorOf(req)),
  }));
  app.post('/portfolios', { schema: { tags: ['portfolios'], summary: 'Create a portfolio', body: s.CreatePortfolioBody, response: created(s.PortfolioResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.createPortfolio(app.db, actorOf(req), req.body))),
  );
  app.get('/portfolios/:id', { schema: { tags: ['portfolios'], summary: 'One portfolio', params: IdParams, response: responses(s.PortfolioResponse) } }, async (req, reply) =>
    withEtag(reply, await svc.getPortfolio(app.db, actorOf(req), req.params.id)),
  );
  app.patch('/portfolios/:id', { schema: { tags: ['portfolios'], summary: 'Update a portfolio', params: IdParams, body: s.UpdatePortfolioBody, response: responses(s.PortfolioResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await svc.updatePortfolio(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.delete('/portfolios/:id', { schema: { tags: ['portfolios'], summary: 'Delete an empty portfolio', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await svc.deletePortfolio(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/programs', { schema: { tags: ['portfolios'], summary: 'Programs, optionally of one portfolio', querystring: s.ListProgramsQuery, response: responses(Items(s.ProgramResponse)) } }, async (req) => ({
    items: await svc.listPrograms(app.db, actorOf(req), req.query.portfolioId),
  }));
  app.post('/programs', { schema: { tags: ['portfolios'], summary: 'Create a program', body: s.CreateProgramBody, response: created(s.ProgramResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.createProgram(app.db, actorOf(req), req.body))),
  );
  app.patch('/programs/:id', { schema: { tags: ['portfolios'], summary: 'Update a program', params: IdParams, body: s.UpdateProgramBody, response: responses(s.ProgramResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await svc.updateProgram(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.delete('/programs/:id', { schema: { tags: ['portfolios'], summary: 'Delete a program (its projects stay in the portfolio)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await svc.deleteProgram(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });
}
