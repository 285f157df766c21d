import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView, RoleView, SessionView } from '../../../preload/contract';
import { ApiError, call } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { formatDurationLabel } from '../../lib/format';
import { durationOptions, useDefaultDuration } from '../../lib/prefs';
import { SessionStatus } from '../apps/SessionStatus';
import { PolicyWarnings } from '../policy/PolicyWarnings';
import { NoRolesNotice } from './NoRolesNotice';
import { RoleOption } from './RoleOption';

function durationHint(role: RoleView | undefined): string {
  if (!role) return 'The role may cap it lower.';
  if (role.durationSeconds) return `Role ${role.name} asks for ${formatDurationLabel(role.durationSeconds)} (its duration_seconds); it may cap it lower.`;
  return `Role ${role.name} may cap it lower.`;
}

/**
 * Picks one of the roles the app offers (each saying why: the policy roles granting it, or the
 * app's own list), a session duration and (when the role needs it) an MFA code, and logs in.
 */
export function RoleSelectorDialog({ app, initialRoleArn, mfaRequired = false, onClose, onLoggedIn, onOpenSettings, onOpenPolicy, onEditApp }: {
  app: AppView;
  initialRoleArn?: string;
  mfaRequired?: boolean;
  onClose: () => void;
  onLoggedIn: (session: SessionView) => void;
  onOpenSettings: () => void;
  /** The Access policy view: why roles are (not) offered. */
  onOpenPolicy: () => void;
  /** The edit dialog of this app: its own role list. */
  onEditApp: () => void;
}): ReactElement {
  const first = app.roles.find((r) => r.arn === initialRoleArn) ?? app.roles.find((r) => r.arn === app.session?.roleArn) ?? (app.roles.length === 1 ? app.roles[0] : undefined);
  const [roleArn, setRoleArn] = useState(first?.arn ?? '');
  // The default duration preference until the user picks one (it may still be loading when the dialog opens).
  const preferred = useDefaultDuration();
  const [picked, setDuration] = useState<number>();
  const chosen = app.roles.find((r) => r.arn === roleArn);
  // A role that names its own session length (duration_seconds) starts there, unless the user picked one.
  const duration = picked ?? chosen?.durationSeconds ?? preferred;
  const [mfaCode, setMfaCode] = useState('');
  // The chosen role's MFA device (its own, else the app's); before a choice, the app's.
  const mfaSerial = chosen ? chosen.mfaSerial : app.mfaSerial;
  // The server said MFA_REQUIRED (a device it knows but the app does not name).
  const [serverAskedMfa, setServerAskedMfa] = useState(mfaRequired);
  const askMfa = Boolean(mfaSerial) || serverAskedMfa;
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
        setServerAskedMfa(true);
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
        <NoRolesNotice app={app} onOpenPolicy={onOpenPolicy} onEditApp={onEditApp} />
      ) : (
        <fieldset className="role-list" aria-labelledby={legendId} aria-describedby={roleError ? `${legendId}-err` : undefined}>
          <legend id={legendId} className="field-label">Role</legend>
          {app.roles.map((r) => (
            <RoleOption
              key={r.arn}
              role={r}
              idBase={`${legendId}-${r.arn}`}
              checked={r.arn === roleArn}
              current={app.session?.roleArn === r.arn}
              autoFocus={r.arn === roleArn || (!roleArn && r === app.roles[0])}
              onPick={() => { setRoleArn(r.arn); setRoleError(undefined); }}
            />
          ))}
          {roleError ? <p className="field-error" id={`${legendId}-err`} role="alert">{roleError}</p> : null}
        </fieldset>
      )}
      {app.roles.length > 0 ? (
        <div className="form-grid">
          <SelectField label="Session duration" value={String(duration)} onChange={(e) => setDuration(Number(e.target.value))} hint={durationHint(chosen)}>
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
              hint={mfaSerial ? `From ${mfaSerial}` : 'Six digits from your MFA device.'}
            />
          ) : null}
        </div>
      ) : null}
      <PolicyWarnings warnings={app.roleWarnings} app={app.name} />
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
