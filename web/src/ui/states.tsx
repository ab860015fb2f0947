/** Loading, empty and error states used by every page. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** A spinner with a text label for screen readers. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return <div className="state" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" /> {label}</div>;
}

/** Shown when a list has nothing in it; `children` may hold a call to action. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return <div className="state"><p>{title}</p>{children}</div>;
}

/** Error box for a failed query. */
export function ErrorState({ error }: { error: unknown }) {
  const msg = error instanceof ApiError ? `${error.title}${error.detail ? `: ${error.detail}` : ''}` : error instanceof Error ? error.message : String(error);
  return <div className="form-error" role="alert">{msg}</div>;
}
