import { useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { APP_NAME_RE } from './parse';

/**
 * Adds a local DynamoDB app: the embedded one (no URL; its data lives in Airlock's folder) or an
 * emulator the user runs, such as DynamoDB Local or LocalStack. No account, no roles, no login.
 */
export function AddLocalAppDialog({ hasEmbedded, onClose, onAdded }: { hasEmbedded: boolean; onClose: () => void; onAdded: (app: AppView) => void }): ReactElement {
  const [name, setName] = useState(hasEmbedded ? 'dynamodb-local' : 'local-dynamodb');
  const [url, setUrl] = useState(hasEmbedded ? 'http://127.0.0.1:8000' : '');
  const [region, setRegion] = useState('');
  const [errors, setErrors] = useState<{ name?: string; url?: string; region?: string }>({});
  const [formError, setFormError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const submit = async (): Promise<void> => {
    const n = name.trim();
    if (!APP_NAME_RE.test(n)) {
      setErrors({ name: 'Use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.' });
      return;
    }
    setBusy(true);
    setFormError(undefined);
    try {
      onAdded(await call('apps.addLocal', { name: n, ...(url.trim() ? { url: url.trim() } : {}), ...(region.trim() ? { region: region.trim() } : {}) }));
    } catch (err) {
      const e = toApiError(err);
      const text = e.hint ? `${e.message} — ${e.hint}` : e.message;
      if (e.code === 'APP_EXISTS' || e.code === 'BAD_APP_NAME') setErrors({ name: text });
      else if (e.code === 'BAD_ENDPOINT' || /url/i.test(e.message)) setErrors({ url: text });
      else if (e.code === 'BAD_REGION' || /region/i.test(e.message)) setErrors({ region: text });
      else setFormError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Add local DynamoDB"
      description="A DynamoDB on this machine: no AWS account, no login. Tools still go through the Airlock proxy and its audit."
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon="plus" busy={busy}>Add local app</Button>
        </>
      )}
    >
      {formError ? <ErrorNotice error={formError} title="The app was not added" /> : null}
      <div className="form-grid">
        <TextField label="Name" value={name} onChange={(e) => { setName(e.target.value); setErrors({}); }} error={errors.name} autoComplete="off" spellCheck={false} data-autofocus />
        <TextField label="Region" optional value={region} onChange={(e) => { setRegion(e.target.value); setErrors({}); }} error={errors.region} placeholder="us-east-1" autoComplete="off" spellCheck={false} />
        <TextField
          className="span-2"
          label="Emulator URL"
          optional
          value={url}
          onChange={(e) => { setUrl(e.target.value); setErrors({}); }}
          error={errors.url}
          placeholder="empty: the embedded Local DynamoDB"
          type="url"
          autoComplete="off"
          spellCheck={false}
          hint="DynamoDB Local listens on http://127.0.0.1:8000, LocalStack on http://127.0.0.1:4566. Leave empty for the one built into Airlock."
        />
      </div>
    </Dialog>
  );
}
