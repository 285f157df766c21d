import type { ReactElement } from 'react';
import { IconButton } from '../../components/Button';
import type { ConditionDraft, DraftErrors } from './builder';
import { arity, FILTER_OP_LABELS, FILTER_OP_LIST, isSizeOp, typeAfterOpChange, typesFor } from './ops';
import type { FilterOp } from './ops';
import { ATTR_TYPES, TYPE_NAMES } from './values';
import type { AttrType } from './values';

const PLACEHOLDERS: Partial<Record<AttrType, string>> = {
  S: 'text', N: '42', B: 'base64', SS: '["a", "b"]', NS: '1, 2, 3', BS: 'aGk=, aGV5', L: '[{"S":"a"}]', M: '{"k":{"S":"v"}}',
};

function ValueInput({ label, type, value, error, onChange }: { label: string; type: AttrType; value: string; error: string | undefined; onChange: (v: string) => void }): ReactElement {
  if (type === 'BOOL') {
    return (
      <select className="input select cond-value" aria-label={label} value={value === 'false' ? 'false' : 'true'} onChange={(e) => onChange(e.target.value)}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (type === 'NULL') return <span className="cond-null" aria-label={label}>null</span>;
  return (
    <input
      className="input cond-value"
      aria-label={label}
      aria-invalid={error ? true : undefined}
      title={error}
      value={value}
      placeholder={PLACEHOLDERS[type]}
      inputMode={type === 'N' ? 'decimal' : undefined}
      spellCheck={false}
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** One filter condition: attribute path, operator, value type and zero, one or two values. */
export function ConditionRow({ c, label, errors, onChange, onRemove }: {
  c: ConditionDraft;
  /** "Condition 1", "Condition 2.1": names the row's group for assistive technology. */
  label: string;
  errors: DraftErrors;
  onChange: (c: ConditionDraft) => void;
  onRemove: () => void;
}): ReactElement {
  const n = arity(c.op);
  const types = typesFor(c.op);
  const pathError = errors[`${c.id}.path`];
  const valueError = errors[`${c.id}.value`];
  const value2Error = errors[`${c.id}.value2`];
  const messages = [pathError, valueError, value2Error].filter(Boolean);
  return (
    <div className="cond-row" role="group" aria-label={label}>
      <div className="cond-fields">
        <input
          className="input cond-path"
          aria-label="Attribute path"
          aria-invalid={pathError ? true : undefined}
          value={c.path}
          placeholder="attribute, a.b[0]"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange({ ...c, path: e.target.value })}
        />
        <select
          className="input select cond-op"
          aria-label="Operator"
          value={c.op}
          onChange={(e) => {
            const op = e.target.value as FilterOp;
            const type = typeAfterOpChange(op, c.type);
            if (op === 'attribute_type') onChange({ ...c, op, type, value: (ATTR_TYPES as readonly string[]).includes(c.value) ? c.value : 'S' });
            else onChange({ ...c, op, type, value: c.op === 'attribute_type' ? '' : c.value });
          }}
        >
          {FILTER_OP_LIST.map((op) => <option key={op} value={op}>{FILTER_OP_LABELS[op]}</option>)}
        </select>
        {c.op === 'attribute_type' ? (
          <select className="input select cond-value" aria-label="Value" value={c.value || 'S'} onChange={(e) => onChange({ ...c, value: e.target.value })}>
            {ATTR_TYPES.map((t) => <option key={t} value={t}>{t} · {TYPE_NAMES[t]}</option>)}
          </select>
        ) : null}
        {n > 0 && c.op !== 'attribute_type' ? (
          <>
            <select
              className="input select cond-type"
              aria-label="Value type"
              value={isSizeOp(c.op) ? 'N' : c.type}
              disabled={types.length < 2}
              title={isSizeOp(c.op) ? 'A size is a number' : TYPE_NAMES[c.type]}
              onChange={(e) => {
                const type = e.target.value as AttrType;
                const bool = (v: string): string => (v === 'true' || v === 'false' ? v : 'true');
                onChange(type === 'BOOL' ? { ...c, type, value: bool(c.value), value2: bool(c.value2) } : { ...c, type });
              }}
            >
              {(types.length ? types : ATTR_TYPES).map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
            <ValueInput label="Value" type={isSizeOp(c.op) ? 'N' : c.type} value={c.value} error={valueError} onChange={(v) => onChange({ ...c, value: v })} />
            {n === 2 ? (
              <>
                <span className="cond-and" aria-hidden="true">and</span>
                <ValueInput label="Second value" type={c.type} value={c.value2} error={value2Error} onChange={(v) => onChange({ ...c, value2: v })} />
              </>
            ) : null}
          </>
        ) : null}
        <IconButton icon="x" label="Remove condition" onClick={onRemove} />
      </div>
      {messages.length ? <p className="field-error cond-error">{messages.join(' · ')}</p> : null}
    </div>
  );
}
