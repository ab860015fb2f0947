/** Navigation between a project's risk views: register, RAID log, compliance, Monte Carlo. */
import { Link } from 'react-router';

const VIEWS = [
  ['', 'Register'],
  ['/raid', 'RAID log'],
  ['/compliance', 'Compliance'],
  ['/monte-carlo', 'Monte Carlo analysis'],
] as const;

/** Links styled as tabs (aria-current marks the page); `current` is the suffix of the current view ('' for the register). */
export function ProjectRiskNav({ projectId, current }: { projectId: string; current: (typeof VIEWS)[number][0] }) {
  return (
    <nav className="tabs" aria-label="Project risk views">
      {VIEWS.map(([suffix, label]) => (
        <Link key={suffix} aria-current={suffix === current ? 'page' : undefined} to={`/risks/projects/${projectId}${suffix}`}>{label}</Link>
      ))}
    </nav>
  );
}
