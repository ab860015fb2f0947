/**
 * One model of "role". Finance kept a free-text role per person (`person_roles`, for role rates) and a line
 * manager; resources kept roles as rows (`roles`, `role_members`). From here on:
 * - a rate's role is a row of `roles` (`rates.role_id`);
 * - a person's billing role is their *primary* membership (`role_members.is_primary`, at most one per person);
 * - the line manager (who may approve the person's time) is a column of `people`.
 * Existing text roles become rows of `roles` (matched by exact name), so no rate and no person loses its role.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    insert into roles (id, name)
    select gen_random_uuid(), name from (
      select role as name from rates where role is not null and role <> ''
      union select role from person_roles where role <> ''
    ) named
    where not exists (select 1 from roles r where r.name = named.name);

    alter table rates add column role_id uuid references roles(id) on delete restrict;
    update rates set role_id = roles.id from roles where roles.name = rates.role;
    alter table rates drop column role;
    create index rates_role_idx on rates (role_id) where role_id is not null;

    alter table role_members add column is_primary boolean not null default false;
    insert into role_members (person_id, role_id, is_primary)
    select pr.person_id, r.id, true from person_roles pr join roles r on r.name = pr.role
    on conflict (person_id, role_id) do update set is_primary = true;
    create unique index role_members_one_primary on role_members (person_id) where is_primary;

    alter table people add column line_manager_id uuid references users(id) on delete set null;
    update people set line_manager_id = pr.line_manager_id from person_roles pr where pr.person_id = people.id;
    create index people_line_manager_idx on people (line_manager_id) where line_manager_id is not null;

    drop table person_roles;
  `.execute(db);
}
