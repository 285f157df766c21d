import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView, SessionView } from '../../../preload/contract';
import { ApiError, call } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { durationOptions, useDefaultDuration } from '../../lib/prefs';
import { SessionStatus } from '../apps/SessionStatus';

/** Picks an IAM role of the app, a session duration and (when needed) an MFA code, and logs in. */
export function RoleSelectorDialog({ app, initialRoleArn, mfaRequired = false, onClose, onLoggedIn, onOpenSettings }: {
  app: AppView;
  initialRoleArn?: string;
  mfaRequired?: boolean;
  onClose: () => void;
  onLoggedIn: (session: SessionView) => void;
  onOpenSettings: () => void;
}): ReactElement {
  const first = app.roles.find((r) => r.arn === initialRoleArn) ?? app.roles.find((r) => r.arn === app.session?.roleArn) ?? (app.roles.length === 1 ? app.roles[0] : undefined);
  const [roleArn, setRoleArn] = useState(first?.arn ?? '');
  // The default duration preference until the user picks one (it may still be loading when the dialog opens).
  const preferred = useDefaultDuration();
  const [picked, setDuration] = useState<number>();
  const duration = picked ?? preferred;
  const [mfaCode, setMfaCode] = useState('');
  const [askMfa, setAskMfa] = useState(Boolean(app.mfaSerial) || mfaRequired);
  const [mfaError, setMfaError] = useState<string>();
  const [roleError, setRoleError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const mfaRef = useRef<HTMLInputElement>(null);
  const legendId = useId();
  const [focusMfa, setFocusMfa] = useState(false);

  useEffect(() => {
    if (focusMfa) {
      mfaRef.current?.focus();
      setFocusMfa(false);
    }
  }, [focusMfa]);

  const submit = async (): Promise<void> => {
    if (!roleArn) {
      setRoleError('Choose the role to log in with.');
      return;
    }
    if (askMfa && !/^\d{6}$/.test(mfaCode.trim())) {
      setMfaError('Enter the six-digit code from your MFA device.');
      setFocusMfa(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const session = await call('sessions.login', {
        app: app.name,
        role: roleArn,
        durationSeconds: duration,
        ...(askMfa && mfaCode.trim() ? { mfaCode: mfaCode.trim() } : {}),
      });
      onLoggedIn(session);
    } catch (err) {
      const e = toApiError(err);
      setBusy(false);
      if (e.code === 'MFA_REQUIRED' && !askMfa) {
        setAskMfa(true);
        setFocusMfa(true);
        setError(e);
      } else if (e.code === 'BAD_MFA_CODE' || (e.code === 'MFA_REQUIRED' && askMfa) || (e.code === 'BAD_REQUEST' && /mfaCode/.test(e.message))) {
        // The short advice goes under the field; the server's full message below the form.
        setMfaError(e.hint ? `${e.hint.charAt(0).toUpperCase()}${e.hint.slice(1)}.` : e.message);
        if (e.hint) setError(new ApiError({ code: e.code, message: e.message }));
        setFocusMfa(true);
      } else {
        setError(e);
      }
    }
  };

  const chosen = app.roles.find((r) => r.arn === roleArn);

  return (
    <Dialog
      title={`Log in to ${app.name}`}
      description="Choose an IAM role. Airlock assumes it with this app's source credentials and keeps the session fresh."
      size="md"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={app.roles.length === 0 ? <Button onClick={onClose}>Close</Button> : (
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon="login" busy={busy}>{app.session ? 'Log in again' : 'Log in'}</Button>
        </>
      )}
    >
      {app.session ? <div className="current-session"><SessionStatus session={app.session} /></div> : null}
      {app.roles.length === 0 ? (
        <InfoNotice tone="warning" icon="alert">
          <p><strong>{app.name}</strong> allows no IAM roles yet.</p>
          <p>Remove it and add it again with its role ARNs, or from a terminal: <code>airlock apps add {app.name} --aws-role-arn ARN …</code></p>
        </InfoNotice>
      ) : (
        <fieldset className="role-list" aria-labelledby={legendId} aria-describedby={roleError ? `${legendId}-err` : undefined}>
          <legend id={legendId} className="field-label">Role</legend>
          {app.roles.map((r) => {
            const isCurrent = app.session?.roleArn === r.arn;
            return (
              <label key={r.arn} className={`role-option${r.arn === roleArn ? ' is-selected' : ''}`}>
                <input
                  type="radio"
                  name="role"
                  value={r.arn}
                  checked={r.arn === roleArn}
                  onChange={() => { setRoleArn(r.arn); setRoleError(undefined); }}
                  aria-labelledby={`${legendId}-${r.arn}-name`}
                  aria-describedby={`${legendId}-${r.arn}`}
                  data-autofocus={r.arn === roleArn || (!roleArn && r === app.roles[0]) ? true : undefined}
                />
                <span className="role-text">
                  <span className="role-name"><span id={`${legendId}-${r.arn}-name`}>{r.name}</span>{isCurrent ? <span className="role-current">current</span> : null}</span>
                  <span className="role-detail" id={`${legendId}-${r.arn}`}>
                    <span className="role-account">Account {r.accountId}</span>
                    <span className="role-arn">{r.arn}</span>
                  </span>
                </span>
              </label>
            );
          })}
          {roleError ? <p className="field-error" id={`${legendId}-err`} role="alert">{roleError}</p> : null}
        </fieldset>
      )}
      {app.roles.length > 0 ? (
        <div className="form-grid">
          <SelectField label="Session duration" value={String(duration)} onChange={(e) => setDuration(Number(e.target.value))} hint={chosen ? `Role ${chosen.name} may cap it lower.` : 'The role may cap it lower.'}>
            {durationOptions(duration).map((d) => <option key={d.seconds} value={d.seconds}>{d.label}</option>)}
          </SelectField>
          {askMfa ? (
            <TextField
              ref={mfaRef}
              label="MFA code"
              value={mfaCode}
              onChange={(e) => { setMfaCode(e.target.value.replace(/[^\d]/g, '').slice(0, 6)); setMfaError(undefined); setError(undefined); }}
              error={mfaError}
              inputMode="numeric"
              autoComplete="one-time-code"
              placeholder="123456"
              maxLength={6}
              hint={app.mfaSerial ? `From ${app.mfaSerial}` : 'Six digits from your MFA device.'}
            />
          ) : null}
        </div>
      ) : null}
      {!app.hasStoredKeys && app.roles.length > 0 ? (
        <InfoNotice icon="key">
          <p>No source keys are stored for {app.name}: Airlock uses your default AWS credentials (environment variables, ~/.aws).</p>
          <p><button type="button" className="link-button" onClick={onOpenSettings}>Store keys for this app in Settings</button></p>
        </InfoNotice>
      ) : null}
      {error ? <ErrorNotice error={error} title="Login failed" /> : null}
    </Dialog>
  );
}
