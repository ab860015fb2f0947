/** Admin: pick a project and manage its members and their project roles. */
import { useState } from 'react';
import { ErrorState, Loading } from '../ui/states';
import { MembersPanel } from './members-panel';
import { useProjects } from './project-queries';

/** The project membership admin page. */
export function AdminMembershipPage() {
  const projects = useProjects();
  const [id, setId] = useState('');
  if (projects.isLoading) return <Loading />;
  if (projects.error) return <ErrorState error={projects.error} />;
  const list = [...(projects.data ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  const p = list.find((x) => x.id === id);
  return (
    <div>
      <h1>Project membership</h1>
      <div className="field" style={{ maxWidth: 420 }}>
        <label htmlFor="membership-project">Project</label>
        <select id="membership-project" value={id} onChange={(e) => setId(e.target.value)}>
          <option value="">Choose a project…</option>
          {list.map((x) => <option key={x.id} value={x.id}>{x.code} · {x.name}</option>)}
        </select>
      </div>
      {p && <MembersPanel project={p} />}
    </div>
  );
}
