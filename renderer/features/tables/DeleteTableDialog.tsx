import { useState } from 'react';
import type { ReactElement } from 'react';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';

/** Deleting a table is not undone: the user types its name, which is also sent as `confirm`. */
export function DeleteTableDialog({ app, region, table, deletionProtection, onClose, onDeleted }: {
  app: string;
  region: string;
  table: string;
  deletionProtection: boolean;
  onClose: () => void;
  onDeleted: () => void;
}): ReactElement {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const matches = typed === table;

  const submit = async (): Promise<void> => {
    if (!matches) return;
    setBusy(true);
    setError(undefined);
    try {
      await call('tables.delete', { app, ...(region ? { region } : {}), table, confirm: typed });
      onDeleted();
    } catch (err) {
      setError(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`Delete table ${table}?`}
      size="sm"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="danger" icon="trash" busy={busy} disabled={!matches}>Delete</Button>
        </>
      )}
    >
      <p className="confirm-text">
        This deletes <strong>{table}</strong> and every item in it, with its indexes and streams. It cannot be undone
        (backups you made stay).
      </p>
      {deletionProtection ? (
        <InfoNotice tone="warning" icon="alert">
          <p>Deletion protection is on for this table: DynamoDB refuses to delete it until you turn protection off.</p>
        </InfoNotice>
      ) : null}
      <TextField
        label="Type the table name to confirm"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        placeholder={table}
        autoComplete="off"
        spellCheck={false}
        data-autofocus
        hint={typed && !matches ? 'The name does not match yet.' : undefined}
      />
      {error ? <ErrorNotice error={error} title="The table was not deleted" /> : null}
    </Dialog>
  );
}
