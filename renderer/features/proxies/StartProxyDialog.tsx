import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView, ProxyView } from '../../../preload/contract';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';

export function StartProxyDialog({ apps, initialApp, onClose, onStarted }: {
  apps: AppView[];
  initialApp?: string;
  onClose: () => void;
  onStarted: (p: ProxyView) => void;
}): ReactElement {
  // Local apps need no session.
  const signedIn = apps.filter((a) => a.session || a.kind === 'local');
  const [app, setApp] = useState(signedIn.find((a) => a.name === initialApp)?.name ?? signedIn[0]?.name ?? '');
  const [mode, setMode] = useState<'forward' | 'endpoint'>('forward');
  const [portMode, setPortMode] = useState<'auto' | 'fixed'>('auto');
  const [port, setPort] = useState('');
  const [portError, setPortError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const modeId = useId();
  const portId = useId();

  const submit = async (): Promise<void> => {
    let portNum: number | undefined;
    if (portMode === 'fixed') {
      portNum = Number(port);
      if (!/^\d+$/.test(port) || portNum < 1 || portNum > 65535) {
        setPortError('Enter a port from 1 to 65535, or choose Automatic.');
        return;
      }
    }
    setBusy(true);
    setError(undefined);
    try {
      const p = await call('proxies.start', { app, mode, ...(portNum !== undefined ? { port: portNum } : {}) });
      onStarted(p);
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'PORT_IN_USE' || e.code === 'BAD_PORT') setPortError(e.hint ? `${e.message} — ${e.hint}` : e.message);
      else setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Start a proxy"
      description="A local proxy on 127.0.0.1 signs your tools' AWS requests with the app's session and audits each one."
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={signedIn.length === 0 ? <Button onClick={onClose}>Close</Button> : (
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon="play" busy={busy}>Start proxy</Button>
        </>
      )}
    >
      {signedIn.length === 0 ? (
        <InfoNotice tone="warning" icon="alert">
          <p>A proxy uses an app's session, and you are not logged in to any app yet.</p>
          <p>Log in to an app on the Apps page first.</p>
        </InfoNotice>
      ) : (
        <>
          <SelectField label="App" value={app} onChange={(e) => setApp(e.target.value)} hint="Only apps you are logged in to.">
            {signedIn.map((a) => <option key={a.name} value={a.name}>{a.name} — {a.kind === 'local' ? 'local' : a.session?.roleName}</option>)}
          </SelectField>
          <fieldset className="choice-group" aria-labelledby={modeId}>
            <legend id={modeId} className="field-label">Mode</legend>
            <label className={`choice${mode === 'forward' ? ' is-selected' : ''}`}>
              <input type="radio" name="mode" value="forward" checked={mode === 'forward'} onChange={() => setMode('forward')} data-autofocus={mode === 'forward' ? true : undefined} />
              <span className="choice-text">
                <span className="choice-title">Forward proxy</span>
                <span className="choice-detail">Sets HTTPS_PROXY and a local CA. Works with every AWS tool.</span>
              </span>
            </label>
            <label className={`choice${mode === 'endpoint' ? ' is-selected' : ''}`}>
              <input type="radio" name="mode" value="endpoint" checked={mode === 'endpoint'} onChange={() => setMode('endpoint')} />
              <span className="choice-text">
                <span className="choice-title">Endpoint</span>
                <span className="choice-detail">Sets AWS_ENDPOINT_URL. For SDKs and tools that honour endpoint URLs.</span>
              </span>
            </label>
          </fieldset>
          <fieldset className="choice-group choice-inline" aria-labelledby={portId}>
            <legend id={portId} className="field-label">Port</legend>
            <label className="radio-inline">
              <input type="radio" name="port" checked={portMode === 'auto'} onChange={() => { setPortMode('auto'); setPortError(undefined); }} />
              Automatic
            </label>
            <label className="radio-inline">
              <input type="radio" name="port" checked={portMode === 'fixed'} onChange={() => setPortMode('fixed')} />
              Choose
            </label>
            <TextField
              label="Port number"
              className="port-field"
              value={port}
              onChange={(e) => { setPort(e.target.value.replace(/\D/g, '').slice(0, 5)); setPortMode('fixed'); setPortError(undefined); }}
              inputMode="numeric"
              placeholder="8787"
              error={portError}
              disabled={portMode === 'auto'}
            />
          </fieldset>
          {error ? <ErrorNotice error={error} title="The proxy did not start" /> : null}
        </>
      )}
    </Dialog>
  );
}
