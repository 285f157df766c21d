import { useId } from 'react';
import type { ReactElement } from 'react';
import type { TableView } from '../../../preload/dynamodb';
import type { Draft, DraftErrors } from './builder';
import { keyOfTarget } from './builder';
import { arity, SORT_OP_LABELS, SORT_OP_LIST } from './ops';
import type { SortOp } from './ops';
import type { KeyType } from './values';

const KEY_PLACEHOLDER: Record<KeyType, string> = { S: 'value (empty: Scan)', N: 'number (empty: Scan)', B: 'base64 (empty: Scan)' };

function KeyName({ name, type }: { name: string; type: KeyType }): ReactElement {
  return <span className="key-input-name" title={`${name} (${type})`}><code>{name}</code><span className="type-badge">{type}</span></span>;
}

function ValueField({ label, name, type, value, error, placeholder, onChange }: {
  label: string; name: string; type: KeyType; value: string; error: string | undefined; placeholder: string; onChange: (v: string) => void;
}): ReactElement {
  const id = useId();
  return (
    <div className={`field key-field${error ? ' has-error' : ''}`}>
      <div className="key-label-row">
        <label className="field-label" htmlFor={id}>{label}</label>
        <KeyName name={name} type={type} />
      </div>
      <input
        id={id}
        className="input"
        value={value}
        placeholder={placeholder}
        inputMode={type === 'N' ? 'decimal' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? <p className="field-error" id={`${id}-error`}>{error}</p> : null}
    </div>
  );
}

/** Which table or index to read, the partition key value and the sort key condition. */
export function KeyFields({ table, draft, errors, onChange }: { table: TableView; draft: Draft; errors: DraftErrors; onChange: (d: Draft) => void }): ReactElement {
  const targetId = useId();
  const sortOpId = useId();
  const key = keyOfTarget(table, draft.index);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => onChange({ ...draft, [k]: v });
  return (
    <div className="key-fields">
      <div className="field target-field">
        <label className="field-label" htmlFor={targetId}>Table or index</label>
        <select
          id={targetId}
          className="input select"
          value={draft.index}
          onChange={(e) => {
            // A value typed for one key means nothing for another: keep it only when the key attribute is the same.
            const next = keyOfTarget(table, e.target.value);
            onChange({
              ...draft,
              index: e.target.value,
              ...(next.partition === key.partition ? {} : { partition: '' }),
              ...(next.sort === key.sort ? {} : { sortOp: '', sort: '', sort2: '' }),
            });
          }}
        >
          <option value="">{table.name} (table)</option>
          {table.indexes.map((ix) => (
            <option key={ix.name} value={ix.name}>{ix.name} ({ix.kind}: {ix.key.partition}{ix.key.sort ? `, ${ix.key.sort}` : ''})</option>
          ))}
        </select>
        {errors.index ? <p className="field-error">{errors.index}</p> : null}
      </div>
      <ValueField
        label="Partition key value"
        name={key.partition}
        type={key.partitionType}
        value={draft.partition}
        error={errors.partition}
        placeholder={KEY_PLACEHOLDER[key.partitionType]}
        onChange={(v) => set('partition', v)}
      />
      {key.sort ? (
        <div className="sort-fields">
          <div className="field sort-op-field">
            <label className="field-label" htmlFor={sortOpId}>Sort key condition</label>
            <select id={sortOpId} className="input select" value={draft.sortOp} onChange={(e) => set('sortOp', e.target.value as SortOp | '')}>
              <option value="">any</option>
              {SORT_OP_LIST.map((op) => <option key={op} value={op}>{SORT_OP_LABELS[op]}</option>)}
            </select>
          </div>
          {draft.sortOp ? (
            <ValueField label="Sort key value" name={key.sort} type={key.sortType} value={draft.sort} error={errors.sort} placeholder={key.sortType === 'N' ? 'number' : key.sortType === 'B' ? 'base64' : 'value'} onChange={(v) => set('sort', v)} />
          ) : null}
          {draft.sortOp && arity(draft.sortOp) === 2 ? (
            <ValueField label="Sort key end value" name={key.sort} type={key.sortType} value={draft.sort2} error={errors.sort2} placeholder="upper bound" onChange={(v) => set('sort2', v)} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
