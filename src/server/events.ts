/**
 * Domain events. A mutation publishes its event inside its own transaction with pg_notify, so the event
 * exists exactly when the change commits, and every process listening on the channel (PGlite in process,
 * PostgreSQL across processes) receives it. The bus fans events out to in-process subscribers (SSE streams,
 * automations).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';

export const EVENTS_CHANNEL = 'pmo_events';

export interface DomainEvent {
  /** `<entityType>.<created|updated|deleted>` */
  type: string;
  entityType: string;
  entityId: string;
  /** The project the change belongs to; null for organisation-level changes. */
  projectId: string | null;
  version: number | null;
  /** ISO instant. */
  at: string;
  /** Who may receive an organisation-level event: everyone, or admins only (user accounts). */
  audience?: 'all' | 'admins';
}

/** Publishes the event when (and only if) the surrounding transaction commits. */
export async function publishEvent(tx: Kysely<unknown>, event: DomainEvent): Promise<void> {
  await sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`.execute(tx);
}

type Listener = (event: DomainEvent) => void;

/** In-process fan-out of the events received from the database channel. */
export class EventBus {
  private readonly listeners = new Set<Listener>();
  private stop: (() => Promise<void>) | null = null;

  async start(database: Database): Promise<void> {
    this.stop = await database.listen(EVENTS_CHANNEL, (payload) => {
      let event: DomainEvent;
      try {
        event = JSON.parse(payload) as DomainEvent;
      } catch {
        return;
      }
      for (const l of this.listeners) l(event);
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await this.stop?.();
    this.stop = null;
  }
}
