import type { ReactElement } from 'react';
import type { HistoryEntry } from '../../../preload/dynamodb';
import type { ApiError } from '../../api';
import { IconButton } from '../../components/Button';
import { formatTimestamp } from '../../lib/format';

/** The app's recent PartiQL statements, newest first; picking one puts it back in the editor. */
export function PartiqlHistory({ entries, error, onPick, onRefresh }: {
  entries: HistoryEntry[] | undefined;
  error: ApiError | undefined;
  onPick: (statement: string) => void;
  onRefresh: () => void;
}): ReactElement {
  const statements = (entries ?? []).filter((e): e is HistoryEntry & { statement: string } => Boolean(e.statement));
  return (
    <aside className="partiql-history card" aria-label="Statement history">
      <div className="partiql-history-head">
        <h3 className="details-title">History</h3>
        <IconButton icon="refresh" label="Refresh history" onClick={onRefresh} />
      </div>
      {error ? <p className="field-error">Could not load the history: {error.message}</p> : null}
      {!entries && !error ? <p className="details-none">Loading…</p> : null}
      {entries && statements.length === 0 ? <p className="details-none">Statements you run show here.</p> : null}
      {statements.length ? (
        <ul className="history-list">
          {statements.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <button type="button" className="history-item" onClick={() => onPick(e.statement)} title={e.statement} aria-label={`Use statement: ${e.statement.slice(0, 200)}`}>
                <code className="history-statement">{e.statement}</code>
                <span className="history-at">{formatTimestamp(e.at)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
