/** Modal dialog on the native <dialog> element (focus trap, Escape to close, backdrop). */
import { useEffect, useId, useRef, type ReactNode } from 'react';

/** Shows `children` in a modal while `open`; `onClose` runs on Escape or the close button. */
export function Dialog({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={(e) => { e.preventDefault(); onClose(); }}>
      {open && (
        <>
          <h2 id={titleId} style={{ marginTop: 0 }}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}
