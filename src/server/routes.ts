/** Every module's routes, mounted under /api/v1. New modules add one line here. */
import type { App } from './http.js';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { usersRoutes } from '../modules/users/users.routes.js';
import { peopleRoutes } from '../modules/people/people.routes.js';
import { portfoliosRoutes } from '../modules/portfolios/portfolios.routes.js';
import { projectsRoutes } from '../modules/projects/projects.routes.js';
import { tasksRoutes } from '../modules/tasks/tasks.routes.js';
import { scheduleRoutes } from '../modules/schedule/schedule.routes.js';
import { financeRoutes } from '../modules/finance/finance.routes.js';
import { riskRoutes } from '../modules/risk/risk.routes.js';
import { portfolioStrategyRoutes } from '../modules/portfolio/portfolio.routes.js';
import { resourcesRoutes } from '../modules/resources/resources.routes.js';
import { sseRoutes } from './sse.js';

export async function apiRoutes(app: App): Promise<void> {
  await app.register(authRoutes, { loginRateLimit: app.config.loginRateLimit });
  await app.register(usersRoutes);
  await app.register(peopleRoutes);
  await app.register(portfoliosRoutes);
  await app.register(projectsRoutes);
  await app.register(tasksRoutes);
  await app.register(scheduleRoutes);
  await app.register(financeRoutes);
  await app.register(riskRoutes);
  await app.register(portfolioStrategyRoutes);
  await app.register(resourcesRoutes);
  await app.register(sseRoutes);
}
