/**
 * AHP on scoring models: the pairwise judgements a model's weights were derived from, with their consistency ratio
 * (null when the weights were typed in directly).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table scoring_models add column ahp jsonb`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('migrations are forward-only');
}
