/** App shell: skip link, top bar (theme toggle, user menu), side navigation, main region. */
import { useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from './error-boundary';
import { useSession } from '../api/session';
import { applyTheme, isDark } from './theme';

/** Layout used by every signed-in page. */
export function Layout() {
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const inPortfolio = location.pathname.startsWith('/portfolio') || location.pathname.startsWith('/projects/');
  const [dark, setDark] = useState(() => isDark());
  const isAdmin = user?.orgRole === 'admin';
  return (
    <div className="shell">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="topbar">
        <NavLink to="/portfolio" className="brand">pmo</NavLink>
        <button type="button" className="btn btn-small" aria-pressed={dark} onClick={() => { applyTheme(dark ? 'light' : 'dark'); setDark(!dark); }}>
          Dark theme
        </button>
        <span className="muted" data-testid="current-user">{user?.displayName}</span>
        <button type="button" className="btn btn-small" onClick={() => { void logout().then(() => navigate('/login')); }}>Log out</button>
      </header>
      <nav className="sidenav" aria-label="Main">
        <ul>
          <li><NavLink to="/portfolio" className={inPortfolio ? 'active' : undefined} aria-current={inPortfolio ? 'page' : undefined}>Portfolio</NavLink></li>
          <li><NavLink to="/timesheet">Timesheet</NavLink></li>
          <li><NavLink to="/approvals">Approvals</NavLink></li>
          <li><NavLink to="/invoices">Invoices</NavLink></li>
          {user && ['admin', 'finance', 'pmo', 'portfolio_manager'].includes(user.orgRole) && <li><NavLink to="/finance/reports">Finance reports</NavLink></li>}
          {user && ['admin', 'finance', 'pmo', 'portfolio_manager'].includes(user.orgRole) && <li><NavLink to="/finance/setup">Finance setup</NavLink></li>}
          <li><NavLink to="/risks">Risks</NavLink></li>
          {user && ['admin', 'pmo', 'portfolio_manager', 'finance'].includes(user.orgRole) && <li><NavLink to="/strategy">Strategy</NavLink></li>}
          <li><NavLink to="/resources/capacity">Capacity</NavLink></li>
          <li><NavLink to="/resources/leveling">Levelling</NavLink></li>
          <li><NavLink to="/resources/staffing">Staffing</NavLink></li>
          <li><NavLink to="/resources/setup">Resource setup</NavLink></li>
          <li><NavLink to="/profile">Profile</NavLink></li>
          <li><NavLink to="/tokens">API tokens</NavLink></li>
          {isAdmin && <li><NavLink to="/admin/users">Users and roles</NavLink></li>}
          {(isAdmin || user?.orgRole === 'pmo') && <li><NavLink to="/admin/membership">Project membership</NavLink></li>}
        </ul>
      </nav>
      <main id="main" className="main fill" tabIndex={-1}>
        <ErrorBoundary key={location.pathname}><Outlet /></ErrorBoundary>
      </main>
    </div>
  );
}
