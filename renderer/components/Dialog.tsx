import { useEffect, useId, useRef } from 'react';
import type { FormEvent, ReactElement, ReactNode, RefObject } from 'react';
import { IconButton } from './Button';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Buttons row; inside the form when onSubmit is given, so Enter submits. */
  footer?: ReactNode;
  onSubmit?: () => void;
  size?: 'sm' | 'md' | 'lg';
  /** Prevents closing (Esc, backdrop, ×) while a call is in flight. */
  busy?: boolean;
  className?: string;
  /** Accessible label of the × button. */
  closeLabel?: string;
}


/**
 * Opens a <dialog> as modal on mount (the page behind becomes inert), traps Tab inside it, turns
 * Esc into onClose (unless busy) and gives focus back to where it was when it unmounts.
 */
export function useModal(ref: RefObject<HTMLDialogElement | null>, onClose: () => void, busy = false): void {
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  closeRef.current = onClose;
  busyRef.current = busy;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // Focus the first field marked autofocus, else the first control that is not the × button.
    const auto = dialog.querySelector<HTMLElement>('[data-autofocus]');
    const first = auto ?? [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].find((el) => !el.closest('.dialog-close'));
    (first ?? dialog).focus();

    // Esc (or the platform's close request): the browser closes the dialog unless a call is in
    // flight; the 'close' event then tells React, which unmounts it.
    const onCancel = (e: Event): void => {
      if (busyRef.current) e.preventDefault();
    };
    const onNativeClose = (): void => {
      // A 'close' queued by an earlier close() (React StrictMode re-runs effects) arrives after
      // the dialog was shown again: only a dialog that is really closed tells React.
      if (!dialog.open) closeRef.current();
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Tab') return;
      const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
      if (items.length === 0) {
        e.preventDefault();
        return;
      }
      const firstEl = items[0]!;
      const lastEl = items[items.length - 1]!;
      if (e.shiftKey && (document.activeElement === firstEl || !dialog.contains(document.activeElement))) {
        e.preventDefault();
        lastEl.focus();
      } else if (!e.shiftKey && (document.activeElement === lastEl || !dialog.contains(document.activeElement))) {
        e.preventDefault();
        firstEl.focus();
      }
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    dialog.addEventListener('keydown', onKey);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      dialog.removeEventListener('keydown', onKey);
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);
}

/**
 * A modal dialog on the native <dialog> (showModal makes the page behind it inert), with an
 * explicit focus trap, Esc to close, and focus returned to where it was on close.
 */
export function Dialog({ title, description, onClose, children, footer, onSubmit, size = 'md', busy = false, className, closeLabel = 'Close' }: DialogProps): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useModal(ref, onClose, busy);

  // A click that starts and ends on the backdrop (the <dialog> box itself, outside the panel) closes.
  const downOnBackdrop = useRef(false);

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!busy) onSubmit?.();
  };

  const body = (
    <>
      <header className="dialog-header">
        <div>
          <h2 id={titleId} className="dialog-title">{title}</h2>
          {description ? <p id={descId} className="dialog-description">{description}</p> : null}
        </div>
        <IconButton className="dialog-close" icon="x" label={closeLabel} onClick={() => !busy && onClose()} disabled={busy} />
      </header>
      <div className="dialog-body">{children}</div>
      {footer ? <footer className="dialog-footer">{footer}</footer> : null}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onMouseDown={(e) => { downOnBackdrop.current = e.target === e.currentTarget; }}
      onClick={(e) => {
        if (downOnBackdrop.current && e.target === e.currentTarget && !busy) onClose();
        downOnBackdrop.current = false;
      }}
    >
      {onSubmit ? <form className="dialog-panel" onSubmit={submit} noValidate>{body}</form> : <div className="dialog-panel">{body}</div>}
    </dialog>
  );
}
