/** Routes: capacity against demand (grid, drill-down, what-if). */
import type { App } from '../../server/http.js';
import { actorOf } from '../../server/http.js';
import { Items, responses } from '../../server/schemas.js';
import { CapacityAssignmentResponse, CapacityAssignmentsQuery, CapacityQuery, CapacityResponse, CapacityWhatIfBody, CapacityWhatIfResponse } from './capacity.schemas.js';
import { capacityAssignments, capacityGrid, capacityWhatIf } from './capacity.service.js';

export async function capacityRoutes(app: App) {
  const tags = ['resources'];
  app.get('/capacity', { schema: { tags, summary: 'Capacity against demand per person, role, team or skill and per day, week or month, across the projects you may see', querystring: CapacityQuery, response: responses(CapacityResponse) } }, async (req) =>
    capacityGrid(app.db, actorOf(req), req.query),
  );
  app.get('/capacity/assignments', { schema: { tags, summary: 'Assignments behind a heatmap cell: of a person, a role (placeholders) or a team, in a date range', querystring: CapacityAssignmentsQuery, response: responses(Items(CapacityAssignmentResponse)) } }, async (req) => ({
    items: await capacityAssignments(app.db, actorOf(req), req.query),
  }));
  app.post('/capacity/what-if', { schema: { tags, summary: 'Capacity against demand with hypothetical changes (people, part-time, leavers, project shifts) beside the plan of record; writes nothing', body: CapacityWhatIfBody, response: responses(CapacityWhatIfResponse) } }, async (req) =>
    capacityWhatIf(app.db, actorOf(req), req.body),
  );
}
