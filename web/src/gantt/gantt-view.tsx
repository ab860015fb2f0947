/** Project Gantt tab: data, edits (PATCH with If-Match, POST link) and keyboard-accessible dialogs. */
import { useState, type FormEvent } from 'react';
import type { Project, Task } from '../api/types';
import { Dialog } from '../ui/dialog';
import { Field, FormError } from '../ui/form';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useCreateLink, useCreateTask, useLinks, usePatchTask, useReschedule, useSaveBaseline, useTasks } from '../pages/task-queries';
import { parsePriority } from '../pages/project-queries';
import { GanttChart } from './gantt-chart';
import { formatDate, formatScheduleTime, nowWallMinutes, parseScheduleMinutes, WORK_DAY_MINUTES } from './gantt-time';
import { durationForRange, patchForDates } from './task-edits';

/** The Gantt tab (default export for React.lazy). */
export default function GanttView({ project }: { project: Project }) {
  const tasks = useTasks(project.id);
  const links = useLinks(project.id);
  const patch = usePatchTask(project.id);
  const createLink = useCreateLink(project.id);
  const reschedule = useReschedule(project.id);
  const baseline = useSaveBaseline(project.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'task' | 'link' | 'dates' | null>(null);
  if (tasks.isLoading || links.isLoading) return <Loading label="Loading schedule…" />;
  if (tasks.error) return <ErrorState error={tasks.error} />;
  if (links.error) return <ErrorState error={links.error} />;
  const list = tasks.data ?? [];
  const sel = list.find((t) => t.id === selected) ?? null;
  const canEdit = project.canEdit;
  const toolbar = canEdit ? (
    <>
      <button type="button" className="btn btn-small" onClick={() => setDialog('task')}>Add task</button>
      <button type="button" className="btn btn-small" disabled={list.length < 2} onClick={() => setDialog('link')}>Add dependency</button>
      <button type="button" className="btn btn-small" disabled={!sel || sel.isSummary} onClick={() => setDialog('dates')}>Edit task</button>
      <button type="button" className="btn btn-small" disabled={reschedule.isPending || list.length === 0} onClick={() => reschedule.mutate()}>Reschedule</button>
      <button type="button" className="btn btn-small" disabled={baseline.isPending || list.length === 0} onClick={() => baseline.mutate()}>Save baseline</button>
    </>
  ) : <span className="muted">Read only</span>;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 480 }}>
      {list.length === 0 ? (
        <div className="card"><Empty title="No tasks yet.">{canEdit && <button type="button" className="btn btn-primary" onClick={() => setDialog('task')}>Add the first task</button>}</Empty></div>
      ) : (
        <GanttChart
          tasks={list} links={links.data ?? []} canEdit={canEdit} selectedId={selected} onSelect={setSelected} toolbarExtra={toolbar}
          onChangeDates={(t, s, f) => {
            const body = patchForDates(t as Task, s, f);
            if (body.start !== undefined || body.durationMinutes !== undefined) patch.mutate({ task: t as Task, patch: body });
          }}
          onLink={(a, b) => createLink.mutate({ predecessorId: a.id, successorId: b.id, type: 'FS' })}
        />
      )}
      {dialog === 'task' && <AddTaskDialog projectId={project.id} after={sel} onClose={() => setDialog(null)} />}
      {dialog === 'link' && <AddLinkDialog projectId={project.id} tasks={list} from={sel} onClose={() => setDialog(null)} />}
      {dialog === 'dates' && sel && <EditDatesDialog task={sel} projectId={project.id} onClose={() => setDialog(null)} />}
    </div>
  );
}

function AddTaskDialog({ projectId, after, onClose }: { projectId: string; after: Task | null; onClose: () => void }) {
  const create = useCreateTask(projectId);
  const [name, setName] = useState('');
  const [start, setStart] = useState(() => formatDate(after?.finish ? parseScheduleMinutes(after.finish) : nowWallMinutes()));
  const [days, setDays] = useState('5');
  const [milestone, setMilestone] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const s = parseScheduleMinutes(start);
    const d = Math.max(0, Number(days) || 0);
    create.mutate({
      name, isMilestone: milestone, afterId: after?.id ?? null,
      durationMinutes: milestone ? 0 : Math.max(1, d) * WORK_DAY_MINUTES,
      // Working day starts at 08:00; the server computes the finish on its calendar.
      ...(Number.isNaN(s) ? {} : { start: formatScheduleTime(s + 8 * 60) }),
    }, { onSuccess: onClose });
  };
  return (
    <Dialog open title="Add task" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <FormError error={create.error} />
        <Field label="Task name" name="name" error={create.error}><input value={name} onChange={(e) => setName(e.target.value)} required /></Field>
        <Field label="Start date" name="start" error={create.error}><input type="date" value={start} onChange={(e) => setStart(e.target.value)} /></Field>
        <Field label="Duration (days)" name="durationMinutes" error={create.error}><input type="number" min={0} value={days} onChange={(e) => setDays(e.target.value)} disabled={milestone} /></Field>
        <label className="row"><input type="checkbox" checked={milestone} onChange={(e) => setMilestone(e.target.checked)} /> Milestone</label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>Add task</button>
        </div>
      </form>
    </Dialog>
  );
}

