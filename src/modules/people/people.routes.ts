/** Routes: people (resources). */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, NameListQuery, Page, responses } from '../../server/schemas.js';
import { CreatePersonBody, PersonResponse, UpdatePersonBody } from './people.schemas.js';
import * as svc from './people.service.js';

export async function peopleRoutes(app: App) {
  app.get('/people', { schema: { tags: ['people'], summary: 'People (resources) by name; all of them, or a page with limit/cursor; q filters by name', querystring: NameListQuery, response: responses(Page(PersonResponse)) } }, async (req) =>
    svc.listPeople(app.db, actorOf(req), req.query),
  );
  app.post('/people', { schema: { tags: ['people'], summary: 'Add a person', body: CreatePersonBody, response: created(PersonResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await svc.createPerson(app.db, actorOf(req), req.body))),
  );
  app.patch('/people/:id', { schema: { tags: ['people'], summary: 'Update a person', params: IdParams, body: UpdatePersonBody, response: responses(PersonResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await svc.updatePerson(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
}
