import type { FormEvent, ReactElement } from 'react';
import type { TableView } from '../../../preload/dynamodb';
import { Button } from '../../components/Button';
import { Kbd, MOD_KEY } from '../../components/Chip';
import type { Draft, DraftErrors } from './builder';
import { countConditions, emptyDraft, keyOfTarget } from './builder';
import { FilterGroup } from './FilterGroup';
import { KeyFields } from './KeyFields';
import { ReadOptions } from './ReadOptions';

/**
 * The query form. Enter in a field or Ctrl/Cmd+Enter anywhere runs it; errors show only after a
 * first Run so typing is not interrupted.
 */
export function QueryBuilder({ table, draft, errors, showErrors, onChange, onRun, running, isQuery, actions }: {
  table: TableView;
  draft: Draft;
  errors: DraftErrors;
  showErrors: boolean;
  onChange: (d: Draft) => void;
  onRun: () => void;
  running: boolean;
  isQuery: boolean | undefined;
  /** Extra buttons next to Run (saved queries). */
  actions?: ReactElement;
}): ReactElement {
  const shown = showErrors ? errors : {};
  const isGsi = keyOfTarget(table, draft.index).kind === 'GSI';
  const filters = countConditions(draft.filter);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    onRun();
  };
  return (
    <form
      className="query-builder card"
      aria-label="Query builder"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          onRun();
        }
      }}
    >
      <KeyFields table={table} draft={draft} errors={shown} onChange={onChange} />
      <div className="builder-section">
        <h3 className="builder-section-title">Filters{filters ? <span className="builder-count">{filters}</span> : null}</h3>
        <FilterGroup group={draft.filter} errors={shown} onChange={(filter) => onChange({ ...draft, filter })} />
      </div>
      <div className="builder-section">
        <h3 className="builder-section-title">Read options</h3>
        <ReadOptions draft={draft} errors={shown} onChange={onChange} isQuery={isQuery} isGsi={isGsi} />
      </div>
      <div className="builder-actions">
        <Button type="submit" variant="primary" icon="play" busy={running} aria-keyshortcuts="Enter Control+Enter Meta+Enter">Run</Button>
        <span className="builder-hint"><Kbd>Enter</Kbd> or <Kbd>{MOD_KEY}</Kbd><Kbd>Enter</Kbd></span>
        <Button variant="ghost" size="sm" onClick={() => onChange({ ...emptyDraft(), rows: draft.rows, pageSize: draft.pageSize })}>Reset</Button>
        <span className="builder-spacer" />
        {actions}
      </div>
    </form>
  );
}
