/** App root: providers, live updates and routes. Heavy views (Gantt, charts) are code-split. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { SessionProvider, useSession } from './api/session';
import { subscribeToChanges } from './api/events';
import { ToastProvider } from './ui/toast';
import { Loading } from './ui/states';
import { Layout } from './ui/layout';
import { LoginPage } from './pages/login-page';
import { PortfolioPage } from './pages/portfolio-page';
import { ProjectWorkspace } from './pages/project-workspace';
import { ProfilePage } from './pages/profile-page';
import { TokensPage } from './pages/tokens-page';
import { ApiError } from './api/client';
import { qk } from './api/types';
import { fetchProjects } from './pages/project-queries';

const AdminUsersPage = lazy(() => import('./pages/admin-users-page').then((m) => ({ default: m.AdminUsersPage })));
const TimesheetPage = lazy(() => import('./pages/finance/timesheet-page').then((m) => ({ default: m.TimesheetPage })));
const ApprovalsPage = lazy(() => import('./pages/finance/approvals-page').then((m) => ({ default: m.ApprovalsPage })));
const InvoicesPage = lazy(() => import('./pages/finance/invoices-page').then((m) => ({ default: m.InvoicesPage })));
const InvoiceView = lazy(() => import('./pages/finance/invoice-view').then((m) => ({ default: m.InvoiceView })));
const FinanceReportsPage = lazy(() => import('./pages/finance/finance-reports-page').then((m) => ({ default: m.FinanceReportsPage })));
const FinanceSetupPage = lazy(() => import('./pages/finance/finance-setup-page').then((m) => ({ default: m.FinanceSetupPage })));
const ScopeBudgetPage = lazy(() => import('./pages/finance/scope-budget-page').then((m) => ({ default: m.ScopeBudgetPage })));
const PortfolioRiskPage = lazy(() => import('./pages/risk/portfolio-risk-page').then((m) => ({ default: m.PortfolioRiskPage })));
const ProjectRisksPage = lazy(() => import('./pages/risk/project-risks-page').then((m) => ({ default: m.ProjectRisksPage })));
const RiskDetailPage = lazy(() => import('./pages/risk/risk-detail-page').then((m) => ({ default: m.RiskDetailPage })));
const MonteCarloPage = lazy(() => import('./pages/risk/monte-carlo-page').then((m) => ({ default: m.MonteCarloPage })));
const RaidPage = lazy(() => import('./pages/risk/raid-page').then((m) => ({ default: m.RaidPage })));
const CompliancePage = lazy(() => import('./pages/risk/compliance-page').then((m) => ({ default: m.CompliancePage })));
const ComplianceMatrixPage = lazy(() => import('./pages/risk/compliance-matrix-page').then((m) => ({ default: m.ComplianceMatrixPage })));
const RiskLibraryPage = lazy(() => import('./pages/risk/risk-library-page').then((m) => ({ default: m.RiskLibraryPage })));
const RiskSettingsPage = lazy(() => import('./pages/risk/risk-settings-page').then((m) => ({ default: m.RiskSettingsPage })));
const StrategyArea = lazy(() => import('./pages/strategy/strategy-layout'));
const CapacityPage = lazy(() => import('./pages/resources/capacity-page').then((m) => ({ default: m.CapacityPage })));
const LevelingPage = lazy(() => import('./pages/resources/leveling-page').then((m) => ({ default: m.LevelingPage })));
const StaffingPage = lazy(() => import('./pages/resources/staffing-page').then((m) => ({ default: m.StaffingPage })));
const ResourceSetupPage = lazy(() => import('./pages/resources/resource-setup-page').then((m) => ({ default: m.ResourceSetupPage })));
const GateReviewPage = lazy(() => import('./pages/gates/gate-review-page'));
const AdminMembershipPage = lazy(() => import('./pages/admin-membership-page').then((m) => ({ default: m.AdminMembershipPage })));

/** Creates the query client with defaults suited to a live-updated app. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
      },
    },
  });
}

function LiveUpdates() {
  const client = useQueryClient();
  const { user } = useSession();
  useEffect(() => (user ? subscribeToChanges(client) : undefined), [client, user]);
  return null;
}

function RequireLogin({ children }: { children: React.ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** Starts loading the portfolio while the session check is still in flight (saves a round trip). */
function prefetchLanding(client: QueryClient): void {
  if (typeof location === 'undefined' || !/^\/(portfolio)?$/.test(location.pathname)) return;
  void client.prefetchQuery({ queryKey: qk.projects, queryFn: () => fetchProjects(client) });
}

