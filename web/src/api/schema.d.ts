/**
 * Hand-written stand-in for the generated OpenAPI types (openapi-typescript shape: paths/components).
 * `scripts/gen-api-types.ts` regenerates this file from GET /api/v1/openapi.json; keep the shape compatible.
 */
/* eslint-disable */
type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type Problem = { headers: { [name: string]: unknown }; content: { 'application/problem+json': components['schemas']['Problem'] } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Errs = { 400: Problem; 401: Problem; 403: Problem; 404: Problem; 409: Problem; 412: Problem; 428: Problem; 429: Problem };
type Params<Q, P> = [P] extends [never]
  ? { query?: Q; header?: { 'If-Match'?: string }; path?: never; cookie?: never }
  : { query?: Q; header?: { 'If-Match'?: string }; path: P; cookie?: never };
type Op<Q, P, B, R, S extends number = 200> = {
  parameters: Params<Q, P>;
  requestBody: B extends never ? never : { content: { 'application/json': B } };
  responses: { [K in S]: R extends void ? NoContent : Json<R> } & Errs;
};
type OpNoBody<Q, P, R, S extends number = 200> = {
  parameters: Params<Q, P>;
  requestBody?: never;
  responses: { [K in S]: R extends void ? NoContent : Json<R> } & Errs;
};
type S = components['schemas'];
type List<T> = { items: T[]; nextCursor?: string | null };
type ListQ = { limit?: number; cursor?: string; sort?: string };
type Id = { id: string };
type Np = never;
type PathItem = { parameters: { query?: never; header?: never; path?: never; cookie?: never } };

export interface paths {
  '/api/v1/auth/login': PathItem & { post: Op<Np, Np, { username: string; password: string }, { user: S['User']; csrfToken: string }> };
  '/api/v1/auth/logout': PathItem & { post: OpNoBody<Np, Np, void, 204> };
  '/api/v1/auth/me': PathItem & { get: OpNoBody<Np, Np, { user: S['User']; csrfToken: string }> };
  '/api/v1/me': PathItem & { patch: Op<Np, Np, { displayName?: string; email?: string | null }, S['User']> };
  '/api/v1/me/password': PathItem & { post: Op<Np, Np, { currentPassword: string; newPassword: string }, void, 204> };
  '/api/v1/me/tokens': PathItem & {
    get: OpNoBody<Np, Np, { items: S['ApiToken'][] }>;
    post: Op<Np, Np, { name: string; scopes: ('read' | 'write')[]; expiresAt?: string | null }, { token: S['ApiToken']; secret: string }, 201>;
  };
  '/api/v1/me/tokens/{id}': PathItem & { delete: OpNoBody<Np, Id, void, 204> };
  '/api/v1/users': PathItem & {
    get: OpNoBody<ListQ & { q?: string }, Np, List<S['User']>>;
    post: Op<Np, Np, { username: string; displayName: string; email?: string | null; orgRole: S['OrgRole']; password: string }, S['User'], 201>;
  };
  '/api/v1/users/{id}': PathItem & {
    patch: Op<Np, Id, { displayName?: string; email?: string | null; orgRole?: S['OrgRole']; active?: boolean; version?: number }, S['User']>;
  };
  '/api/v1/portfolios': PathItem & {
    get: OpNoBody<ListQ, Np, List<S['Portfolio']>>;
    post: Op<Np, Np, { name: string; description?: string | null }, S['Portfolio'], 201>;
  };
  '/api/v1/programs': PathItem & {
    get: OpNoBody<ListQ & { portfolioId?: string }, Np, List<S['Program']>>;
    post: Op<Np, Np, { portfolioId: string; name: string; description?: string | null }, S['Program'], 201>;
  };
  '/api/v1/projects': PathItem & {
    get: OpNoBody<ListQ & { portfolioId?: string; programId?: string; stage?: S['ProjectStage']; status?: S['ProjectStatus']; health?: S['Health']; managerId?: string; q?: string }, Np, List<S['Project']>>;
    post: Op<Np, Np, S['CreateProjectBody'], S['Project'], 201>;
  };
  '/api/v1/projects/{id}': PathItem & {
    get: OpNoBody<Np, Id, S['Project']>;
    patch: Op<Np, Id, Partial<S['CreateProjectBody']> & { version?: number }, S['Project']>;
    delete: OpNoBody<Np, Id, void, 204>;
  };
  '/api/v1/projects/{id}/members': PathItem & {
    get: OpNoBody<Np, Id, { items: S['Member'][] }>;
    post: Op<Np, Id, { userId: string; role: S['ProjectRole'] }, S['Member'], 201>;
  };
  '/api/v1/projects/{id}/members/{memberId}': PathItem & {
    patch: Op<Np, { id: string; memberId: string }, { role: S['ProjectRole'] }, S['Member']>;
    delete: OpNoBody<Np, { id: string; memberId: string }, void, 204>;
  };
  '/api/v1/projects/{id}/activity': PathItem & { get: OpNoBody<{ limit?: number }, Id, { items: S['AuditEntry'][] }> };
  '/api/v1/projects/{id}/tasks': PathItem & {
    get: OpNoBody<Np, Id, { items: S['Task'][] }>;
    post: Op<Np, Id, S['CreateTaskBody'], S['Task'], 201>;
  };
  '/api/v1/tasks/{id}': PathItem & {
    patch: Op<Np, Id, S['PatchTaskBody'], S['Task']>;
    delete: OpNoBody<Np, Id, void, 204>;
  };
  '/api/v1/projects/{id}/links': PathItem & {
    get: OpNoBody<Np, Id, { items: S['Link'][] }>;
    post: Op<Np, Id, { predecessorId: string; successorId: string; type?: S['LinkType']; lagMinutes?: number }, S['Link'], 201>;
  };
  '/api/v1/links/{id}': PathItem & { delete: OpNoBody<Np, Id, void, 204> };
}

export interface components {
  schemas: {
    Problem: { type: string; title: string; status: number; detail?: string; code: string; instance?: string; errors?: { path: string; message: string }[] };
    OrgRole: 'admin' | 'pmo' | 'portfolio_manager' | 'finance' | 'member';
    ProjectRole: 'project_manager' | 'team_member' | 'stakeholder';
    User: { id: string; username: string; displayName: string; email: string | null; orgRole: components['schemas']['OrgRole']; active: boolean; createdAt: string; version: number };
    ApiToken: { id: string; name: string; scopes: ('read' | 'write')[]; prefix: string; createdAt: string; lastUsedAt: string | null; expiresAt: string | null; revokedAt: string | null };
    Portfolio: { id: string; name: string; description: string | null; version: number };
    Program: { id: string; portfolioId: string; name: string; description: string | null; version: number };
    ProjectStage: 'idea' | 'proposal' | 'approved' | 'planning' | 'execution' | 'closing' | 'closed';
    ProjectStatus: 'on_track' | 'at_risk' | 'off_track' | 'on_hold' | 'cancelled' | 'completed';
    Health: 'green' | 'amber' | 'red';
    Project: {
      id: string; code: string; name: string; description: string | null; portfolioId: string; portfolioName: string;
      programId: string | null; programName: string | null; stage: components['schemas']['ProjectStage'];
      status: components['schemas']['ProjectStatus']; health: components['schemas']['Health']; percentComplete: number;
      startDate: string | null; finishDate: string | null; managerId: string | null; managerName: string | null;
      taskCount: number; myRole: components['schemas']['ProjectRole'] | null; canEdit: boolean; createdAt: string; updatedAt: string; version: number;
    };
    CreateProjectBody: {
      code?: string; name: string; description?: string | null; portfolioId: string; programId?: string | null;
      stage?: components['schemas']['ProjectStage']; status?: components['schemas']['ProjectStatus']; health?: components['schemas']['Health'];
      startDate?: string | null; finishDate?: string | null; managerId?: string | null;
    };
    Member: { id: string; projectId: string; userId: string; username: string; displayName: string; role: components['schemas']['ProjectRole']; version: number };
    AuditEntry: { id: string; at: string; actorId: string | null; actorName: string | null; action: string; entityType: string; entityId: string; before: unknown; after: unknown };
    Task: {
      id: string; projectId: string; parentId: string | null; sortOrder: number; wbs: string; outlineLevel: number; name: string;
      start: string | null; finish: string | null; durationMinutes: number; percentComplete: number; isMilestone: boolean; isSummary: boolean;
      notes: string | null; version: number;
      critical?: boolean; baselineStart?: string | null; baselineFinish?: string | null;
    };
    CreateTaskBody: { name: string; parentId?: string | null; afterId?: string | null; start?: string | null; finish?: string | null; durationMinutes?: number; isMilestone?: boolean };
    PatchTaskBody: {
      name?: string; start?: string | null; finish?: string | null; durationMinutes?: number; percentComplete?: number;
      parentId?: string | null; sortOrder?: number; isMilestone?: boolean; notes?: string | null; version?: number;
    };
    LinkType: 'FS' | 'SS' | 'FF' | 'SF';
    Link: { id: string; projectId: string; predecessorId: string; successorId: string; type: components['schemas']['LinkType']; lagMinutes: number; version: number };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
