import { useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { ApiError } from '../api';
import { toApiError } from '../lib/errors';
import { Button } from './Button';
import { Dialog } from './Dialog';
import { ErrorNotice } from './ErrorNotice';

/** "Are you sure?" with the action running inside: errors stay in the dialog, success closes it. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, danger = true }: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  danger?: boolean;
}): ReactElement {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={title}
      size="sm"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void confirm()}
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant={danger ? 'danger' : 'primary'} busy={busy} data-autofocus>{confirmLabel}</Button>
        </>
      )}
    >
      <div className="confirm-text">{children}</div>
      {error ? <ErrorNotice error={error} /> : null}
    </Dialog>
  );
}