function AddLinkDialog({ projectId, tasks, from, onClose }: { projectId: string; tasks: Task[]; from: Task | null; onClose: () => void }) {
  const create = useCreateLink(projectId);
  const [pred, setPred] = useState(from?.id ?? tasks[0]?.id ?? '');
  const [succ, setSucc] = useState(() => tasks.find((t) => t.id !== (from?.id ?? tasks[0]?.id))?.id ?? '');
  const [type, setType] = useState<'FS' | 'SS' | 'FF' | 'SF'>('FS');
  const [lag, setLag] = useState('0');
  const opt = (t: Task) => <option key={t.id} value={t.id}>{t.wbs} {t.name}</option>;
  return (
    <Dialog open title="Add dependency" onClose={onClose}>
      <form onSubmit={(e) => { e.preventDefault(); create.mutate({ predecessorId: pred, successorId: succ, type, lagMinutes: Math.round((Number(lag) || 0) * WORK_DAY_MINUTES) }, { onSuccess: onClose }); }} noValidate>
        <FormError error={create.error} />
        <Field label="Predecessor" name="predecessorId" error={create.error}><select value={pred} onChange={(e) => setPred(e.target.value)}>{tasks.map(opt)}</select></Field>
        <Field label="Successor" name="successorId" error={create.error}><select value={succ} onChange={(e) => setSucc(e.target.value)}>{tasks.map(opt)}</select></Field>
        <Field label="Type" name="type" error={create.error}>
          <select value={type} onChange={(e) => setType(e.target.value as typeof type)}>
            <option value="FS">Finish to start</option><option value="SS">Start to start</option><option value="FF">Finish to finish</option><option value="SF">Start to finish</option>
          </select>
        </Field>
        <Field label="Lag (working days)" name="lagMinutes" error={create.error}><input type="number" value={lag} onChange={(e) => setLag(e.target.value)} /></Field>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || pred === succ}>Add dependency</button>
        </div>
      </form>
    </Dialog>
  );
}

function EditDatesDialog({ task, projectId, onClose }: { task: Task; projectId: string; onClose: () => void }) {
  const patch = usePatchTask(projectId);
  const [start, setStart] = useState(task.start?.slice(0, 10) ?? '');
  const [finish, setFinish] = useState(task.finish?.slice(0, 10) ?? '');
  const [priority, setPriority] = useState(String(task.priority));
  const prio = parsePriority(priority);
  return (
    <Dialog open title={`Edit ${task.name}`} onClose={onClose}>
      <form onSubmit={(e) => {
        e.preventDefault();
        const s = parseScheduleMinutes(start) + 8 * 60, f = parseScheduleMinutes(finish);
        if (Number.isNaN(s) || prio === null) return;
        const dates = { start: formatScheduleTime(s), ...(Number.isNaN(f) || task.isMilestone ? {} : { durationMinutes: durationForRange(s, f) }) };
        patch.mutate({ task, patch: { ...dates, ...(prio !== task.priority ? { priority: prio } : {}) } }, { onSuccess: onClose });
      }} noValidate>
        <FormError error={patch.error} />
        <Field label="Start" name="start" error={patch.error}><input type="date" value={start} onChange={(e) => setStart(e.target.value)} /></Field>
        {!task.isMilestone && <Field label="Finish" name="finish" error={patch.error}><input type="date" value={finish} onChange={(e) => setFinish(e.target.value)} /></Field>}
        <Field label="Priority (0-1000; 1000 = do not level)" name="priority" error={patch.error}>
          <input type="number" min={0} max={1000} step={1} value={priority} onChange={(e) => setPriority(e.target.value)} />
        </Field>
        {prio === null && <span className="field-error" role="alert">A priority is a whole number from 0 to 1000.</span>}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={patch.isPending || prio === null}>Save</button>
        </div>
      </form>
    </Dialog>
  );
}
