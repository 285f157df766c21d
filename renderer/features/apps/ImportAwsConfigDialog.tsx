import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { AwsImportPreview, AwsImportResult, ImportProblemView } from '../../../preload/aws-config';
import { ApiError, call } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { toApiError } from '../../lib/errors';
import { ImportAppItem } from './ImportAppItem';
import type { Choices } from './import-aws-config';
import { canImport, copyTargets, fileLabel, importRequest, initialChoices, nameErrors } from './import-aws-config';
import '../../styles/aws-import.css';

function Problems({ preview }: { preview: AwsImportPreview }): ReactElement | null {
  if (preview.problems.length === 0) return null;
  const group = (severity: ImportProblemView['severity']): ImportProblemView[] => preview.problems.filter((p) => p.severity === severity);
  return (
    <section className="import-section" aria-label="Problems in the AWS files">
      <h3 className="form-section">Problems in the files</h3>
      {(['error', 'warning'] as const).map((severity) => group(severity).length ? (
        <ul key={severity} className={`import-problems is-${severity}`} aria-label={severity === 'error' ? 'Errors' : 'Warnings'}>
          {group(severity).map((p, i) => (
            <li key={`${p.file ?? ''}:${p.line ?? ''}:${i}`}>
              <span className="import-problem-where mono" title={p.file}>
                {severity === 'error' ? 'Error' : 'Warning'} · {p.file ? `${fileLabel(preview, p.file)}${p.line !== undefined ? ` line ${p.line}` : ''}` : 'plan'}
                {p.section !== undefined ? ` [${p.section}]` : ''}
              </span>
              <span>{p.reason}</span>
            </li>
          ))}
        </ul>
      ) : null)}
    </section>
  );
}

