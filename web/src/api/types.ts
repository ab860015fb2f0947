/** Resource types derived from the OpenAPI paths (so they survive regenerating schema.d.ts). */
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer Rs } ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]> : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type User = Ok<paths['/api/v1/auth/me']['get']>['user'];
export type ApiToken = Ok<paths['/api/v1/me/tokens']['get']>['items'][number];
export type Portfolio = Ok<paths['/api/v1/portfolios']['get']>['items'][number];
export type Program = Ok<paths['/api/v1/programs']['get']>['items'][number];
export type Project = Ok<paths['/api/v1/projects/{id}']['get']>;
export type Member = Ok<paths['/api/v1/projects/{id}/members']['get']>['items'][number];
export type AuditEntry = Ok<paths['/api/v1/projects/{id}/activity']['get']>['items'][number];
export type Task = Ok<paths['/api/v1/projects/{id}/tasks']['get']>['items'][number] & {
  critical?: boolean;
  baselineStart?: string | null;
  baselineFinish?: string | null;
};
export type Link = Ok<paths['/api/v1/projects/{id}/links']['get']>['items'][number];
export type CreateProjectBody = Body<paths['/api/v1/projects']['post']>;
export type PatchTaskBody = Body<paths['/api/v1/tasks/{id}']['patch']>;
export type OrgRole = User['orgRole'];
export type ProjectRole = Member['role'];
export type Health = Project['health'];
export type Stage = Project['stage'];
export type Status = Project['status'];

export const STAGES: Stage[] = ['idea', 'proposal', 'approved', 'planning', 'execution', 'closing', 'closed'];
export const STATUSES: Status[] = ['on_track', 'at_risk', 'off_track', 'on_hold', 'cancelled', 'completed'];
export const HEALTHS: Health[] = ['green', 'amber', 'red'];
export const ORG_ROLES: OrgRole[] = ['admin', 'pmo', 'portfolio_manager', 'finance', 'member'];
export const PROJECT_ROLES: ProjectRole[] = ['project_manager', 'team_member', 'stakeholder'];

/** Query keys: one place so live updates can invalidate exactly what changed. */
export const qk = {
  me: ['me'] as const,
  tokens: ['me', 'tokens'] as const,
  users: ['users'] as const,
  portfolios: ['portfolios'] as const,
  programs: ['programs'] as const,
  projects: ['projects'] as const,
  project: (id: string) => ['project', id] as const,
  tasks: (id: string) => ['project', id, 'tasks'] as const,
  links: (id: string) => ['project', id, 'links'] as const,
  members: (id: string) => ['project', id, 'members'] as const,
  activity: (id: string) => ['project', id, 'activity'] as const,
};
