/** Small request helpers for the resources API tests (real app, real database). */
import type { TestContext, TestUser } from '../helpers.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- test bodies are checked by assertions */
export function apiOf(ctx: TestContext, defaultUser: () => TestUser) {
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, as?: TestUser, version?: number) =>
    ctx.app.inject({ method, url: `/api/v1${url}`, headers: { ...(as ?? defaultUser()).auth, ...(version !== undefined ? { 'if-match': `"${version}"` } : {}) }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const ok = async <T = any>(p: Promise<{ statusCode: number; body: string }>, status = 200): Promise<T> => {
    const res = await p;
    if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
    return (res.body ? JSON.parse(res.body) : null) as T;
  };
  return {
    call,
    ok,
    get: (url: string, as?: TestUser) => call('GET', url, undefined, as),
    post: (url: string, payload: unknown, as?: TestUser) => call('POST', url, payload, as),
    patch: (url: string, payload: unknown, version: number, as?: TestUser) => call('PATCH', url, payload, as, version),
    /** A task of `days` working days (8 h) from `start`. */
    task: (projectId: string, name: string, start: string, days: number) => ok(call('POST', `/projects/${projectId}/tasks`, { name, start, durationMinutes: days * 480 }), 201),
    person: (name: string) => ok(call('POST', '/people', { name }), 201),
    assign: (projectId: string, taskId: string, who: { personId?: string; roleId?: string }, unitsPercent = 100) => ok(call('POST', `/projects/${projectId}/assignments`, { taskId, ...who, unitsPercent }), 201),
  };
}

/** A Monday-Friday week of 08:00-12:00 and 13:00-17:00 days, Sunday first, for calendar bodies. */
export const STANDARD_WEEK = [0, 1, 2, 3, 4, 5, 6].map((d) => (d >= 1 && d <= 5 ? { working: true, intervals: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '17:00' }] } : { working: false, intervals: [] }));