/** The whole app. */
export function App() {
  const [client] = useState(() => {
    const c = createQueryClient();
    prefetchLanding(c);
    return c;
  });
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <SessionProvider>
          <BrowserRouter>
            <LiveUpdates />
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route element={<RequireLogin><Layout /></RequireLogin>}>
                <Route index element={<Navigate to="/portfolio" replace />} />
                <Route path="/portfolio" element={<PortfolioPage />} />
                <Route path="/projects/:projectId/*" element={<ProjectWorkspace />} />
                <Route path="/strategy/*" element={<Suspense fallback={<Loading />}><StrategyArea /></Suspense>} />
                <Route path="/gates/:reviewId" element={<Suspense fallback={<Loading />}><GateReviewPage /></Suspense>} />
                <Route path="/resources/capacity" element={<Suspense fallback={<Loading />}><CapacityPage /></Suspense>} />
                <Route path="/resources/leveling" element={<Suspense fallback={<Loading />}><LevelingPage /></Suspense>} />
                <Route path="/resources/staffing" element={<Suspense fallback={<Loading />}><StaffingPage /></Suspense>} />
                <Route path="/resources/setup" element={<Suspense fallback={<Loading />}><ResourceSetupPage /></Suspense>} />
                <Route path="/profile" element={<ProfilePage />} />
                <Route path="/tokens" element={<TokensPage />} />
                <Route path="/admin/users" element={<Suspense fallback={<Loading />}><AdminUsersPage /></Suspense>} />
                <Route path="/admin/membership" element={<Suspense fallback={<Loading />}><AdminMembershipPage /></Suspense>} />
                <Route path="/timesheet" element={<Suspense fallback={<Loading />}><TimesheetPage /></Suspense>} />
                <Route path="/approvals" element={<Suspense fallback={<Loading />}><ApprovalsPage /></Suspense>} />
                <Route path="/invoices" element={<Suspense fallback={<Loading />}><InvoicesPage /></Suspense>} />
                <Route path="/invoices/:invoiceId" element={<Suspense fallback={<Loading />}><InvoiceView /></Suspense>} />
                <Route path="/finance/reports" element={<Suspense fallback={<Loading />}><FinanceReportsPage /></Suspense>} />
                <Route path="/finance/setup" element={<Suspense fallback={<Loading />}><FinanceSetupPage /></Suspense>} />
                <Route path="/finance/budgets/:scope/:id" element={<Suspense fallback={<Loading />}><ScopeBudgetPage /></Suspense>} />
                <Route path="/risks" element={<Suspense fallback={<Loading />}><PortfolioRiskPage /></Suspense>} />
                <Route path="/risks/projects/:projectId" element={<Suspense fallback={<Loading />}><ProjectRisksPage /></Suspense>} />
                <Route path="/risks/projects/:projectId/monte-carlo" element={<Suspense fallback={<Loading />}><MonteCarloPage /></Suspense>} />
                <Route path="/risks/items/:riskId" element={<Suspense fallback={<Loading />}><RiskDetailPage /></Suspense>} />
                <Route path="/risks/projects/:projectId/raid" element={<Suspense fallback={<Loading />}><RaidPage /></Suspense>} />
                <Route path="/risks/projects/:projectId/compliance" element={<Suspense fallback={<Loading />}><CompliancePage /></Suspense>} />
                <Route path="/risks/compliance" element={<Suspense fallback={<Loading />}><ComplianceMatrixPage /></Suspense>} />
                <Route path="/risks/library" element={<Suspense fallback={<Loading />}><RiskLibraryPage /></Suspense>} />
                <Route path="/risks/settings" element={<Suspense fallback={<Loading />}><RiskSettingsPage /></Suspense>} />
                <Route path="*" element={<p>Page not found.</p>} />
              </Route>
            </Routes>
          </BrowserRouter>
        </SessionProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
