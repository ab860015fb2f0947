/** Routes: teams, role requirements and enterprise calendars. */
import type { App } from '../../server/http.js';
import { actorOf, expectedVersion, withEtag } from '../../server/http.js';
import { created, IdParams, Items, noContentResponses, responses } from '../../server/schemas.js';
import { CalendarResponse, CreateCalendarBody, UpdateCalendarBody } from './calendars.schemas.js';
import { createCalendar, deleteCalendar, listCalendars, updateCalendar } from './calendars.service.js';
import { CreateTeamBody, RoleDetailResponse, TeamResponse, UpdateRoleBody, UpdateTeamBody } from './teams.schemas.js';
import { createTeam, deleteTeam, getRole, listTeams, updateRole, updateTeam } from './teams.service.js';

export async function teamsRoutes(app: App) {
  const tags = ['resources'];
  app.get('/teams', { schema: { tags, summary: 'Teams with their lead and members', response: responses(Items(TeamResponse)) } }, async (req) => ({ items: await listTeams(app.db, actorOf(req)) }));
  app.post('/teams', { schema: { tags, summary: 'Add a team (resource managers)', body: CreateTeamBody, response: created(TeamResponse) } }, async (req, reply) =>
    reply.code(201).send(withEtag(reply, await createTeam(app.db, actorOf(req), req.body))),
  );
  app.patch('/teams/:id', { schema: { tags, summary: 'Change a team: name, lead, members (send If-Match)', params: IdParams, body: UpdateTeamBody, response: responses(TeamResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await updateTeam(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });
  app.delete('/teams/:id', { schema: { tags, summary: 'Remove a team (send If-Match); its people stay', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await deleteTeam(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });

  app.get('/roles/:id', { schema: { tags, summary: 'A role with the skills it requires', params: IdParams, response: responses(RoleDetailResponse) } }, async (req, reply) => withEtag(reply, await getRole(app.db, actorOf(req), req.params.id)));
  app.patch('/roles/:id', { schema: { tags, summary: 'Rename a role or set the skills it requires (send If-Match)', params: IdParams, body: UpdateRoleBody, response: responses(RoleDetailResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    return withEtag(reply, await updateRole(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch));
  });

  app.get('/calendars', { schema: { tags, summary: "Enterprise calendars (people's working time; uid 1 is the organisation's Standard)", response: responses(Items(CalendarResponse)) } }, async (req) => ({ items: await listCalendars(app.db, actorOf(req)) }));
  app.post('/calendars', { schema: { tags, summary: 'Add an enterprise calendar (uid 1 replaces the built-in Standard)', body: CreateCalendarBody, response: created(CalendarResponse) } }, async (req, reply) =>
    reply.code(201).send(await createCalendar(app.db, actorOf(req), req.body)),
  );
  app.patch('/calendars/:id', { schema: { tags, summary: 'Change an enterprise calendar (send If-Match)', params: IdParams, body: UpdateCalendarBody, response: responses(CalendarResponse) } }, async (req, reply) => {
    const { version, ...patch } = req.body;
    const out = await updateCalendar(app.db, actorOf(req), req.params.id, expectedVersion(req, version), patch);
    void reply.header('etag', `"${out.version}"`);
    return out;
  });
  app.delete('/calendars/:id', { schema: { tags, summary: 'Remove an enterprise calendar nobody uses (send If-Match)', params: IdParams, response: noContentResponses() } }, async (req, reply) => {
    await deleteCalendar(app.db, actorOf(req), req.params.id, expectedVersion(req));
    return reply.code(204).send(null);
  });
}
