/**
 * Resource setup for resource managers: teams (lead and members), what each role requires (skills with a
 * minimum proficiency), enterprise calendars (working week, holidays) and people's capacity profiles
 * (hours, part-time, calendar, roles, skills), their vacations and other non-project time, and their cost and
 * bill rates from finance (finance officers add and delete them). Everyone else sees the same data read-only.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, ok } from '../../api/client';
import { useSession } from '../../api/session';
import { FormError } from '../../ui/form';
import { ErrorState, Loading } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { RESOURCE_MANAGERS, usePeople, type ResourceProfile, useCalendars, useRoles, useSkills, useTeams, type Calendar, type Team } from './resources-api';
import { NonProjectTime } from './non-project-time';
import { canReadRates, PersonRates } from './person-rates';
import './resources.css';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const multi = (e: React.ChangeEvent<HTMLSelectElement>) => [...e.target.selectedOptions].map((o) => o.value);

function useSaved() {
  const client = useQueryClient();
  const toast = useToast();
  return (what: string) => { toast(`${what} saved`); void client.invalidateQueries(); };
}

function TeamsSection({ canEdit }: { canEdit: boolean }) {
  const teams = useTeams();
  const people = usePeople();
  const saved = useSaved();
  const [editing, setEditing] = useState<Team | null>(null);
  const [name, setName] = useState('');
  const [leadId, setLeadId] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const start = (t: Team | null) => { setEditing(t); setName(t?.name ?? ''); setLeadId(t?.leadId ?? ''); setMemberIds(t?.members.map((m) => m.personId) ?? []); };
  const save = useMutation({
    mutationFn: () => editing
      ? ok(api.PATCH('/api/v1/teams/{id}', { params: { path: { id: editing.id } }, headers: ifMatch(editing.version), body: { name, leadId: leadId || null, memberIds } }))
      : ok(api.POST('/api/v1/teams', { body: { name, leadId: leadId || null, memberIds } })),
    onSuccess: () => { saved('Team'); start(null); },
  });
  const remove = useMutation({ mutationFn: (t: Team) => ok(api.DELETE('/api/v1/teams/{id}', { params: { path: { id: t.id } }, headers: ifMatch(t.version) })), onSuccess: () => saved('Teams') });
  return (
    <section aria-labelledby="teams-h">
      <h2 id="teams-h">Teams</h2>
      {teams.isLoading ? <Loading /> : teams.error ? <ErrorState error={teams.error} /> : (
        <table className="simple-table" data-testid="teams-table">
          <thead><tr><th>Team</th><th>Lead</th><th>Members</th>{canEdit && <th>Actions</th>}</tr></thead>
          <tbody>
            {(teams.data ?? []).map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td><td>{t.leadName ?? '—'}</td><td style={{ whiteSpace: 'normal' }}>{t.members.map((m) => m.name).join(', ') || '—'}</td>
                {canEdit && <td><div className="row"><button type="button" className="btn btn-small" onClick={() => start(t)}>Edit</button><button type="button" className="btn btn-small btn-danger" aria-label={`Delete team ${t.name}`} onClick={() => remove.mutate(t)}>Delete</button></div></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form className="filters" aria-label={editing ? `Edit team ${editing.name}` : 'New team'} onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }}>
          <label className="field">Team name<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
          <label className="field">Lead<select value={leadId} onChange={(e) => setLeadId(e.target.value)}><option value="">None</option>{(people.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
          <label className="field">Members<select multiple size={5} value={memberIds} onChange={(e) => setMemberIds(multi(e))}>{(people.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
          <div className="field row"><button type="submit" className="btn btn-primary" disabled={!name.trim() || save.isPending}>{editing ? 'Save team' : 'Add team'}</button>{editing && <button type="button" className="btn" onClick={() => start(null)}>Cancel</button>}</div>
        </form>
      )}
      <FormError error={save.error ?? remove.error} />
    </section>
  );
}

function RolesSection({ canEdit }: { canEdit: boolean }) {
  const roles = useRoles();
  const skills = useSkills();
  const saved = useSaved();
  const [roleId, setRoleId] = useState('');
  const detail = useQuery({ enabled: roleId !== '', queryKey: ['role', roleId], queryFn: () => ok(api.GET('/api/v1/roles/{id}', { params: { path: { id: roleId } } })) });
  const [skillId, setSkillId] = useState('');
  const [min, setMin] = useState(3);
  const [newRole, setNewRole] = useState('');
  const [newSkill, setNewSkill] = useState('');
  const put = useMutation({
    mutationFn: (required: { skillId: string; minProficiency: number }[]) => ok(api.PATCH('/api/v1/roles/{id}', { params: { path: { id: roleId } }, headers: ifMatch(detail.data!.version), body: { requiredSkills: required } })),
    onSuccess: () => saved('Role'),
  });
  const create = useMutation({ mutationFn: (k: { kind: 'roles' | 'skills'; name: string }) => (k.kind === 'roles' ? ok(api.POST('/api/v1/roles', { body: { name: k.name } })) : ok(api.POST('/api/v1/skills', { body: { name: k.name } }))), onSuccess: () => { saved('Reference data'); setNewRole(''); setNewSkill(''); } });
  const required = detail.data?.requiredSkills ?? [];
  return (
    <section aria-labelledby="roles-h">
      <h2 id="roles-h">What roles require</h2>
      <div className="filters">
        <label className="field">Role<select value={roleId} onChange={(e) => setRoleId(e.target.value)}><option value="">Choose a role…</option>{(roles.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
        {canEdit && <form className="row" aria-label="New role" onSubmit={(e) => { e.preventDefault(); if (newRole.trim()) create.mutate({ kind: 'roles', name: newRole.trim() }); }}><label className="field">New role<input value={newRole} onChange={(e) => setNewRole(e.target.value)} /></label><button type="submit" className="btn">Add role</button></form>}
        {canEdit && <form className="row" aria-label="New skill" onSubmit={(e) => { e.preventDefault(); if (newSkill.trim()) create.mutate({ kind: 'skills', name: newSkill.trim() }); }}><label className="field">New skill<input value={newSkill} onChange={(e) => setNewSkill(e.target.value)} /></label><button type="submit" className="btn">Add skill</button></form>}
      </div>
      {roleId && (detail.isLoading ? <Loading /> : detail.error ? <ErrorState error={detail.error} /> : (
        <>
          <ul data-testid="role-requirements">
            {required.length === 0 && <li className="muted">No required skills: anyone matches on skills.</li>}
            {required.map((r) => (
              <li key={r.skillId}>{r.name} at least {r.minProficiency}{canEdit && <> <button type="button" className="btn btn-small" aria-label={`Remove ${r.name}`} onClick={() => put.mutate(required.filter((x) => x.skillId !== r.skillId))}>Remove</button></>}</li>
            ))}
          </ul>
          {canEdit && (
            <form className="filters" aria-label="Require a skill" onSubmit={(e) => { e.preventDefault(); if (skillId) put.mutate([...required.filter((x) => x.skillId !== skillId), { skillId, minProficiency: min }]); }}>
              <label className="field">Skill<select value={skillId} onChange={(e) => setSkillId(e.target.value)}><option value="">Choose…</option>{(skills.data ?? []).map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select></label>
              <label className="field">Minimum proficiency<select value={min} onChange={(e) => setMin(Number(e.target.value))}>{[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}</select></label>
              <button type="submit" className="btn btn-primary" disabled={!skillId || put.isPending}>Require skill</button>
            </form>
          )}
        </>
      ))}
      <FormError error={put.error ?? create.error} />
    </section>
  );
}

function CalendarsSection({ canEdit }: { canEdit: boolean }) {
  const calendars = useCalendars();
  const saved = useSaved();
  const [target, setTarget] = useState<Calendar | null>(null);
  const [hName, setHName] = useState('');
  const [hFrom, setHFrom] = useState('');
  const [hTo, setHTo] = useState('');
  const [name, setName] = useState('');
  const [days, setDays] = useState([false, true, true, true, true, true, false]);
  const [from, setFrom] = useState('08:00');
  const [to, setTo] = useState('16:00');
  const holiday = useMutation({
    mutationFn: async (c: Calendar) => {
      const body = { exceptions: [...c.exceptions, { name: hName, from: hFrom, to: hTo || hFrom, working: false, intervals: [] }] };
      if (c.builtIn) return ok(api.POST('/api/v1/calendars', { body: { uid: c.uid, name: c.name, baseCalendarUid: null, weekDays: c.weekDays, ...body } }));
      return ok(api.PATCH('/api/v1/calendars/{id}', { params: { path: { id: c.id! } }, headers: ifMatch(c.version), body }));
    },
    onSuccess: () => { saved('Calendar'); setHName(''); setHFrom(''); setHTo(''); setTarget(null); },
  });
  const create = useMutation({
    mutationFn: () => ok(api.POST('/api/v1/calendars', { body: { name, baseCalendarUid: null, weekDays: days.map((w) => ({ working: w, intervals: w ? [{ from, to }] : [] })), exceptions: [] } })),
    onSuccess: () => { saved('Calendar'); setName(''); },
  });
  return (
    <section aria-labelledby="cal-h">
      <h2 id="cal-h">Calendars</h2>
      <p className="muted">People work on their own calendar or the organisation&apos;s Standard (uid 1); projects without calendars of their own use Standard too. Capacity and levelling count their working days, holidays and hours.</p>
      {calendars.isLoading ? <Loading /> : calendars.error ? <ErrorState error={calendars.error} /> : (
        <table className="simple-table" data-testid="calendars-table">
          <thead><tr><th>Uid</th><th>Calendar</th><th>Hours a week</th><th>Exceptions</th>{canEdit && <th>Actions</th>}</tr></thead>
          <tbody>
            {(calendars.data ?? []).map((c) => (
              <tr key={c.uid}>
                <td>{c.uid}</td><td>{c.name}{c.builtIn ? ' (built in)' : ''}</td><td>{(c.weekMinutes / 60).toFixed(1)}</td>
                <td style={{ whiteSpace: 'normal' }}>{c.exceptions.map((e) => `${e.name} ${e.from}${e.to !== e.from ? `–${e.to}` : ''}`).join('; ') || '—'}</td>
                {canEdit && <td><button type="button" className="btn btn-small" onClick={() => setTarget(c)}>Add holiday</button></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && target && (
        <form className="filters" aria-label={`Add a holiday to ${target.name}`} onSubmit={(e) => { e.preventDefault(); holiday.mutate(target); }}>
          <label className="field">Holiday<input value={hName} onChange={(e) => setHName(e.target.value)} required /></label>
          <label className="field">From<input type="date" value={hFrom} onChange={(e) => setHFrom(e.target.value)} required /></label>
          <label className="field">To (optional)<input type="date" value={hTo} onChange={(e) => setHTo(e.target.value)} /></label>
          <button type="submit" className="btn btn-primary" disabled={!hName || !hFrom || holiday.isPending}>Add to {target.name}</button>
          <button type="button" className="btn" onClick={() => setTarget(null)}>Cancel</button>
        </form>
      )}
      {canEdit && (
        <form className="filters" aria-label="New calendar" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
          <label className="field">New calendar<input value={name} onChange={(e) => setName(e.target.value)} placeholder="Four-day week" required /></label>
          <fieldset className="row"><legend>Working days</legend>{WEEKDAYS.map((d, i) => <label key={d}><input type="checkbox" checked={days[i]} onChange={(e) => setDays(days.map((v, k) => (k === i ? e.target.checked : v)))} /> {d}</label>)}</fieldset>
          <label className="field">From<input type="time" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
          <label className="field">To<input type="time" value={to} onChange={(e) => setTo(e.target.value)} /></label>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>Add calendar</button>
        </form>
      )}
      <FormError error={holiday.error ?? create.error} />
    </section>
  );
}

function PeopleSection({ canEdit }: { canEdit: boolean }) {
  const { user } = useSession();
  const people = usePeople();
  const roles = useRoles();
  const skills = useSkills();
  const calendars = useCalendars();
  const saved = useSaved();
  const [personId, setPersonId] = useState('');
  const personName = (people.data ?? []).find((p) => p.id === personId)?.name ?? 'this person';
  const profile = useQuery({ enabled: personId !== '', queryKey: ['profile', personId], queryFn: () => ok(api.GET('/api/v1/people/{id}/profile', { params: { path: { id: personId } } })) });
  return (
    <section aria-labelledby="people-h">
      <h2 id="people-h">People</h2>
      <label className="field" style={{ maxWidth: 320 }}>Person<select value={personId} onChange={(e) => setPersonId(e.target.value)}><option value="">Choose a person…</option>{(people.data ?? []).map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select></label>
      {personId && (profile.isLoading ? <Loading /> : profile.error ? <ErrorState error={profile.error} /> : (
        <ProfileForm key={`${personId}:${profile.data!.version}`} profile={profile.data!} canEdit={canEdit} roles={roles.data ?? []} skills={skills.data ?? []} calendars={calendars.data ?? []} onSaved={() => saved('Profile')} />
      ))}
      {personId && profile.data && <NonProjectTime personId={personId} personName={personName} items={profile.data.nonProjectTime} canEdit={canEdit} />}
      {personId && canReadRates(user?.orgRole) && <PersonRates personId={personId} personName={personName} orgRole={user?.orgRole} />}
    </section>
  );
}

type Profile = ResourceProfile;

function ProfileForm({ profile, canEdit, roles, skills, calendars, onSaved }: { profile: Profile; canEdit: boolean; roles: { id: string; name: string }[]; skills: { id: string; name: string }[]; calendars: Calendar[]; onSaved: () => void }) {
  const [weekH, setWeekH] = useState(profile.minutesPerWeek / 60);
  const [part, setPart] = useState(profile.partTimePercent);
  const [calendarUid, setCalendarUid] = useState(profile.calendarUid === null ? '' : String(profile.calendarUid));
  const [roleIds, setRoleIds] = useState(profile.roles.map((r) => r.id));
  const [levels, setLevels] = useState<Record<string, number>>(Object.fromEntries(profile.skills.map((s) => [s.skillId, s.proficiency])));
  const save = useMutation({
    mutationFn: () => ok(api.PATCH('/api/v1/people/{id}/profile', {
      params: { path: { id: profile.personId } }, headers: ifMatch(profile.version),
      body: { minutesPerWeek: Math.round(weekH * 60), partTimePercent: part, calendarUid: calendarUid === '' ? null : Number(calendarUid), roleIds, skills: Object.entries(levels).filter(([, v]) => v > 0).map(([skillId, proficiency]) => ({ skillId, proficiency })) },
    })),
    onSuccess: onSaved,
  });
  return (
    <form aria-label="Capacity profile" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <fieldset disabled={!canEdit} className="filters">
        <label className="field">Hours a week (100 %)<input type="number" min={0} max={168} step="0.5" value={weekH} onChange={(e) => setWeekH(Number(e.target.value))} /></label>
        <label className="field">Part-time %<input type="number" min={0} max={100} value={part} onChange={(e) => setPart(Number(e.target.value))} /></label>
        <label className="field">Calendar<select value={calendarUid} onChange={(e) => setCalendarUid(e.target.value)}><option value="">Organisation Standard</option>{calendars.map((c) => <option key={c.uid} value={c.uid}>{c.name}</option>)}</select></label>
        <label className="field">Roles<select multiple size={4} value={roleIds} onChange={(e) => setRoleIds(multi(e))}>{roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}</select></label>
        <fieldset className="row"><legend>Skills (0 = none)</legend>
          {skills.map((s) => <label key={s.id} className="field">{s.name}<select value={levels[s.id] ?? 0} onChange={(e) => setLevels({ ...levels, [s.id]: Number(e.target.value) })}>{[0, 1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n}</option>)}</select></label>)}
        </fieldset>
      </fieldset>
      {canEdit && <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save profile</button>}
      <FormError error={save.error} />
    </form>
  );
}

/** The setup page. */
export function ResourceSetupPage() {
  const { user } = useSession();
  const canEdit = user !== null && RESOURCE_MANAGERS.has(user.orgRole);
  return (
    <div>
      <div className="row"><h1>Resource setup</h1></div>
      {!canEdit && <p className="muted">Read only: resource managers (admin, PMO, portfolio managers) change these.</p>}
      <TeamsSection canEdit={canEdit} />
      <RolesSection canEdit={canEdit} />
      <PeopleSection canEdit={canEdit} />
      <CalendarsSection canEdit={canEdit} />
    </div>
  );
}
