/** Form helpers: a labelled field that shows the API's problem-details error for its name. */
import { cloneElement, useId, type ReactElement } from 'react';
import { ApiError } from '../api/client';

/** Labelled input wrapper; pass the mutation error and the field name to show the server's message. */
export function Field({ label, name, error, children }: { label: string; name: string; error?: unknown; children: ReactElement<Record<string, unknown>> }) {
  const id = useId();
  const msg = error instanceof ApiError ? error.fieldMessage(name) : undefined;
  const errId = `${id}-err`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, name, 'aria-invalid': msg ? true : undefined, 'aria-describedby': msg ? errId : undefined })}
      {msg && <span id={errId} className="field-error">{msg}</span>}
    </div>
  );
}

/** Form-level error: the problem title/detail (field errors appear beside their fields). */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError) {
    return (
      <div className="form-error" role="alert">
        {error.detail ?? error.title}
        {error.fieldErrors.length > 0 && <span className="sr-only"> ({error.fieldErrors.map((e) => `${e.path}: ${e.message}`).join('; ')})</span>}
      </div>
    );
  }
  return <div className="form-error" role="alert">{error instanceof Error ? error.message : String(error)}</div>;
}
