/** Synthetic API responses for browser benchmarks (overview with N projects) served through page.route. */
import type { Page, Route } from 'playwright-core';

const STAGES = ['idea', 'proposal', 'approved', 'planning', 'execution', 'closing', 'closed'] as const;
const STATUSES = ['on_track', 'at_risk', 'off_track', 'on_hold', 'cancelled', 'completed'] as const;
const HEALTHS = ['green', 'amber', 'red'] as const;

const uuid = (prefix: number, i: number) => `${String(prefix).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** Builds `count` projects over 5 portfolios, 20 programs and 50 managers (deterministic). */
export function makeMockPortfolio(count: number) {
  const portfolios = Array.from({ length: 5 }, (_, i) => ({ id: uuid(1, i), name: `Portfolio ${i + 1}`, description: null, version: 1 }));
  const programs = Array.from({ length: 20 }, (_, i) => ({ id: uuid(2, i), portfolioId: portfolios[i % 5]!.id, name: `Program ${i + 1}`, description: null, version: 1 }));
  const projects = Array.from({ length: count }, (_, i) => {
    const prog = programs[i % 20]!;
    const pf = portfolios.find((p) => p.id === prog.portfolioId)!;
    const month = (i % 12) + 1;
    return {
      id: uuid(3, i), code: `P${String(i + 1).padStart(4, '0')}`, name: `Project ${i + 1}`, description: null,
      portfolioId: pf.id, portfolioName: pf.name, programId: prog.id, programName: prog.name,
      stage: STAGES[i % 7]!, stageName: STAGES[i % 7]!.charAt(0).toUpperCase() + STAGES[i % 7]!.slice(1), lifecycleId: 'b7a3c0de-0000-4000-8000-000000000001', status: STATUSES[i % 6]!, health: HEALTHS[(i * 7) % 3]!, percentComplete: (i * 13) % 101,
      startDate: `2026-${String(month).padStart(2, '0')}-01`, finishDate: `2027-${String(month).padStart(2, '0')}-28`,
      managerId: uuid(4, i % 50), managerName: `Manager ${(i % 50) + 1}`, taskCount: 40, myRole: null, canEdit: true,
      createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
    };
  });
  const user = { id: uuid(5, 1), username: 'bench', displayName: 'Bench User', email: null, orgRole: 'pmo', active: true, createdAt: '2026-01-01T00:00:00Z', version: 1 };
  return { portfolios, programs, projects, user };
}

/** Answers /api/v1/* in the page from synthetic data (pages of 500 with cursors). */
export async function mockApi(page: Page, count: number): Promise<void> {
  const data = makeMockPortfolio(count);
  const json = (route: Route, body: unknown) => route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  await page.route((url) => url.pathname.startsWith('/api/v1/'), async (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname.replace('/api/v1', '');
    const page500 = <T>(items: T[]) => {
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const next = start + limit < items.length ? String(start + limit) : null;
      return { items: items.slice(start, start + limit), nextCursor: next };
    };
    if (p === '/events') return route.fulfill({ status: 204, body: '' });
    if (p === '/auth/me') return json(route, { user: data.user, csrfToken: 'bench' });
    if (p === '/projects') return json(route, page500(data.projects));
    if (p === '/portfolios') return json(route, page500(data.portfolios));
    if (p === '/programs') return json(route, page500(data.programs));
    return route.fulfill({ status: 404, contentType: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' }) });
  });
}
