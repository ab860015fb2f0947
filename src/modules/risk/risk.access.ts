/** Who may see or change a risk: project risks follow the project role, higher registers are portfolio-wide. */
import type { Kysely } from 'kysely';
import type { DB, ProjectRole, RisksTable } from '../../db/schema.js';
import { AppError, notFound } from '../../server/errors.js';
import { authorize, seesAllProjects, type Action, type Actor } from '../../server/policy.js';
import { requireProjectAccess } from '../projects/projects.service.js';
import { RiskValidationError } from '../../domain/risk/index.js';
import { MonteCarloInputError } from '../../domain/montecarlo/index.js';

/** Checks access to the register a risk lives in; 404 when the actor may not see it. Returns the project role. */
export async function requireRiskAccess(
  db: Kysely<DB>,
  actor: Actor,
  risk: { level: RisksTable['level']; project_id: string | null },
  action: Action,
): Promise<ProjectRole | null> {
  if (risk.level === 'project') {
    const role = await requireProjectAccess(db, actor, risk.project_id!, 'read');
    authorize(actor, action, { kind: 'risk', level: 'project', projectRole: role });
    return role;
  }
  if (!seesAllProjects(actor)) throw notFound('risk');
  authorize(actor, action, { kind: 'risk', level: risk.level, projectRole: null });
  return null;
}

/** Runs domain code, turning its validation errors into 422 problem details naming the field. */
export function domain<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof RiskValidationError || e instanceof MonteCarloInputError) {
      const path = (e as { path?: string }).path;
      throw new AppError(422, e.code.toLowerCase(), e.message, path ? [{ path, message: e.message }] : undefined);
    }
    throw e;
  }
}

/** Today as YYYY-MM-DD (UTC), the as-of date of attention flags. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