function KeyProfiles({ preview, choices, moveKeys, disabled, onToggle }: {
  preview: AwsImportPreview; choices: Choices; moveKeys: ReadonlySet<string>; disabled: boolean; onToggle: (profile: string, on: boolean) => void;
}): ReactElement | null {
  if (preview.keyProfiles.length === 0) return null;
  const targets = copyTargets(preview, choices);
  return (
    <section className="import-section" aria-label="Long-lived keys">
      <h3 className="form-section">Long-lived keys</h3>
      <p className="import-help">
        These profiles hold access keys in your credentials file. Imported apps read them from there at each login, and
        they stay there. You may instead <strong>copy them into Airlock's encrypted vault</strong> for the apps that
        assume their roles with them: those apps then use the vault's copy, even if you later delete the keys from the
        file. Airlock never changes the credentials file itself.
      </p>
      <ul className="import-keys">
        {preview.keyProfiles.map((k) => {
          const to = targets[k.profile] ?? [];
          return (
            <li key={k.profile}>
              <label className="switch-field">
                <input type="checkbox" checked={moveKeys.has(k.profile) && to.length > 0} disabled={disabled || to.length === 0}
                  onChange={(e) => onToggle(k.profile, e.target.checked)} />
                <span className="field-label">Move keys of “{k.profile}” into Airlock's encrypted vault</span>
              </label>
              <p className="import-key-facts">
                {fileLabel(preview, k.file)} line {k.line}
                {k.usedBy.length ? ` · used by ${k.usedBy.map((n) => choices[n]?.name ?? n).join(', ')}` : ' · used by no app of this import'}
                {to.length ? ` · would be stored for ${to.join(', ')}` : ' · no chosen app is assumed with these keys directly'}
              </p>
              {k.hasSessionToken ? <p className="import-note is-warning">These keys have a session token: they are temporary, and a copy stops working when they expire.</p> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ResultSummary({ result }: { result: AwsImportResult }): ReactElement {
  return (
    <div className="import-result" aria-label="Import result">
      {result.created.length ? (
        <InfoNotice tone="success" icon="check">
          <p className="notice-title">Created {result.created.length === 1 ? '1 app' : `${result.created.length} apps`}</p>
          <ul className="import-result-list">
            {result.created.map((c) => <li key={c.name}><strong>{c.name}</strong> — {c.roles.join(', ')}{c.source ? ` · source ${c.source}` : ''}</li>)}
          </ul>
        </InfoNotice>
      ) : <InfoNotice tone="warning" icon="alert"><p>No app was created.</p></InfoNotice>}
      {result.skipped.length ? (
        <InfoNotice tone="warning" icon="alert">
          <p className="notice-title">Not imported</p>
          <ul className="import-result-list">{result.skipped.map((s) => <li key={s.planned}><strong>{s.name}</strong>: {s.reason}</li>)}</ul>
        </InfoNotice>
      ) : null}
      {result.keys.map((k) => (
        <InfoNotice key={k.profile} tone={k.copiedTo.length ? 'success' : 'info'} icon="key">
          <p>{k.copiedTo.length ? <>Keys of “{k.profile}” stored in the vault for {k.copiedTo.join(', ')}.</> : <>Keys of “{k.profile}” were not stored.</>}</p>
          {k.notCopied.map((n) => <p key={n.app} className="notice-hint">Not for {n.app}: {n.reason}</p>)}
        </InfoNotice>
      ))}
      {result.keysError ? <ErrorNotice error={new ApiError(result.keysError)} title="The keys were not stored" /> : null}
      <p className="import-help">Your credentials file ({result.credentialsFile.path}) was not changed.</p>
    </div>
  );
}

/**
 * "Import from AWS config": reads ~/.aws/config and ~/.aws/credentials on the main side, shows
 * the apps they give (with every role's source, MFA, duration and external id, and what cannot
 * be imported and why), lets the user choose and rename, and imports. Key values never come here.
 */
export function ImportAwsConfigDialog({ existingNames, onClose, onImported }: {
  existingNames: readonly string[];
  onClose: () => void;
  onImported: (result: AwsImportResult) => void;
}): ReactElement {
  const [preview, setPreview] = useState<AwsImportPreview>();
  const [loadError, setLoadError] = useState<ApiError>();
  const [choices, setChoices] = useState<Choices>({});
  const [moveKeys, setMoveKeys] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [importError, setImportError] = useState<ApiError>();
  const [result, setResult] = useState<AwsImportResult>();

  const load = useCallback(async (): Promise<void> => {
    setLoadError(undefined);
    setPreview(undefined);
    try {
      const p = await call('awsConfig.preview', {});
      setPreview(p);
      setChoices(initialChoices(p));
    } catch (err) {
      setLoadError(toApiError(err));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const errors = useMemo(() => nameErrors(choices, existingNames), [choices, existingNames]);
  const request = preview ? importRequest(preview, choices, moveKeys) : undefined;
  const count = request?.apps.length ?? 0;

  const submit = async (): Promise<void> => {
    if (!request || count === 0 || Object.keys(errors).length > 0) return;
    setBusy(true);
    setImportError(undefined);
    try {
      const r = await call('awsConfig.import', request);
      setResult(r);
      onImported(r);
    } catch (err) {
      setImportError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  let body: ReactElement;
  if (result) {
    body = <ResultSummary result={result} />;
  } else if (loadError) {
    body = <ErrorNotice error={loadError} title="Could not read your AWS config" action={<Button size="sm" icon="refresh" onClick={() => void load()}>Try again</Button>} />;
  } else if (!preview) {
    body = <p className="import-loading"><Spinner size={16} /> Reading your AWS config…</p>;
  } else {
    const files = (
      <dl className="import-files">
        {[preview.configFile, preview.credentialsFile].map((f) => (
          <div key={f.kind}><dt>{f.kind === 'config' ? 'Config' : 'Credentials'}</dt><dd className="mono">{f.path}{f.found ? '' : ' (not found)'}</dd></div>
        ))}
      </dl>
    );
    const nothing = !preview.configFile.found && !preview.credentialsFile.found;
    body = (
      <>
        {files}
        {importError ? <ErrorNotice error={importError} title="Nothing was imported" /> : null}
        {nothing ? (
          <InfoNotice>No AWS config was found at these paths. Set AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE before starting Airlock, or create the files with <code>aws configure</code>.</InfoNotice>
        ) : preview.apps.length === 0 ? (
          <InfoNotice>Nothing to import: no profile has a <code>role_arn</code> or an SSO account.</InfoNotice>
        ) : (
          <ul className="import-apps" aria-label="Apps to import">
            {preview.apps.map((a) => (
              <ImportAppItem
                key={a.planned}
                preview={preview}
                app={a}
                choice={choices[a.planned] ?? { selected: false, name: a.name }}
                error={errors[a.planned]}
                disabled={busy}
                onChange={(c) => setChoices((all) => ({ ...all, [a.planned]: c }))}
              />
            ))}
          </ul>
        )}
        <KeyProfiles preview={preview} choices={choices} moveKeys={moveKeys} disabled={busy}
          onToggle={(profile, on) => setMoveKeys((s) => {
            const next = new Set(s);
            if (on) next.add(profile);
            else next.delete(profile);
            return next;
          })} />
        <Problems preview={preview} />
      </>
    );
  }

  const importable = preview?.apps.filter(canImport).length ?? 0;
  return (
    <Dialog
      title="Import from AWS config"
      description="Apps from the role profiles of your ~/.aws/config: one per account and partition. Nothing is written until you import."
      size="lg"
      className="import-dialog"
      onClose={onClose}
      busy={busy}
      footer={result ? <Button variant="primary" onClick={onClose}>Done</Button> : (
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button variant="primary" icon="download" busy={busy} disabled={!preview || count === 0 || Object.keys(errors).length > 0}
            onClick={() => void submit()}>
            {busy ? 'Importing…' : count ? `Import ${count === 1 ? '1 app' : `${count} apps`}` : importable ? 'Choose apps to import' : 'Import'}
          </Button>
        </>
      )}
    >
      {body}
    </Dialog>
  );
}
