/** A test client of GET /api/v1/events: opens a user's stream on a listening app and collects its `change` events. */
import type { DomainEvent } from '../src/server/events.js';

export interface EventStream {
  /** Every change event received so far, in order, as the stream sent it. */
  readonly events: Record<string, unknown>[];
  /** Resolves with the events so far once one matches `pred`; rejects after `timeoutMs`. */
  waitFor(pred: (e: DomainEvent) => boolean, timeoutMs: number): Promise<Record<string, unknown>[]>;
  close(): void;
}

/**
 * Opens the stream of the user whose headers are `auth` and reads it in the background. The server subscribes the
 * stream before it answers, so every change committed after this resolves reaches `events` (if the user may see it).
 */
export async function openEventStream(base: string, auth: Record<string, string>): Promise<EventStream> {
  const ac = new AbortController();
  const res = await fetch(`${base}/api/v1/events`, { headers: auth, signal: ac.signal });
  if (res.status !== 200) throw new Error(`GET /api/v1/events: ${res.status}`);
  if (!res.headers.get('content-type')?.includes('text/event-stream')) throw new Error(`GET /api/v1/events: content-type ${res.headers.get('content-type')}`);
  const events: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  void (async () => {
    let buf = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buf += decoder.decode(value, { stream: true });
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const data = buf.slice(0, i).split('\n').find((l) => l.startsWith('data: '));
          buf = buf.slice(i + 2);
          if (data) {
            events.push(JSON.parse(data.slice(6)) as Record<string, unknown>);
            for (const w of waiters) w();
          }
        }
      }
    } catch {
      /* closed */
    }
  })();
  return {
    events,
    waitFor(pred, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!events.some((e) => pred(e as unknown as DomainEvent))) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => ac.abort(),
  };
}
