import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ChangeEvent, ReactElement } from 'react';
import { SavedQuery } from '../../../preload/dynamodb';
import type { HistoryEntry, ReadSpec } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button, IconButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { Spinner } from '../../components/Spinner';
import { toApiError } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { describeSpec, queryFileName } from './describe';

const MAX_FILE_BYTES = 1024 * 1024;
const MAX_RECENT = 25;

type Naming = { kind: 'new' } | { kind: 'rename'; query: SavedQuery };

/** Reads a shared query file: JSON with the SavedQuery shape, else a message saying what is wrong. */
export function parseSharedQuery(text: string): { ok: true; query: SavedQuery } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not JSON (${err instanceof Error ? err.message : String(err)}).` };
  }
  const r = SavedQuery.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue && issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    return { ok: false, message: `The file is not a saved Airlock query (${where}${issue?.message ?? 'unexpected content'}).` };
  }
  return { ok: true, query: r.data };
}

/** Offers the query as a download: the SavedQuery as pretty JSON. */
function download(q: SavedQuery, container: HTMLElement | null): void {
  const blob = new Blob([`${JSON.stringify(q, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = queryFileName(q.name);
  a.hidden = true;
  // Inside the open dialog: the page behind a modal dialog is inert.
  (container ?? document.body).appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function SavedQueriesDialog({ app, region, table, current, onLoad, onClose }: {
  app: string;
  region?: string;
  table: string;
  current: ReadSpec;
  onLoad(spec: ReadSpec): void;
  onClose(): void;
}): ReactElement {
  const [saved, setSaved] = useState<SavedQuery[]>();
  const [savedError, setSavedError] = useState<ApiError>();
  const [history, setHistory] = useState<HistoryEntry[]>();
  const [historyError, setHistoryError] = useState<ApiError>();
  const [naming, setNaming] = useState<Naming>();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<{ title: string; error: ApiError }>();
  const [status, setStatus] = useState('');
  const [deleting, setDeleting] = useState<SavedQuery>();
  const [importProblem, setImportProblem] = useState<string>();
  const [otherTable, setOtherTable] = useState<SavedQuery>();
  const fileRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const savedHeading = useId();
  const recentHeading = useId();
  const base = useId();

  const loadSaved = useCallback(async () => {
    try {
      const list = await call('queries.list', { app, table });
      setSaved([...list].sort((a, b) => a.name.localeCompare(b.name)));
      setSavedError(undefined);
    } catch (err) {
      setSavedError(toApiError(err));
    }
  }, [app, table]);

  const loadHistory = useCallback(async () => {
    try {
      const list = await call('queries.history', { app, table });
      setHistory(list.filter((h) => h.spec).sort((a, b) => b.at.localeCompare(a.at)).slice(0, MAX_RECENT));
      setHistoryError(undefined);
    } catch (err) {
      setHistoryError(toApiError(err));
    }
  }, [app, table]);

  useEffect(() => {
    void loadSaved();
    void loadHistory();
  }, [loadSaved, loadHistory]);

  const startNaming = (n: Naming): void => {
    setNaming(n);
    setName(n.kind === 'rename' ? n.query.name : '');
    setNameError(undefined);
    setActionError(undefined);
  };

  const save = async (body: { id?: string; name: string; spec: ReadSpec }, done: string, title: string): Promise<boolean> => {
    setBusy(true);
    setActionError(undefined);
    try {
      await call('queries.save', { ...body, app, ...(region ? { region } : {}) });
      setStatus(done);
      await loadSaved();
      return true;
    } catch (err) {
      setActionError({ title, error: toApiError(err) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submitName = async (): Promise<void> => {
    if (!naming) return;
    const n = name.trim();
    if (!n) {
      setNameError('Give the query a name.');
      return;
    }
    if (n.length > 200) {
      setNameError('Use at most 200 characters.');
      return;
    }
    const ok = naming.kind === 'new'
      ? await save({ name: n, spec: current }, `Saved “${n}”.`, 'The query was not saved')
      : await save({ id: naming.query.id, name: n, spec: naming.query.spec }, `Renamed to “${n}”.`, 'The query was not renamed');
    if (ok) setNaming(undefined);
  };

  const importQuery = async (q: SavedQuery): Promise<void> => {
    setOtherTable(undefined);
    await save({ name: q.name, spec: { ...q.spec, table } }, `Imported “${q.name}”.`, 'The query was not imported');
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    setImportProblem(undefined);
    setOtherTable(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setImportProblem(`“${file.name}” is too large for a saved query (${Math.round(file.size / 1024)} KB).`);
      return;
    }
    const parsed = parseSharedQuery(await file.text());
    if (!parsed.ok) {
      setImportProblem(`“${file.name}”: ${parsed.message}`);
      return;
    }
    if (parsed.query.spec.table !== table) {
      setOtherTable(parsed.query);
      return;
    }
    await importQuery(parsed.query);
  };

  const load = (spec: ReadSpec): void => {
    onLoad(spec);
    onClose();
  };

  let savedContent: ReactElement;
  if (!saved && savedError) {
    savedContent = <ErrorNotice error={savedError} title="Could not load the saved queries" action={<Button size="sm" icon="refresh" onClick={() => void loadSaved()}>Try again</Button>} />;
  } else if (!saved) {
    savedContent = <div className="query-loading" aria-busy="true"><Spinner label="Loading saved queries" /> Loading…</div>;
  } else if (saved.length === 0) {
    savedContent = <p className="query-empty">No saved queries for {table} yet. “Save current query…” keeps the query you are looking at.</p>;
  } else {
    savedContent = (
      <ul className="query-list" aria-labelledby={savedHeading}>
        {saved.map((q) => {
          const renaming = naming?.kind === 'rename' && naming.query.id === q.id;
          const summaryId = `${base}-${q.id}`;
          return (
            <li key={q.id} className="query-row">
              {renaming ? (
                <div className="query-name-form">
                  <TextField label="New name" value={name} onChange={(e) => { setName(e.target.value); setNameError(undefined); }} error={nameError} maxLength={200} autoFocus autoComplete="off" />
                  <Button type="submit" variant="primary" size="sm" busy={busy}>Save name</Button>
                  <Button size="sm" onClick={() => setNaming(undefined)} disabled={busy}>Cancel</Button>
                </div>
              ) : (
                <>
                  <button type="button" className="query-load" onClick={() => load(q.spec)} aria-label={q.name} aria-describedby={summaryId} title="Load this query">
                    <span className="query-name">{q.name}</span>
                    <span className="query-summary" id={summaryId}>{describeSpec(q.spec)}</span>
                  </button>
                  <div className="query-actions">
                    <IconButton icon="edit" label={`Rename ${q.name}`} onClick={() => startNaming({ kind: 'rename', query: q })} />
                    <IconButton icon="download" label={`Share ${q.name}…`} onClick={() => download(q, bodyRef.current)} />
                    <IconButton icon="trash" variant="danger-ghost" label={`Delete ${q.name}`} onClick={() => setDeleting(q)} />
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
    );
  }

  let recentContent: ReactElement;
  if (!history && historyError) {
    recentContent = <ErrorNotice error={historyError} title="Could not load the recent queries" compact action={<Button size="sm" icon="refresh" onClick={() => void loadHistory()}>Try again</Button>} />;
  } else if (!history) {
    recentContent = <div className="query-loading" aria-busy="true"><Spinner label="Loading recent queries" /> Loading…</div>;
  } else if (history.length === 0) {
    recentContent = <p className="query-empty">No recent reads of {table}.</p>;
  } else {
    recentContent = (
      <ul className="query-list is-recent" aria-labelledby={recentHeading}>
        {history.map((h, i) => (
          <li key={`${h.at}-${i}`} className="query-row">
            <button type="button" className="query-load" onClick={() => h.spec && load(h.spec)}>
              <span className="query-summary">{h.spec ? describeSpec(h.spec) : ''}</span>
              <time className="query-time" dateTime={h.at}>{formatTimestamp(h.at)}</time>
            </button>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <>
      <Dialog
        title="Saved queries"
        description={<>Queries of <strong>{table}</strong> in {app}</>}
        onClose={onClose}
        onSubmit={() => void submitName()}
        busy={busy}
        size="lg"
        className="saved-queries"
        footer={<Button onClick={onClose} disabled={busy}>Close</Button>}
      >
        <div ref={bodyRef} className="saved-queries-body">
          <div className="query-toolbar">
            <Button icon="plus" onClick={() => startNaming({ kind: 'new' })} disabled={busy} data-autofocus>Save current query…</Button>
            <Button icon="download" onClick={() => fileRef.current?.click()} disabled={busy}>Import from file…</Button>
            <input ref={fileRef} type="file" accept=".json,application/json" className="sr-only" tabIndex={-1} aria-label="Saved query file to import" onChange={(e) => void onFile(e)} />
          </div>
          {naming?.kind === 'new' ? (
            <div className="query-name-form is-new">
              <TextField label="Query name" value={name} onChange={(e) => { setName(e.target.value); setNameError(undefined); }} error={nameError} placeholder={describeSpec(current)} maxLength={200} autoFocus autoComplete="off" hint={describeSpec(current)} />
              <Button type="submit" variant="primary" size="sm" busy={busy}>Save query</Button>
              <Button size="sm" onClick={() => setNaming(undefined)} disabled={busy}>Cancel</Button>
            </div>
          ) : null}
          {importProblem ? <InfoNotice tone="warning" icon="alert"><p>{importProblem}</p></InfoNotice> : null}
          {otherTable ? (
            <InfoNotice tone="warning" icon="alert">
              <p>“{otherTable.name}” was saved for the table <strong>{otherTable.spec.table}</strong>, not {table}.</p>
              <div className="query-inline-actions">
                <Button size="sm" variant="primary" onClick={() => void importQuery(otherTable)} busy={busy}>Use it for {table}</Button>
                <Button size="sm" onClick={() => setOtherTable(undefined)}>Don&apos;t import</Button>
              </div>
            </InfoNotice>
          ) : null}
          {actionError ? <ErrorNotice error={actionError.error} title={actionError.title} /> : null}
          <p className="sr-only" role="status">{status}</p>

          <section className="query-section">
            <h3 className="form-section" id={savedHeading}>Saved</h3>
            {savedError && saved ? <ErrorNotice error={savedError} compact title="The list could not be refreshed" /> : null}
            {savedContent}
          </section>
          <section className="query-section">
            <h3 className="form-section" id={recentHeading}>Recent</h3>
            {recentContent}
          </section>
        </div>
      </Dialog>
      {deleting ? (
        <ConfirmDialog
          title="Delete this saved query?"
          confirmLabel="Delete query"
          onClose={() => setDeleting(undefined)}
          onConfirm={async () => {
            await call('queries.remove', { id: deleting.id });
            setStatus(`Deleted “${deleting.name}”.`);
            await loadSaved();
          }}
        >
          <p>“{deleting.name}” is removed from your saved queries. Files you shared keep working.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/**
 * A "Saved queries" button opening the table's saved queries (load, rename, share as a file,
 * delete), "Save current query…", "Import from file…" and the recent reads of the table.
 */
export function SavedQueriesMenu({ app, region, table, current, onLoad }: {
  app: string;
  region?: string;
  table: string;
  current: ReadSpec;
  onLoad(spec: ReadSpec): void;
}): ReactElement {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button icon="layers" aria-haspopup="dialog" aria-expanded={open} onClick={() => setOpen(true)}>Saved queries</Button>
      {open ? <SavedQueriesDialog app={app} {...(region ? { region } : {})} table={table} current={current} onLoad={onLoad} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
