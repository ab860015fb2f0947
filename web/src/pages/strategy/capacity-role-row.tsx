/**
 * One role's capacity row on the optimiser page: typed per period, or "use available capacity" of a resources role
 * (its people's capacity minus the demand already committed to projects), shown read-only per period.
 */
import { useState } from 'react';
import type { paths } from '../../api/schema';

type Availability = paths['/api/v1/portfolio/available-capacity']['get']['responses'][200]['content']['application/json'];

/** A capacity row: typed inputs, or the available person-days of the chosen resources role. */
export function CapacityRoleRow({ role, labels, row, onChange, availability, resourceRoleId, onResourceRole }: {
  role: string;
  labels: string[];
  row: string[];
  onChange: (row: string[]) => void;
  availability: Availability | undefined;
  /** '' = typed capacity. */
  resourceRoleId: string;
  onResourceRole: (id: string) => void;
}) {
  const [all, setAll] = useState('');
  const label = `Capacity of ${role}`;
  const source = availability?.roles.find((r) => r.roleId === resourceRoleId);
  const fallback = availability?.suggested[role] ?? availability?.roles[0]?.roleId ?? '';
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>
        <label className="row">
          <input type="checkbox" checked={resourceRoleId !== ''} disabled={!availability?.roles.length} onChange={(e) => onResourceRole(e.target.checked ? fallback : '')} />
          Use available capacity
        </label>
        {resourceRoleId !== '' ? (
          <select aria-label={`Resources role for ${role}`} value={resourceRoleId} onChange={(e) => onResourceRole(e.target.value)}>
            {(availability?.roles ?? []).map((r) => <option key={r.roleId} value={r.roleId}>{r.name}</option>)}
          </select>
        ) : (
          <div className="row">
            <input aria-label={`${label}: every period`} size={7} inputMode="decimal" value={all} onChange={(e) => setAll(e.target.value)} />
            <button type="button" className="btn btn-small" onClick={() => onChange(labels.map(() => all))}>Fill</button>
          </div>
        )}
      </td>
      {labels.map((l, i) =>
        resourceRoleId !== '' ? (
          <td key={l} className="num" data-testid={`available-${role}-${i}`} title={source ? `capacity ${source.capacityDays[i]} - committed ${source.committedDays[i]}` : undefined}>
            {source ? source.availableDays[i] : '…'}
          </td>
        ) : (
          <td key={l}><input aria-label={`${label} ${l}`} size={4} inputMode="decimal" value={row[i] ?? ''} onChange={(e) => onChange(row.map((c, j) => (j === i ? e.target.value : c)))} /></td>
        ),
      )}
    </tr>
  );
}
