/**
 * Staffing requests may be withdrawn by the project that asked (`cancelled`), and a project manager may send a
 * proposal back (the request is `requested` again). Only the status check changes; existing rows stay valid.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table staffing_requests drop constraint staffing_requests_status_check;
    alter table staffing_requests add constraint staffing_requests_status_check check (status in ('requested', 'proposed', 'filled', 'rejected', 'cancelled'));
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
