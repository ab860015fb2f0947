/**
 * Domain events. A mutation publishes its event inside its own transaction with pg_notify, so the event
 * exists exactly when the change commits, and every process listening on the channel (PGlite in process,
 * PostgreSQL across processes) receives it. The bus fans events out to in-process subscribers (SSE streams,
 * automations).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { OrgRole } from '../db/schema.js';

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
  /**
   * Narrows the event further to the users who may see the record it names (a person's timesheet): these users and
   * every holder of these organisation roles. Absent: everyone who passes the checks above. Streams never show it.
   */
  recipients?: EventRecipients;
}

/** The users an event is for: named users plus the organisation roles whose every holder may see the record. */
export interface EventRecipients {
  userIds: string[];
  orgRoles: OrgRole[];
}

/**
 * At most this many named recipients travel with an event, so the pg_notify payload stays far below PostgreSQL's
 * 8000-byte limit (a larger payload would fail the change itself). Callers list the most important users first;
 * users past the limit miss the live update (never the data: they see it on their next read).
 */
export const MAX_EVENT_USER_IDS = 100;

/** Publishes the event when (and only if) the surrounding transaction commits. */
export async function publishEvent(tx: Kysely<unknown>, event: DomainEvent): Promise<void> {
  if (event.recipients) {
    const userIds = [...new Set(event.recipients.userIds)].slice(0, MAX_EVENT_USER_IDS);
    event = { ...event, recipients: { userIds, orgRoles: [...new Set(event.recipients.orgRoles)] } };
  }
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
