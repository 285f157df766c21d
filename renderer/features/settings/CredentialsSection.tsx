import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Icon } from '../../components/Icon';
import { TextField } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { toApiError } from '../../lib/errors';
import { useData } from '../../state/data';
import { AppAvatar } from '../apps/AppRow';

const KEY_ID_RE = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;
const SECRET_RE = /^[\x21-\x7e]{16,128}$/;

function KeysForm({ app, onDone, onCancel }: { app: string; onDone: () => void; onCancel?: () => void }): ReactElement {
  const [keyId, setKeyId] = useState('');
  const [secret, setSecret] = useState('');
  const [token, setToken] = useState('');
  const [errors, setErrors] = useState<{ keyId?: string; secret?: string; token?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const toast = useToast();

  const save = async (): Promise<void> => {
    const errs: typeof errors = {};
    if (!KEY_ID_RE.test(keyId.trim())) errs.keyId = 'An AWS access key id starts with AKIA (long-term) or ASIA (temporary).';
    if (!SECRET_RE.test(secret)) errs.secret = 'Paste the secret access key (16–128 visible characters).';
    if (keyId.trim().startsWith('ASIA') && !token.trim()) errs.token = 'Temporary keys (ASIA…) need their session token.';
    if (Object.keys(errs).length) {
      setErrors(errs);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      await call('credentials.set', { app, accessKeyId: keyId.trim(), secretAccessKey: secret, ...(token.trim() ? { sessionToken: token.trim() } : {}) });
      setSecret('');
      setToken('');
      toast.success(`Stored source keys for ${app}`, 'They are encrypted in the Airlock vault and are not shown again.');
      onDone();
    } catch (err) {
      const e = toApiError(err);
      const msg = e.hint ? `${e.message} — ${e.hint}` : e.message;
      if (/accessKeyId/.test(e.message)) setErrors({ keyId: msg });
      else if (/secretAccessKey/.test(e.message)) setErrors({ secret: msg });
      else if (/sessionToken/.test(e.message)) setErrors({ token: msg });
      else setErrors({ form: msg });
      setBusy(false);
    }
  };

  return (
    <form className="keys-form" onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate aria-label={`Source keys for ${app}`}>
      <TextField label="Access key ID" value={keyId} onChange={(e) => { setKeyId(e.target.value); setErrors((x) => ({ ...x, keyId: undefined })); }} error={errors.keyId} placeholder="AKIA…" autoComplete="off" spellCheck={false} />
      <TextField label="Secret access key" type="password" value={secret} onChange={(e) => { setSecret(e.target.value); setErrors((x) => ({ ...x, secret: undefined })); }} error={errors.secret} autoComplete="new-password" spellCheck={false} />
      <TextField className="span-2" label="Session token" optional type="password" value={token} onChange={(e) => { setToken(e.target.value); setErrors((x) => ({ ...x, token: undefined })); }} error={errors.token} autoComplete="off" spellCheck={false} hint="Only for temporary keys (ASIA…)." />
      {errors.form ? <p className="field-error span-2" role="alert">{errors.form}</p> : null}
      <div className="keys-actions span-2">
        {onCancel ? <Button onClick={onCancel} disabled={busy}>Cancel</Button> : null}
        <Button type="submit" variant="primary" icon="key" busy={busy} aria-label={`Save keys for ${app}`}>Save keys</Button>
      </div>
    </form>
  );
}

function AppKeys({ app }: { app: AppView }): ReactElement {
  const { refreshApps } = useData();
  const toast = useToast();
  const [replacing, setReplacing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const titleId = useId();
  return (
    <section className="keys-app" aria-labelledby={titleId}>
      <div className="keys-head">
        <AppAvatar name={app.name} size="sm" />
        <h3 id={titleId} className="keys-app-name">{app.name}</h3>
        {app.hasStoredKeys
          ? <Chip tone="success"><Icon name="check" size={12} />Stored</Chip>
          : <Chip>Default credentials</Chip>}
        <div className="keys-head-actions">
          {app.hasStoredKeys && !replacing ? (
            <>
              <Button size="sm" onClick={() => setReplacing(true)} aria-label={`Replace keys for ${app.name}`}>Replace</Button>
              <Button size="sm" variant="danger-ghost" icon="trash" onClick={() => setConfirmRemove(true)} aria-label={`Remove keys for ${app.name}`}>Remove</Button>
            </>
          ) : null}
        </div>
      </div>
      {app.hasStoredKeys && !replacing ? (
        <p className="keys-note">Stored encrypted in the Airlock vault. The secret is never shown again; replace it to rotate.</p>
      ) : (
        <>
          {!app.hasStoredKeys ? <p className="keys-note">Without stored keys, Airlock uses your default AWS credentials (environment variables, ~/.aws) for {app.name}.</p> : null}
          <KeysForm app={app.name} onDone={() => { setReplacing(false); void refreshApps(); }} {...(replacing ? { onCancel: () => setReplacing(false) } : {})} />
        </>
      )}
      {confirmRemove ? (
        <ConfirmDialog
          title={`Remove the keys for ${app.name}?`}
          confirmLabel="Remove keys"
          onClose={() => setConfirmRemove(false)}
          onConfirm={async () => {
            await call('credentials.remove', { app: app.name });
            toast.success(`Removed the source keys for ${app.name}`);
            await refreshApps();
          }}
        >
          <p>The keys are deleted from the vault. Current sessions keep running until they end; later logins use your default AWS credentials.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

export function CredentialsSection({ focusApp }: { focusApp?: string }): ReactElement {
  const { apps } = useData();
  const list = [...(apps ?? [])].sort((a, b) => (a.name === focusApp ? -1 : b.name === focusApp ? 1 : a.name.localeCompare(b.name)));
  if (!apps) return <p className="muted">Loading apps…</p>;
  if (apps.length === 0) return <p className="muted">Add an app first; its source keys are stored here.</p>;
  return <div className="keys-list">{list.map((a) => <AppKeys key={a.name} app={a} />)}</div>;
}
