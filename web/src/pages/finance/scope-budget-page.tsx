/** Budget of a program or portfolio (/finance/budgets/:scope/:id): versions, approval and the comparison with its projects. */
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { Empty } from '../../ui/states';
import { usePortfolios, usePrograms } from '../project-queries';
import './finance.css';
import { BudgetPanel } from './budget-panel';

/** The budget page of a program or portfolio. */
export function ScopeBudgetPage() {
  const { scope = '', id = '' } = useParams();
  const { user } = useSession();
  const portfolios = usePortfolios();
  const programs = usePrograms();
  if (scope !== 'program' && scope !== 'portfolio') return <Empty title="No such budget." />;
  const name = scope === 'program' ? programs.data?.find((p) => p.id === id)?.name : portfolios.data?.find((p) => p.id === id)?.name;
  const canEdit = ['admin', 'finance', 'pmo', 'portfolio_manager'].includes(user?.orgRole ?? '');
  return (
    <div style={{ overflow: 'auto' }}>
      <nav aria-label="Breadcrumb" className="muted"><Link to="/finance/reports?view=budgets">Finance reports</Link> / {scope === 'program' ? 'Program' : 'Portfolio'} budget</nav>
      <h1>{name ?? (scope === 'program' ? 'Program' : 'Portfolio')} budget</h1>
      <BudgetPanel scope={scope} id={id} canEdit={canEdit} />
    </div>
  );
}
