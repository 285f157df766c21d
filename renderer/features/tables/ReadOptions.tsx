import { useId } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { Draft, DraftErrors } from './builder';

function Small({ label, hint, error, children }: { label: string; hint?: ReactNode; error?: string | undefined; children: (id: string) => ReactElement }): ReactElement {
  const id = useId();
  return (
    <div className={`field option-field${error ? ' has-error' : ''}`}>
      <label className="field-label" htmlFor={id}>{label}</label>
      {children(id)}
      {error ? <p className="field-error">{error}</p> : hint ? <p className="field-hint">{hint}</p> : null}
    </div>
  );
}

/**
 * How to read: projection, order (Query only), DynamoDB's page size (items evaluated per request)
 * kept apart from the rows to show, optional capacity/time budgets, strong consistency.
 */
export function ReadOptions({ draft, errors, onChange, isQuery, isGsi }: {
  draft: Draft;
  errors: DraftErrors;
  onChange: (d: Draft) => void;
  /** undefined while the plan is not known. */
  isQuery: boolean | undefined;
  isGsi: boolean;
}): ReactElement {
  const set = <K extends keyof Draft>(k: K, v: Draft[K]): void => onChange({ ...draft, [k]: v });
  const consistentId = useId();
  const consistentHint = useId();
  return (
    <div className="read-options">
      <Small label="Projection" error={errors.projection} hint="Paths separated by commas; empty: all attributes.">
        {(id) => (
          <input id={id} className="input" value={draft.projection} placeholder="pk, status, address.city" spellCheck={false} autoComplete="off"
            aria-invalid={errors.projection ? true : undefined} onChange={(e) => set('projection', e.target.value)} />
        )}
      </Small>
      <Small label="Sort order" hint={isQuery === false ? 'A Scan has no order.' : 'By sort key (Query only).'}>
        {(id) => (
          <select id={id} className="input select" value={draft.descending ? 'desc' : 'asc'} disabled={isQuery === false} onChange={(e) => set('descending', e.target.value === 'desc')}>
            <option value="asc">Ascending</option>
            <option value="desc">Descending</option>
          </select>
        )}
      </Small>
      <Small label="Page size" error={errors.pageSize} hint="Items evaluated per request (Limit).">
        {(id) => (
          <input id={id} className="input" inputMode="numeric" value={draft.pageSize} placeholder="auto" onChange={(e) => set('pageSize', e.target.value)} aria-invalid={errors.pageSize ? true : undefined}
            title="auto: the rows to show when there is no filter, else DynamoDB's 1 MB pages" />
        )}
      </Small>
      <Small label="Rows to show" error={errors.rows} hint="Stop once this many matched.">
        {(id) => <input id={id} className="input" inputMode="numeric" value={draft.rows} onChange={(e) => set('rows', e.target.value)} aria-invalid={errors.rows ? true : undefined} />}
      </Small>
      <Small label="Read capacity budget" error={errors.maxCapacity} hint="Stop after this many RCU.">
        {(id) => <input id={id} className="input" inputMode="decimal" value={draft.maxCapacity} placeholder="no limit" onChange={(e) => set('maxCapacity', e.target.value)} aria-invalid={errors.maxCapacity ? true : undefined} />}
      </Small>
      <Small label="Time budget (seconds)" error={errors.maxSeconds} hint="Stop after this long.">
        {(id) => <input id={id} className="input" inputMode="decimal" value={draft.maxSeconds} placeholder="no limit" onChange={(e) => set('maxSeconds', e.target.value)} aria-invalid={errors.maxSeconds ? true : undefined} />}
      </Small>
      <div className="field option-field option-check">
        <label className="check-inline" htmlFor={consistentId}>
          <input
            id={consistentId}
            type="checkbox"
            checked={draft.consistent && !isGsi}
            disabled={isGsi}
            aria-describedby={consistentHint}
            onChange={(e) => set('consistent', e.target.checked)}
          />
          Strongly consistent read
        </label>
        <p className="field-hint" id={consistentHint}>
          {isGsi ? 'Not on a global index: GSIs are eventually consistent only.' : 'Latest writes; twice the read units.'}
        </p>
      </div>
    </div>
  );
}
