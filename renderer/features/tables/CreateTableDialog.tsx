import { useState } from 'react';
import type { ReactElement } from 'react';
import type { TableView } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { SelectField, TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { newId } from './builder';
import { EMPTY_CREATE_TABLE, MAX_GSI, MAX_LSI, validateCreateTable } from './createTable';
import type { CreateTableDraft, CreateTableErrors, IndexDraft } from './createTable';
import type { KeyType } from './values';

const KEY_TYPES: ReadonlyArray<{ value: KeyType; label: string }> = [
  { value: 'S', label: 'String (S)' },
  { value: 'N', label: 'Number (N)' },
  { value: 'B', label: 'Binary (B)' },
];

function KeyTypeSelect({ label, value, onChange, disabled }: { label: string; value: KeyType; onChange: (t: KeyType) => void; disabled?: boolean }): ReactElement {
  return (
    <SelectField label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as KeyType)}>
      {KEY_TYPES.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}
    </SelectField>
  );
}

function IndexEditor({ ix, n, tablePk, errors, onChange, onRemove }: {
  ix: IndexDraft;
  n: number;
  tablePk: string;
  errors: CreateTableErrors;
  onChange: (ix: IndexDraft) => void;
  onRemove: () => void;
}): ReactElement {
  const e = (f: string): string | undefined => errors[`${ix.id}.${f}`];
  const set = <K extends keyof IndexDraft>(k: K, v: IndexDraft[K]): void => onChange({ ...ix, [k]: v });
  const title = `${ix.kind === 'GSI' ? 'Global' : 'Local'} index ${n}`;
  return (
    <fieldset className="create-index" aria-label={title}>
      <legend className="create-index-title">
        {title}
        <IconButton icon="x" label={`Remove ${title.toLowerCase()}`} onClick={onRemove} />
      </legend>
      <div className="form-grid">
        <TextField className="span-2" label="Index name" value={ix.name} onChange={(ev) => set('name', ev.target.value)} error={e('name')} autoComplete="off" spellCheck={false} />
        {ix.kind === 'GSI' ? (
          <>
            <TextField label="Index partition key" value={ix.partitionKey} onChange={(ev) => set('partitionKey', ev.target.value)} error={e('partitionKey')} autoComplete="off" spellCheck={false} />
            <KeyTypeSelect label="Index partition key type" value={ix.partitionType} onChange={(t) => set('partitionType', t)} />
          </>
        ) : (
          <TextField className="span-2" label="Index partition key" value={tablePk} readOnly hint="A local index shares the table's partition key." />
        )}
        <TextField label="Index sort key" optional={ix.kind === 'GSI'} value={ix.sortKey} onChange={(ev) => set('sortKey', ev.target.value)} error={e('sortKey')} autoComplete="off" spellCheck={false} />
        <KeyTypeSelect label="Index sort key type" value={ix.sortType} onChange={(t) => set('sortType', t)} />
        <SelectField label="Projection" value={ix.projection} onChange={(ev) => set('projection', ev.target.value as IndexDraft['projection'])}>
          <option value="ALL">All attributes</option>
          <option value="KEYS_ONLY">Keys only</option>
          <option value="INCLUDE">Keys and chosen attributes</option>
        </SelectField>
        {ix.projection === 'INCLUDE' ? (
          <TextField label="Projected attributes" value={ix.attributes} onChange={(ev) => set('attributes', ev.target.value)} error={e('attributes')} placeholder="status, total" hint="Separated by commas." autoComplete="off" spellCheck={false} />
        ) : null}
      </div>
    </fieldset>
  );
}

