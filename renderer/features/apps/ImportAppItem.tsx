import { useId } from 'react';
import type { ReactElement } from 'react';
import type { AwsImportPreview, ImportAppView, ImportRoleView } from '../../../preload/aws-config';
import { Chip } from '../../components/Chip';
import { Icon } from '../../components/Icon';
import type { AppChoice } from './import-aws-config';
import { canImport, durationText, fileLabel } from './import-aws-config';

const sourceText = (s: NonNullable<ImportRoleView['source']>): string =>
  s.kind === 'profile' ? `AWS profile “${s.profile}”` : `credential_source ${s.value}`;

function RoleLine({ preview, role, app }: { preview: AwsImportPreview; role: ImportRoleView; app: ImportAppView }): ReactElement {
  const facts: string[] = [];
  // A role's own source shows only where the app has none for all of its roles.
  if (role.imported && !app.shared.source) facts.push(`source: ${role.source ? sourceText(role.source) : "the app's credentials"}`);
  // The CLI's way to the credentials, unless it says the same as the source (credential_source).
  if (role.sourceText && !(role.source?.kind === 'credential_source' && role.sourceText === `credential_source ${role.source.value}`)) facts.push(`credentials: ${role.sourceText}${role.chain.length > 1 ? ` via ${role.chain.join(' → ')}` : ''}`);
  if (role.mfaSerial && !app.shared.mfaSerial) facts.push(`MFA ${role.mfaSerial}`);
  if (role.durationSeconds) facts.push(`sessions of ${durationText(role.durationSeconds)}`);
  if (role.externalId) facts.push(`external id ${role.externalId}`);
  return (
    <li className={`import-role${role.imported ? '' : ' is-skipped'}`}>
      <Icon name={role.imported ? 'check' : 'x'} size={14} className="import-role-mark" />
      <div className="import-role-body">
        <p className="import-role-head">
          <strong>{role.roleName}</strong>
          <span className="muted"> · profile {role.profile} · {fileLabel(preview, role.file)} line {role.line}</span>
          {role.chained ? <Chip tone="warning" title="Assumed with another role's session: STS limits it to 1 hour">chained · 1 h</Chip> : null}
        </p>
        {role.imported ? null : <p className="import-role-reason">Not imported: {role.reason}</p>}
        {facts.length ? <p className="import-role-facts">{facts.join(' · ')}</p> : null}
        {role.notes.map((n) => (
          <p key={n.text} className={`import-note is-${n.level}`}>{n.text}</p>
        ))}
      </div>
    </li>
  );
}

const STATUS: Partial<Record<ImportAppView['status'], { tone: 'warning' | 'danger'; text: string }>> = {
  'not-importable': { tone: 'danger', text: 'Not importable' },
  exists: { tone: 'warning', text: 'Airlock has this account' },
};

/** One planned app: choose it, rename it, and see what becomes of each of its roles. */
export function ImportAppItem({ preview, app, choice, error, disabled, onChange }: {
  preview: AwsImportPreview;
  app: ImportAppView;
  choice: AppChoice;
  error: string | undefined;
  disabled: boolean;
  onChange: (choice: AppChoice) => void;
}): ReactElement {
  const id = useId();
  const status = STATUS[app.status];
  const importable = canImport(app);
  return (
    <li className={`import-app${choice.selected ? ' is-selected' : ''}${importable ? '' : ' is-blocked'}`} aria-labelledby={`${id}-title`}>
      <div className="import-app-head">
        <input
          type="checkbox"
          className="import-check"
          aria-label={`Import ${app.planned}`}
          checked={importable && choice.selected}
          disabled={!importable || disabled}
          onChange={(e) => onChange({ ...choice, selected: e.target.checked })}
        />
        <div className="import-app-title" id={`${id}-title`}>
          {importable ? (
            <input
              className="input import-name"
              aria-label={`Name for ${app.planned}`}
              aria-invalid={error ? true : undefined}
              value={choice.name}
              disabled={!choice.selected || disabled}
              spellCheck={false}
              autoComplete="off"
              onChange={(e) => onChange({ ...choice, name: e.target.value })}
            />
          ) : <strong>{app.planned}</strong>}
          <span className="import-app-meta mono">{app.accountId} · {app.partition} · {app.region}</span>
          {status ? <Chip tone={status.tone}>{status.text}</Chip> : null}
        </div>
      </div>
      {error ? <p className="field-error import-app-error" role="alert">{error}</p> : null}
      {app.reason ? <p className="import-app-reason">{app.reason}</p> : null}
      {app.shared.source || app.shared.mfaSerial ? (
        <p className="import-app-shared">
          {app.shared.source ? <>Source credentials: <strong>{sourceText(app.shared.source)}</strong></> : null}
          {app.shared.source && app.shared.mfaSerial ? ' · ' : null}
          {app.shared.mfaSerial ? <>MFA device <span className="mono">{app.shared.mfaSerial}</span></> : null}
        </p>
      ) : null}
      {app.notes.map((n) => <p key={n.text} className={`import-note is-${n.level}`}>{n.text}</p>)}
      <ul className="import-roles" aria-label={`Roles of ${app.planned}`}>
        {app.roles.map((r) => <RoleLine key={`${r.profile}:${r.line}`} preview={preview} role={r} app={app} />)}
      </ul>
    </li>
  );
}
