import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { HistoryEntry, Item } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Kbd, MOD_KEY } from '../../components/Chip';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { toApiError } from '../../lib/errors';
import { formatCount } from '../../lib/format';
import { ItemEditorDialog } from '../items/ItemEditorDialog';
import { loadStatement, saveStatement } from './memory';
import { exampleStatement } from './partiql';
import { PartiqlHistory } from './PartiqlHistory';
import { formatCapacity, formatMs } from './results';
import { ResultsGrid } from './ResultsGrid';
import { usePartiql } from './usePartiql';
import type { PartiqlOptions } from './usePartiql';

/** PartiQL for the whole app: an editor (Ctrl/Cmd+Enter runs), results in the items grid, Next page, and the app's statement history. */
export function PartiqlTab({ app, region, effectiveRegion, table }: { app: string; region: string; effectiveRegion: string; table: string | undefined }): ReactElement {
  const editorId = useId();
  const limitId = useId();
  const consistentId = useId();
  const memKey = `${app} ${effectiveRegion}`;
  const [text, setText] = useState(() => loadStatement(memKey) ?? exampleStatement(table));
  const [limit, setLimit] = useState('');
  const [consistent, setConsistent] = useState(false);
  const [history, setHistory] = useState<HistoryEntry[]>();
  const [historyError, setHistoryError] = useState<ApiError>();
  const [editing, setEditing] = useState<Item>();
  const editorRef = useRef<HTMLTextAreaElement>(null);
  const toast = useToast();
  const regionArg = region ? { region } : {};

  const limitNum = Number(limit);
  const limitOk = limit.trim() === '' || (/^\d+$/.test(limit.trim()) && limitNum >= 1 && limitNum <= 10_000);

  const loadHistory = useCallback(async () => {
    try {
      setHistory(await call('queries.history', { app }));
      setHistoryError(undefined);
    } catch (err) {
      setHistoryError(toApiError(err));
    }
  }, [app]);
  useEffect(() => { void loadHistory(); }, [loadHistory]);
  const { results, error, running, execute } = usePartiql(app, region, `partiql ${memKey}`, () => void loadHistory());
  const options = (): PartiqlOptions => ({ limit: limit.trim() && limitOk ? limitNum : undefined, consistent });

  const update = (t: string): void => {
    setText(t);
    saveStatement(memKey, t);
  };

  const run = (): void => {
    const statement = text.trim();
    if (!statement || running === 'run' || !limitOk) return;
    void execute(statement, options());
  };

  const restore = (statement: string): void => {
    update(statement);
    editorRef.current?.focus();
  };

  return (
    <div className="partiql">
      <form
        className="partiql-editor card"
        aria-label="PartiQL editor"
        onSubmit={(e) => { e.preventDefault(); run(); }}
        noValidate
      >
        <div className="field">
          <label className="field-label" htmlFor={editorId}>PartiQL statement</label>
          <textarea
            id={editorId}
            ref={editorRef}
            className="input textarea partiql-text"
            rows={5}
            value={text}
            spellCheck={false}
            autoComplete="off"
            aria-keyshortcuts="Control+Enter Meta+Enter"
            onChange={(e) => update(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                run();
              }
            }}
          />
          <p className="field-hint">
            Runs on {app} in {effectiveRegion}. Strings in single quotes, table names in double quotes; statements that write change data at once.
          </p>
        </div>
        <div className="builder-actions">
          <Button type="submit" variant="primary" icon="play" busy={running === 'run'} disabled={!text.trim() || !limitOk}>Run</Button>
          <span className="builder-hint"><Kbd>{MOD_KEY}</Kbd><Kbd>Enter</Kbd></span>
          <div className="partiql-option">
            <label htmlFor={limitId}>Page size</label>
            <input id={limitId} className="input" inputMode="numeric" value={limit} placeholder="default" onChange={(e) => setLimit(e.target.value)} aria-invalid={limitOk ? undefined : true} />
          </div>
          <label className="check-inline" htmlFor={consistentId}>
            <input id={consistentId} type="checkbox" checked={consistent} onChange={(e) => setConsistent(e.target.checked)} />
            Strongly consistent read
          </label>
        </div>
        {!limitOk ? <p className="field-error">Page size: a whole number from 1 to 10,000</p> : null}
      </form>

      <div className="partiql-main">
        <div className="partiql-results">
          {error ? <ErrorNotice error={error} title="The statement failed" /> : null}
          {results ? (
            <>
              <section className="read-stats" aria-label="Statement statistics">
                <dl className="read-stat-list">
                  <div className="read-stat"><dt>Loaded</dt><dd>{formatCount(results.items.length)} {results.items.length === 1 ? 'item' : 'items'}</dd></div>
                  <div className="read-stat"><dt>Requests</dt><dd>{results.requests}</dd></div>
                  <div className="read-stat"><dt>Capacity</dt><dd>{formatCapacity(results.capacity)}</dd></div>
                  <div className="read-stat"><dt>Time</dt><dd>{formatMs(results.elapsedMs)}</dd></div>
                </dl>
                <p className="read-stopped">{results.nextToken ? 'more results: Next page continues' : 'end of results'}</p>
              </section>
              <div className={`results-grid-wrap${running === 'run' ? ' is-stale' : ''}`}>
                <ResultsGrid
                  label="Items"
                  items={results.items}
                  ids={results.ids}
                  columns={results.columns}
                  keyNames={results.keyNames}
                  onOpen={results.keyNames && results.table ? (i) => setEditing(results.items[i]) : undefined}
                  empty={<p>The statement returned no items.</p>}
                />
              </div>
              <div className="paging-bar">
                <Button size="sm" icon="chevronRight" disabled={!results.nextToken || Boolean(running)} busy={running === 'next'}
                  onClick={() => void execute(results.statement, options(), results)}>Next page</Button>
              </div>
            </>
          ) : running ? (
            <div className="loading-block" aria-busy="true"><Spinner /> Running…</div>
          ) : (
            <p className="results-placeholder">Write a statement and press <strong>Run</strong> ({MOD_KEY}+Enter).</p>
          )}
        </div>
        <PartiqlHistory entries={history} error={historyError} onPick={restore} onRefresh={() => void loadHistory()} />
      </div>

      {editing && results?.keyNames && results.table ? (
        <ItemEditorDialog
          app={app}
          {...regionArg}
          table={results.table}
          keyNames={results.keyNames}
          mode="edit"
          item={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            toast.success('Item saved', 'Run the statement again to see the change.');
          }}
        />
      ) : null}
    </div>
  );
}
