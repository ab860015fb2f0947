/** Types and queries of the resources pages, derived from the OpenAPI paths (regenerate with npm run gen:api). */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { paths } from '../../api/schema';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type Ok<Op> = Op extends { responses: infer Rs } ? JsonOf<Rs[Extract<keyof Rs, 200 | 201>]> : never;
type Body<Op> = Op extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type CapacityGrid = Ok<paths['/api/v1/capacity']['get']>;
export type CapacityRow = CapacityGrid['rows'][number];
export type Granularity = CapacityGrid['granularity'];
export type GroupBy = CapacityGrid['groupBy'];
export type WhatIfBody = Body<paths['/api/v1/capacity/what-if']['post']>;
export type WhatIfChange = WhatIfBody['changes'][number];
export type WhatIfResult = Ok<paths['/api/v1/capacity/what-if']['post']>;
export type ResourceProfile = Ok<paths['/api/v1/people/{id}/profile']['get']>;
export type Person = Ok<paths['/api/v1/people']['get']>['items'][number];
export type Role = Ok<paths['/api/v1/roles']['get']>['items'][number];
export type RoleDetail = Ok<paths['/api/v1/roles/{id}']['get']>;
export type Skill = Ok<paths['/api/v1/skills']['get']>['items'][number];
export type Team = Ok<paths['/api/v1/teams']['get']>['items'][number];
export type Calendar = Ok<paths['/api/v1/calendars']['get']>['items'][number];
export type Assignment = Ok<paths['/api/v1/projects/{id}/assignments']['get']>['items'][number];
export type StaffingRequest = Ok<paths['/api/v1/staffing-requests']['get']>['items'][number];
export type StaffingStatus = StaffingRequest['status'];
export type StaffingHistoryEntry = Ok<paths['/api/v1/staffing-requests/{id}/history']['get']>['items'][number];
export type Suggestions = Ok<paths['/api/v1/assignments/{id}/staffing-suggestions']['get']>;
export type LevelingPreview = Ok<paths['/api/v1/leveling/preview']['post']>;
export type LevelingChange = LevelingPreview['changes'][number];
export type LevelingOptions = Ok<paths['/api/v1/projects/{id}/leveling-options']['get']>['items'][number];

/** Query keys of the resources pages (live updates invalidate everything on a change). */
export const rk = {
  people: ['people'] as const,
  roles: ['roles'] as const,
  skills: ['skills'] as const,
  teams: ['teams'] as const,
  calendars: ['calendars'] as const,
  staffing: (status: string) => ['staffing', status] as const,
  assignments: (projectId: string) => ['project', projectId, 'assignments'] as const,
  projectStaffing: (projectId: string) => ['project', projectId, 'staffing'] as const,
  levelingOptions: (projectId: string) => ['project', projectId, 'leveling-options'] as const,
};

export const usePeople = () => useQuery({ queryKey: rk.people, queryFn: async () => (await ok(api.GET('/api/v1/people', {}))).items });
export const useRoles = () => useQuery({ queryKey: rk.roles, queryFn: async () => (await ok(api.GET('/api/v1/roles'))).items });
export const useSkills = () => useQuery({ queryKey: rk.skills, queryFn: async () => (await ok(api.GET('/api/v1/skills'))).items });
export const useTeams = () => useQuery({ queryKey: rk.teams, queryFn: async () => (await ok(api.GET('/api/v1/teams'))).items });
export const useCalendars = () => useQuery({ queryKey: rk.calendars, queryFn: async () => (await ok(api.GET('/api/v1/calendars'))).items });

/** Organisation roles that manage resources (propose and fill staffing, edit teams, roles and calendars). */
export const RESOURCE_MANAGERS = new Set(['admin', 'pmo', 'portfolio_manager']);

export const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toFixed(1);
