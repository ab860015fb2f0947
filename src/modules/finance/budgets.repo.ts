/** SQL of budgets: versions and lines of an owner, and the budgets and actuals of the projects under a program or portfolio. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** Whose budget: a project, a program or a portfolio. */
export type BudgetOwner = { scope: 'project' | 'program' | 'portfolio'; id: string };

const ownerColumn = (o: BudgetOwner) => (o.scope === 'project' ? 'project_id' : o.scope === 'program' ? 'program_id' : 'portfolio_id');

/** The owner's versions (by number) and all their lines. */
export async function loadBudgetRows(db: Kysely<DB>, o: BudgetOwner) {
  const versions = await db.selectFrom('budget_versions').selectAll().where(ownerColumn(o), '=', o.id).orderBy('version_no').execute();
  const lines = versions.length
    ? await db.selectFrom('budget_lines').selectAll().where('budget_version_id', 'in', versions.map((v) => v.id)).orderBy('id').execute()
    : [];
  return { versions, lines };
}

/**
 * Per month: the effective budgets (approved versions of projects with an approved original) and the actual cost
 * (monthly cost summary) of the projects in a program or portfolio, and how many projects it has.
 */
export async function loadScopeMonthly(db: Kysely<DB>, o: BudgetOwner) {
  const col = sql.ref(`p.${o.scope === 'program' ? 'program_id' : 'portfolio_id'}`);
  const [count, budget, actual] = await Promise.all([
    sql<{ n: string }>`select count(*) as n from projects p where ${col} = ${o.id}::uuid`.execute(db),
    sql<{ month: string; amount: string }>`
      select l.month, sum(l.amount_minor) as amount
      from budget_lines l join budget_versions v on v.id = l.budget_version_id join projects p on p.id = v.project_id
      where ${col} = ${o.id}::uuid and v.status = 'approved'
        and exists (select 1 from budget_versions x where x.project_id = v.project_id and x.kind = 'original' and x.status = 'approved')
      group by l.month`.execute(db),
    sql<{ month: string; amount: string }>`
      select s.month, sum(s.labour_cost_minor + s.expense_cost_minor) as amount
      from project_cost_summary s join projects p on p.id = s.project_id
      where ${col} = ${o.id}::uuid group by s.month`.execute(db),
  ]);
  return {
    projects: Number(count.rows[0]?.n ?? 0),
    budgetByMonth: new Map(budget.rows.map((r) => [r.month.trim(), Number(r.amount)])),
    actualByMonth: new Map(actual.rows.map((r) => [r.month.trim(), Number(r.amount)])),
  };
}
