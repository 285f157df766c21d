import { useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextArea, TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { APP_NAME_RE, parseEndpoints, parseLabels, parseRoleArns } from './parse';

type FieldName = 'name' | 'uri' | 'region' | 'labels' | 'roleArns' | 'accountId' | 'endpoints' | 'stsEndpoint' | 'federationEndpoint' | 'mfaSerial';
type Errors = Partial<Record<FieldName, string>>;

const REQUEST_FIELDS: Record<string, FieldName> = {
  name: 'name', uri: 'uri', region: 'region', labels: 'labels', roleArns: 'roleArns', accountId: 'accountId', endpoints: 'endpoints',
  stsEndpoint: 'stsEndpoint', federationEndpoint: 'federationEndpoint', mfaSerial: 'mfaSerial',
};

const ACCOUNT_ID_RE = /^\d{12}$/;

/** Which field a server error is about, so it shows under that field. */
export function fieldOfError(e: ApiError): FieldName | undefined {
  switch (e.code) {
    case 'BAD_APP_NAME':
    case 'APP_EXISTS':
      return 'name';
    case 'BAD_CONSOLE_URI':
      return 'uri';
    case 'BAD_REGION':
      return 'region';
    case 'BAD_ROLE_ARN':
      return 'roleArns';
    case 'BAD_ACCOUNT_ID':
      return 'accountId';
    case 'BAD_ENDPOINT':
      if (/STS endpoint/i.test(e.message)) return 'stsEndpoint';
      return /federation endpoint/i.test(e.message) ? 'federationEndpoint' : 'endpoints';
    case 'BAD_REQUEST': {
      const m = /request: ([A-Za-z]+)/.exec(e.message);
      return m ? REQUEST_FIELDS[m[1]!] : undefined;
    }
    default:
      return undefined;
  }
}

const withHint = (e: ApiError): string => (e.hint ? `${e.message} — ${e.hint}` : e.message);

type Values = Record<FieldName, string>;

const EMPTY: Values = { name: '', uri: '', region: '', labels: '', roleArns: '', accountId: '', endpoints: '', stsEndpoint: '', federationEndpoint: '', mfaSerial: '' };

/** The form's text for an existing app (edit mode). */
function valuesOf(app: AppView): Values {
  return {
    name: app.name,
    uri: app.uri,
    region: app.region,
    labels: Object.entries(app.labels).map(([k, val]) => `${k}=${val}`).join(', '),
    // The app's own list: `roles` are the ones offered, which the access policy may decide instead.
    roleArns: app.ownRoleArns.join('\n'),
    accountId: app.ownAccountId ?? '',
    endpoints: Object.entries(app.endpoints).map(([k, val]) => `${k}=${val}`).join('\n'),
    stsEndpoint: app.stsEndpoint ?? '',
    federationEndpoint: app.federationEndpoint ?? '',
    mfaSerial: app.mfaSerial ?? '',
  };
}

function roleArnsHint(editing: AppView | undefined): string {
  if (editing?.rolesFrom === 'policy') return "One per line: this app's own list. The access policy decides the roles offered now; this list applies again without policy roles.";
  return 'One per line: the roles you may choose when logging in (unless an access policy decides).';
}

/**
 * Adds an app, or with `app` edits it: prefilled, the name read-only (it keys the app's vault
 * entries), and only the fields the user changed are sent, so untouched ones stay exactly as stored.
 */
export function AddAppDialog({ app: editing, onClose, onAdded }: { app?: AppView; onClose: () => void; onAdded: (app: AppView) => void }): ReactElement {
  const [initial] = useState<Values>(() => (editing ? valuesOf(editing) : EMPTY));
  const [v, setV] = useState<Values>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  const set = (k: FieldName) => (e: { target: { value: string } }) => {
    setV((old) => ({ ...old, [k]: e.target.value }));
    if (errors[k]) setErrors((old) => ({ ...old, [k]: undefined }));
  };

  const submit = async (): Promise<void> => {
    const errs: Errors = {};
    const name = v.name.trim();
    const uri = v.uri.trim();
    if (!name) errs.name = 'Give the app a name, e.g. prod or data-dev.';
    else if (!APP_NAME_RE.test(name)) errs.name = 'Use letters, digits, ".", "_" or "-" (up to 64), starting with a letter or digit.';
    if (!uri) errs.uri = 'The AWS console URI decides the partition, e.g. https://console.aws.amazon.com/';
    const labels = parseLabels(v.labels);
    if (!labels.ok) errs.labels = labels.error;
    const endpoints = parseEndpoints(v.endpoints);
    if (!endpoints.ok) errs.endpoints = endpoints.error;
    const accountId = v.accountId.trim();
    if (accountId && !ACCOUNT_ID_RE.test(accountId)) errs.accountId = 'An AWS account ID is 12 digits, e.g. 123456789012.';
    if (Object.values(errs).some(Boolean)) {
      setErrors(errs);
      return;
    }
    setBusy(true);
    setFormError(undefined);
    try {
      const roleArns = parseRoleArns(v.roleArns);
      if (editing) {
        const changed = (k: FieldName): boolean => v[k] !== initial[k];
        const app = await call('apps.update', {
          name: editing.name,
          ...(changed('uri') ? { uri } : {}),
          ...(changed('region') ? { region: v.region.trim() } : {}),
          ...(changed('labels') && labels.ok ? { labels: labels.value } : {}),
          ...(changed('roleArns') ? { roleArns } : {}),
          ...(changed('accountId') ? { accountId } : {}),
          ...(changed('endpoints') && endpoints.ok ? { endpoints: endpoints.value } : {}),
          ...(changed('stsEndpoint') ? { stsEndpoint: v.stsEndpoint.trim() } : {}),
          ...(changed('federationEndpoint') ? { federationEndpoint: v.federationEndpoint.trim() } : {}),
          ...(changed('mfaSerial') ? { mfaSerial: v.mfaSerial.trim() } : {}),
        });
        onAdded(app);
        return;
      }
      const app = await call('apps.add', {
        name,
        uri,
        ...(v.region.trim() ? { region: v.region.trim() } : {}),
        ...(labels.ok && Object.keys(labels.value).length ? { labels: labels.value } : {}),
        ...(roleArns.length ? { roleArns } : {}),
        ...(accountId ? { accountId } : {}),
        ...(endpoints.ok && Object.keys(endpoints.value).length ? { endpoints: endpoints.value } : {}),
        ...(v.stsEndpoint.trim() ? { stsEndpoint: v.stsEndpoint.trim() } : {}),
        ...(v.federationEndpoint.trim() ? { federationEndpoint: v.federationEndpoint.trim() } : {}),
        ...(v.mfaSerial.trim() ? { mfaSerial: v.mfaSerial.trim() } : {}),
      });
      onAdded(app);
    } catch (err) {
      const e = toApiError(err);
      const field = fieldOfError(e);
      if (field) setErrors({ [field]: withHint(e) });
      else setFormError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={editing ? `Edit ${editing.name}` : 'Add app'}
      description={editing
        ? 'Its stored keys and session stay. Running proxies of this app stop if anything but its labels changes.'
        : 'An app is one AWS account entry point and the IAM roles you may assume in it.'}
      size="lg"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon={editing ? 'check' : 'plus'} busy={busy}>{editing ? 'Save changes' : 'Add app'}</Button>
        </>
      )}
    >
      {formError ? <ErrorNotice error={formError} title={editing ? 'The changes were not saved' : 'The app was not added'} /> : null}
      <div className="form-grid">
        {editing ? (
          <TextField label="Name" value={v.name} readOnly hint="An app cannot be renamed: its keys and session are stored under this name." autoComplete="off" spellCheck={false} />
        ) : (
          <TextField label="Name" value={v.name} onChange={set('name')} error={errors.name} placeholder="prod" autoComplete="off" spellCheck={false} data-autofocus />
        )}
        <TextField label="Region" optional data-autofocus={editing ? true : undefined} value={v.region} onChange={set('region')} error={errors.region} placeholder="Partition default (us-east-1)" autoComplete="off" spellCheck={false} />
        <TextField className="span-2" label="Console URI" value={v.uri} onChange={set('uri')} error={errors.uri} placeholder="https://console.aws.amazon.com/" type="url" autoComplete="off" spellCheck={false} hint="aws, aws-us-gov or aws-cn is taken from its host." />
        <TextArea className="span-2" label="Role ARNs" optional rows={2} value={v.roleArns} onChange={set('roleArns')} error={errors.roleArns} placeholder="arn:aws:iam::123456789012:role/ReadOnly" spellCheck={false} hint={roleArnsHint(editing)} />
        <TextField label="Labels" optional value={v.labels} onChange={set('labels')} error={errors.labels} placeholder="env=prod, team=data" autoComplete="off" spellCheck={false} hint="KEY=VALUE, separated by commas. Searchable; the access policy matches apps by them." />
        <TextField label="Account ID" optional value={v.accountId} onChange={set('accountId')} error={errors.accountId} placeholder={editing?.accountId ?? '123456789012'} inputMode="numeric" maxLength={12} autoComplete="off" spellCheck={false} hint="12 digits: only this account's roles are offered. Empty: the account its own roles share, if they do." />
      </div>
      <h3 className="form-section">Advanced</h3>
      <div className="form-grid">
        <TextArea className="span-2" label="Endpoint overrides" optional rows={2} value={v.endpoints} onChange={set('endpoints')} error={errors.endpoints} placeholder="dynamodb=http://127.0.0.1:8000" spellCheck={false} hint="SERVICE=URL, one per line: where the proxy sends that service's requests." />
        <TextField label="STS endpoint" optional value={v.stsEndpoint} onChange={set('stsEndpoint')} error={errors.stsEndpoint} placeholder="https://sts.us-east-1.amazonaws.com" autoComplete="off" spellCheck={false} />
        <TextField label="Federation endpoint" optional value={v.federationEndpoint} onChange={set('federationEndpoint')} error={errors.federationEndpoint} placeholder="https://signin.aws.amazon.com/federation" autoComplete="off" spellCheck={false} hint="Console sign-in override, mostly for private partitions." />
        <TextField label="MFA device serial" optional value={v.mfaSerial} onChange={set('mfaSerial')} error={errors.mfaSerial} placeholder="arn:aws:iam::123456789012:mfa/you" autoComplete="off" spellCheck={false} hint="Asks for a code at every login." />
      </div>
    </Dialog>
  );
}
