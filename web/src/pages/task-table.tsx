/** Tasks tab: the WBS as a collapsible tree table with inline editing of name, dates, priority and progress. */
import { useMemo, useState } from 'react';
import type { Project, Task } from '../api/types';
import { DataTable, type Column } from '../ui/data-table';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useCreateTask, useDeleteTask, usePatchTask, useTasks } from './task-queries';
import { EditableCell } from './editable-cell';
import { durationForRange } from '../gantt/task-edits';
import { parseScheduleMinutes } from '../gantt/gantt-time';
import { parsePriority } from './project-queries';

/** Tasks visible when the given summaries are collapsed (tasks are in WBS order). Exported for tests. */
export function visibleTasks<T extends { id: string; outlineLevel: number }>(tasks: T[], collapsed: ReadonlySet<string>): T[] {
  const out: T[] = [];
  let hideBelow = Infinity;
  for (const t of tasks) {
    if (t.outlineLevel > hideBelow) continue;
    hideBelow = Infinity;
    out.push(t);
    if (collapsed.has(t.id)) hideBelow = t.outlineLevel;
  }
  return out;
}

const days = (m: number) => Math.round((m / 480) * 10) / 10; // 8-hour working days

/** The tasks tab. */
export function TaskTable({ project }: { project: Project }) {
  const tasks = useTasks(project.id);
  const patch = usePatchTask(project.id);
  const create = useCreateTask(project.id);
  const remove = useDeleteTask(project.id);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [newName, setNewName] = useState('');
  const rows = useMemo(() => visibleTasks(tasks.data ?? [], collapsed), [tasks.data, collapsed]);
  const edit = project.canEdit;
  const save = (t: Task, p: Parameters<typeof patch.mutate>[0]['patch']) => patch.mutate({ task: t, patch: p });
  const toggle = (id: string) => setCollapsed((c) => { const n = new Set(c); if (n.has(id)) n.delete(id); else n.add(id); return n; });

  const columns: Column<Task>[] = [
    { key: 'wbs', header: 'WBS', width: '70px', render: (t) => t.wbs },
    {
      key: 'name', header: 'Name', width: 'minmax(220px, 3fr)', filterText: (t) => t.name,
      render: (t) => (
        <span className="row" style={{ flexWrap: 'nowrap', paddingLeft: (t.outlineLevel - 1) * 16 }}>
          {t.isSummary
            ? <button type="button" className="tree-toggle" aria-expanded={!collapsed.has(t.id)} aria-label={`${collapsed.has(t.id) ? 'Expand' : 'Collapse'} ${t.name}`} onClick={(e) => { e.stopPropagation(); toggle(t.id); }}>{collapsed.has(t.id) ? '▸' : '▾'}</button>
            : <span style={{ width: 18, display: 'inline-block' }}>{t.isMilestone ? '◆' : ''}</span>}
          <EditableCell value={t.name} label={`name of ${t.name}`} editable={edit} onSave={(v) => v.trim() && save(t, { name: v.trim() })} />
        </span>
      ),
    },
    { key: 'start', header: 'Start', width: '140px', render: (t) => <EditableCell type="date" value={t.start?.slice(0, 10) ?? ''} label={`start of ${t.name}`} editable={edit && !t.isSummary} onSave={(v) => v && save(t, { start: `${v}T${t.start?.slice(11) || '08:00:00'}` })} /> },
    { key: 'finish', header: 'Finish', width: '140px', render: (t) => <EditableCell type="date" value={t.finish?.slice(0, 10) ?? ''} label={`finish of ${t.name}`} editable={edit && !t.isSummary && !t.isMilestone && !!t.start} onSave={(v) => v && t.start && save(t, { durationMinutes: durationForRange(parseScheduleMinutes(t.start), parseScheduleMinutes(v)) })} /> },
    { key: 'dur', header: 'Duration (d)', width: '100px', render: (t) => <EditableCell type="number" value={String(days(t.durationMinutes))} label={`duration of ${t.name} in days`} editable={edit && !t.isSummary && !t.isMilestone} onSave={(v) => Number(v) >= 0 && save(t, { durationMinutes: Math.round(Number(v) * 480) })} /> },
    {
      key: 'prio', header: 'Priority', width: '150px',
      render: (t) => <EditableCell type="number" value={String(t.priority)} display={t.priority >= 1000 ? '1000 (do not level)' : String(t.priority)} label={`priority of ${t.name} (0-1000; 1000 = do not level)`} editable={edit && !t.isSummary} onSave={(v) => { const n = parsePriority(v); if (n !== null) save(t, { priority: n }); }} />,
    },
    { key: 'pct', header: '% done', width: '90px', render: (t) => <EditableCell type="number" value={String(t.percentComplete)} label={`percent complete of ${t.name}`} editable={edit && !t.isSummary} onSave={(v) => { const n = Number(v); if (n >= 0 && n <= 100) save(t, { percentComplete: n }); }} /> },
    ...(edit ? [{ key: 'del', header: 'Actions', width: '80px', render: (t: Task) => <button type="button" className="btn btn-small btn-danger" aria-label={`Delete ${t.name}`} onClick={(e) => { e.stopPropagation(); remove.mutate(t); }}>Delete</button> }] : []),
  ];

  if (tasks.isLoading) return <Loading label="Loading tasks…" />;
  if (tasks.error) return <ErrorState error={tasks.error} />;
  const toolbar = edit ? (
    <form className="row" onSubmit={(e) => { e.preventDefault(); if (newName.trim()) create.mutate({ name: newName.trim() }, { onSuccess: () => setNewName('') }); }}>
      <input aria-label="New task name" placeholder="New task name" value={newName} onChange={(e) => setNewName(e.target.value)} />
      <button type="submit" className="btn btn-small btn-primary" disabled={create.isPending}>Add task</button>
    </form>
  ) : <span className="muted">Read only</span>;
  return (
    <DataTable label="Work breakdown structure" rows={rows} columns={columns} rowKey={(t) => t.id} height={560} toolbar={toolbar}
      empty={<Empty title="No tasks yet." />} />
  );
}