/** Create a table: keys, billing, optional indexes; every field is checked before the call. */
export function CreateTableDialog({ app, region, onClose, onCreated }: {
  app: string;
  region: string;
  onClose: () => void;
  onCreated: (t: TableView) => void;
}): ReactElement {
  const [d, setD] = useState<CreateTableDraft>(EMPTY_CREATE_TABLE);
  const [errors, setErrors] = useState<CreateTableErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  const update = (next: CreateTableDraft): void => {
    setD(next);
    // After a first attempt, messages follow the fields as they change.
    if (tried) setErrors(validateCreateTable(next).errors);
  };
  const set = <K extends keyof CreateTableDraft>(k: K, v: CreateTableDraft[K]): void => update({ ...d, [k]: v });
  const addIndex = (kind: 'GSI' | 'LSI'): void => update({
    ...d,
    indexes: [...d.indexes, { id: newId('ix'), kind, name: '', partitionKey: '', partitionType: 'S', sortKey: '', sortType: 'S', projection: 'ALL', attributes: '' }],
  });

  const submit = async (): Promise<void> => {
    setTried(true);
    const v = validateCreateTable(d);
    setErrors(v.errors);
    if (!v.spec) return;
    setBusy(true);
    setError(undefined);
    try {
      const t = await call('tables.create', { app, ...(region ? { region } : {}), spec: v.spec });
      onCreated(t);
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'TABLE_EXISTS' || /already exists/i.test(e.message)) setErrors({ table: e.message });
      else setError(e);
      setBusy(false);
    }
  };

  const gsis = d.indexes.filter((i) => i.kind === 'GSI').length;
  const lsis = d.indexes.filter((i) => i.kind === 'LSI').length;
  let g = 0;
  let l = 0;

  return (
    <Dialog
      title="Create table"
      description="DynamoDB needs only the key; every other attribute is free-form per item."
      size="lg"
      onClose={onClose}
      busy={busy}
      onSubmit={() => void submit()}
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon="plus" busy={busy}>Create</Button>
        </>
      )}
    >
      {error ? <ErrorNotice error={error} title="The table was not created" /> : null}
      <div className="form-grid">
        <TextField className="span-2" label="Table name" value={d.table} onChange={(e) => set('table', e.target.value)} error={errors.table} placeholder="orders" autoComplete="off" spellCheck={false} data-autofocus />
        <TextField label="Partition key name" value={d.partitionKey} onChange={(e) => set('partitionKey', e.target.value)} error={errors.partitionKey} placeholder="pk" autoComplete="off" spellCheck={false} />
        <KeyTypeSelect label="Partition key type" value={d.partitionType} onChange={(t) => set('partitionType', t)} />
        <TextField label="Sort key name" optional value={d.sortKey} onChange={(e) => set('sortKey', e.target.value)} error={errors.sortKey} placeholder="sk" autoComplete="off" spellCheck={false} />
        <KeyTypeSelect label="Sort key type" value={d.sortType} onChange={(t) => set('sortType', t)} disabled={!d.sortKey.trim()} />
      </div>
      <h3 className="form-section">Capacity</h3>
      <fieldset className="choice-group choice-inline">
        <legend className="field-label">Billing mode</legend>
        <label className="radio-inline">
          <input type="radio" name="billing" checked={d.billingMode === 'PAY_PER_REQUEST'} onChange={() => set('billingMode', 'PAY_PER_REQUEST')} />
          On-demand
        </label>
        <label className="radio-inline">
          <input type="radio" name="billing" checked={d.billingMode === 'PROVISIONED'} onChange={() => set('billingMode', 'PROVISIONED')} />
          Provisioned
        </label>
      </fieldset>
      {d.billingMode === 'PROVISIONED' ? (
        <div className="form-grid">
          <TextField label="Read capacity units" inputMode="numeric" value={d.read} onChange={(e) => set('read', e.target.value)} error={errors.read} />
          <TextField label="Write capacity units" inputMode="numeric" value={d.write} onChange={(e) => set('write', e.target.value)} error={errors.write} hint="Global indexes get the same capacity." />
        </div>
      ) : null}
      <h3 className="form-section">Secondary indexes</h3>
      {d.indexes.map((ix) => {
        const n = ix.kind === 'GSI' ? ++g : ++l;
        return (
          <IndexEditor
            key={ix.id}
            ix={ix}
            n={n}
            tablePk={d.partitionKey}
            errors={errors}
            onChange={(next) => update({ ...d, indexes: d.indexes.map((x) => (x.id === ix.id ? next : x)) })}
            onRemove={() => update({ ...d, indexes: d.indexes.filter((x) => x.id !== ix.id) })}
          />
        );
      })}
      {errors.indexes ? <p className="field-error" role="alert">{errors.indexes}</p> : null}
      <div className="create-index-actions">
        <Button size="sm" icon="plus" onClick={() => addIndex('GSI')} disabled={gsis >= MAX_GSI}>Add global index</Button>
        <Button size="sm" icon="plus" onClick={() => addIndex('LSI')} disabled={lsis >= MAX_LSI || !d.sortKey.trim()} title={d.sortKey.trim() ? undefined : 'Local indexes need a table sort key'}>Add local index</Button>
      </div>
    </Dialog>
  );
}
