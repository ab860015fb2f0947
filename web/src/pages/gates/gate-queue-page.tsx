/** The decision queue: open gate reviews (projects and proposals) and recent decisions, each linking to its review page. */
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { Empty, ErrorState, Loading } from '../../ui/states';
import { gk } from './gates-api';
import './gates.css';

/** Open reviews oldest first (the queue), or decided ones newest first. */
export function GateQueuePage() {
  const [status, setStatus] = useState<'open' | 'decided'>('open');
  const reviews = useQuery({ queryKey: gk.queue(status), queryFn: async () => (await ok(api.GET('/api/v1/gate-reviews', { params: { query: { status } } }))).items });
  return (
    <div>
      <div className="gt-form">
        <div className="field">
          <label htmlFor="gate-queue-status">Show</label>
          <select id="gate-queue-status" value={status} onChange={(e) => setStatus(e.target.value as 'open' | 'decided')}>
            <option value="open">Open reviews (waiting for a decision)</option>
            <option value="decided">Decided reviews</option>
          </select>
        </div>
      </div>
      {reviews.isLoading ? <Loading /> : reviews.error ? <ErrorState error={reviews.error} /> : !reviews.data?.length ? (
        <Empty title={status === 'open' ? 'No gate review is open. Open one from a project’s Gates tab or a proposal’s page.' : 'No gate decisions yet.'} />
      ) : (
        <table className="gt-table" aria-label={status === 'open' ? 'Open gate reviews' : 'Decided gate reviews'}>
          <thead><tr><th>Review</th><th>Kind</th><th>Gate</th><th>{status === 'open' ? 'Ready' : 'Decision'}</th><th>{status === 'open' ? 'Opened' : 'Decided'}</th></tr></thead>
          <tbody>
            {reviews.data.map((r) => (
              <tr key={r.id}>
                <td><Link to={`/gates/${r.id}`}>{r.subject.name}</Link></td>
                <td>{r.subject.kind}</td>
                <td>{r.gate.name} ({r.gate.fromName} → {r.gate.toName})</td>
                <td className={`gt-status ${status === 'open' ? (r.ready ? 'gt-met' : 'gt-unmet') : ''}`}>{status === 'open' ? (r.ready ? 'Ready' : `${r.missing.length} open point(s)`) : r.decision?.decision}</td>
                <td>{new Date(status === 'open' ? r.openedAt : r.decision!.decidedAt).toLocaleDateString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
