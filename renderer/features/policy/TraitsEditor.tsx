import { useId, useRef } from 'react';
import type { ReactElement } from 'react';
import { Button, IconButton } from '../../components/Button';
import { newRow } from './traits';
import type { TraitRow, TraitRowError } from './traits';

/**
 * External traits as rows of name and values (comma-separated). Adding a row focuses its name;
 * removing one focuses the "Add trait" button, so the keyboard never falls back to the page top.
 */
export function TraitsEditor({ rows, errors, onChange, disabled = false }: {
  rows: readonly TraitRow[];
  errors: Record<number, TraitRowError>;
  onChange: (rows: TraitRow[]) => void;
  disabled?: boolean;
}): ReactElement {
  const id = useId();
  const focusKey = useRef<number>(undefined);
  const addRef = useRef<HTMLDivElement>(null);
  const update = (key: number, patch: Partial<TraitRow>): void => onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <fieldset className="traits" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-hint`}>
      <legend id={`${id}-legend`} className="field-label">External traits</legend>
      <p id={`${id}-hint`} className="field-hint">
        What templates read as <code>{'{{external.NAME}}'}</code>, e.g. <code>email</code> for <code>{'{{email.local(external.email)}}'}</code>. Separate several values with commas.
      </p>
      {rows.length ? (
        <>
        <div className="traits-row traits-head" aria-hidden="true"><span>Name</span><span>Values</span></div>
        <ul className="traits-list" aria-label="Traits">
          {rows.map((row, i) => {
            const err = errors[row.key] ?? {};
            const n = i + 1;
            return (
              <li key={row.key} className="traits-row">
                <div className="traits-cell">
                  <input
                    ref={(el) => {
                      if (el && focusKey.current === row.key) {
                        el.focus();
                        focusKey.current = undefined;
                      }
                    }}
                    className="input"
                    aria-label={`Trait ${n} name`}
                    aria-invalid={err.name ? true : undefined}
                    aria-describedby={err.name ? `${id}-${row.key}-name` : undefined}
                    value={row.name}
                    placeholder="email"
                    autoComplete="off"
                    spellCheck={false}
                    disabled={disabled}
                    onChange={(e) => update(row.key, { name: e.target.value })}
                  />
                  {err.name ? <p className="field-error" id={`${id}-${row.key}-name`}>{err.name}</p> : null}
                </div>
                <div className="traits-cell">
                  <input
                    className="input"
                    aria-label={`Trait ${n} values`}
                    aria-invalid={err.values ? true : undefined}
                    aria-describedby={err.values ? `${id}-${row.key}-values` : undefined}
                    value={row.values}
                    placeholder="alice@example.com"
                    autoComplete="off"
                    spellCheck={false}
                    disabled={disabled}
                    onChange={(e) => update(row.key, { values: e.target.value })}
                  />
                  {err.values ? <p className="field-error" id={`${id}-${row.key}-values`}>{err.values}</p> : null}
                </div>
                <IconButton
                  icon="x"
                  label={`Remove trait ${row.name.trim() || n}`}
                  disabled={disabled}
                  onClick={() => {
                    onChange(rows.filter((r) => r.key !== row.key));
                    addRef.current?.querySelector('button')?.focus();
                  }}
                />
              </li>
            );
          })}
        </ul>
        </>
      ) : <p className="policy-note">No external traits.</p>}
      <div ref={addRef}>
        <Button
          size="sm"
          icon="plus"
          disabled={disabled}
          onClick={() => {
            const row = newRow();
            focusKey.current = row.key;
            onChange([...rows, row]);
          }}
        >
          Add trait
        </Button>
      </div>
    </fieldset>
  );
}
