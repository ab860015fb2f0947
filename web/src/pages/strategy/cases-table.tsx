/** The best, likely and worst case of a business case side by side (proposal page and the editor's preview). */
import { formatMoney, type Proposal } from './strategy-api';

type Figures = Proposal['businessCase'];

/** A fraction as a percentage with one decimal, or a dash. */
export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const irrText = (f: Figures) => (f.irrStatus === 'ok' ? `${pct(f.annualIrr)}${f.multipleIrr ? ` (ambiguous: ${f.irrRoots.map((r) => pct(r)).join(', ')})` : ''}` : f.irrReason === 'no-sign-change' ? 'none (no sign change)' : 'none (no root found)');

const ROWS: [string, (f: Figures) => string][] = [
  ['NPV', (f) => formatMoney(f.npvCents)],
  ['IRR (a year)', irrText],
  ['Payback (years)', (f) => (f.paybackYears === null ? 'never' : f.paybackYears.toFixed(1))],
  ['Discounted payback (years)', (f) => (f.discountedPaybackYears === null ? 'never' : f.discountedPaybackYears.toFixed(1))],
  ['Benefit-cost ratio', (f) => (f.benefitCostRatio === null ? '—' : f.benefitCostRatio.toFixed(2))],
  ['ROI', (f) => pct(f.roi)],
  ['Total cost', (f) => formatMoney(f.totalCostCents)],
  ['Total benefit', (f) => formatMoney(f.totalBenefitCents)],
  ['PV of costs', (f) => formatMoney(f.pvCostCents)],
  ['PV of benefits', (f) => formatMoney(f.pvBenefitCents)],
];

/** The three cases as a table with its assumptions underneath. */
export function CasesTable({ cases, label }: { cases: { best: Figures; likely: Figures; worst: Figures }; label: string }) {
  return (
    <>
      <table className="st-table" aria-label={label}>
        <thead><tr><th>Figure</th><th className="num">Best case</th><th className="num">Likely case</th><th className="num">Worst case</th></tr></thead>
        <tbody>
          {ROWS.map(([name, f]) => <tr key={name}><td>{name}</td><td className="num">{f(cases.best)}</td><td className="num">{f(cases.likely)}</td><td className="num">{f(cases.worst)}</td></tr>)}
        </tbody>
      </table>
      <p className="muted">Best: costs −10 %, benefits +10 % and certain. Likely: benefits weighted by their probability. Worst: costs +20 %, benefits −20 % of the expected values.</p>
    </>
  );
}
