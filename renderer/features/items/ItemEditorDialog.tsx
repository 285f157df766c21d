import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { Item } from '../../../preload/dynamodb';
import { ApiError, call } from '../../api';
import { Button } from '../../components/Button';
import { Kbd, MOD_KEY } from '../../components/Chip';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { toApiError } from '../../lib/errors';
import { briefValue } from '../queries/describe';
import {
  changedAttributes, checkKeys, formatDynamoJson, formatPath, itemsEqual, keyFirst, keyOf, keyValueRange, parseDynamoJson,
} from './dynamo-json';
import type { ItemJsonError, ItemJsonResult, KeyNames } from './dynamo-json';
import { NO_HINTS, collectHints, describeHints, itemToPlain, parsePlainJson } from './plain-json';
import type { TypeHints } from './plain-json';

export type EditorFormat = 'plain' | 'dynamo';
type Kind = 'create' | 'edit' | 'duplicate';

export interface ItemEditorProps {
  app: string;
  region?: string;
  table: string;
  keyNames: { partition: string; sort?: string };
  mode: 'create' | 'edit' | 'duplicate';
  /** edit, duplicate: the item as the grid shows it (maybe a projection: the full item is read first). create: an optional template. */
  item?: Item;
  onClose(): void;
  /** After a write: the item as stored; previousKey = the key of the item that was replaced (edit, overwrite), absent for a new item. The dialog closes itself after. */
  onSaved(item: Item, previousKey?: Item): void;
  /** After a delete (or when the item turned out to be deleted already): its key. The dialog closes itself after. */
  onDeleted?(key: Item): void;
}

export const FORMAT_LABELS: Record<EditorFormat, string> = { plain: 'Plain JSON', dynamo: 'DynamoDB JSON' };
const FORMAT_KEY = 'airlock.itemEditor.format';
const MAX_HINTS_SHOWN = 12;
const TITLES: Record<Kind, string> = { create: 'New item', edit: 'Edit item', duplicate: 'Duplicate item' };

function initialFormat(): EditorFormat {
  try {
    return localStorage.getItem(FORMAT_KEY) === 'dynamo' ? 'dynamo' : 'plain';
  } catch {
    return 'plain';
  }
}

function rememberFormat(f: EditorFormat): void {
  try {
    localStorage.setItem(FORMAT_KEY, f);
  } catch {
    // Storage refused (private window): the choice lasts for this dialog only.
  }
}

function formatItem(item: Item, format: EditorFormat, keyNames: KeyNames): string {
  const ordered = keyFirst(item, keyNames);
  return format === 'plain' ? itemToPlain(ordered) : formatDynamoJson(ordered);
}

function parseText(text: string, format: EditorFormat, hints: TypeHints): ItemJsonResult {
  return format === 'plain' ? parsePlainJson(text, hints) : parseDynamoJson(text);
}

/** A new item's starting text: the key attributes, empty. */
function template(keyNames: KeyNames): Item {
  const item: Item = { [keyNames.partition]: { S: '' } };
  if (keyNames.sort) item[keyNames.sort] = { S: '' };
  return item;
}

/** 0-based offset of a 1-based line and column. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

/** "pk = "a", sk = 3" */
function describeKey(item: Item, keyNames: KeyNames): string {
  return Object.entries(keyOf(item, keyNames)).map(([k, v]) => `${k} = ${briefValue(v)}`).join(', ');
}

interface Conflict {
  source: 'save' | 'create' | 'delete';
  /** The item in the table now; null: it was deleted. */
  current: Item | null;
  /** save/create: the user's version; delete: the version the user loaded. */
  mine: Item;
  /** How many times the answer was "conflict" in a row. */
  round: number;
}

/**
 * Creates, edits or duplicates one item as JSON, in Plain JSON or DynamoDB JSON. Edits are
 * written conditioned on the item as loaded: when someone else changed it meanwhile nothing is
 * written and the user chooses (overwrite, load theirs, keep editing). Ctrl/Cmd+S or
 * Ctrl/Cmd+Enter saves.
 */
export function ItemEditorDialog({ app, region, table, keyNames, mode, item, onClose, onSaved, onDeleted }: ItemEditorProps): ReactElement {
  const target = { app, ...(region ? { region } : {}), table };
  const needsLoad = mode !== 'create' && item !== undefined;
  const [kind, setKind] = useState<Kind>(mode === 'duplicate' && !item ? 'create' : mode);
  const [phase, setPhase] = useState<'loading' | 'ready' | 'missing' | 'failed'>(
    mode === 'edit' && !item ? 'failed' : needsLoad ? 'loading' : 'ready',
  );
  const [loadError, setLoadError] = useState<ApiError | undefined>(
    mode === 'edit' && !item ? new ApiError({ code: 'NO_ITEM', message: 'No item was given to edit.' }) : undefined,
  );
  const [reloads, setReloads] = useState(0);
  const [format, setFormat] = useState<EditorFormat>(initialFormat);
  /** edit: the item as loaded — the condition of the write. */
  const [loaded, setLoaded] = useState<Item>();
  const [text, setText] = useState(() => (needsLoad ? '' : formatItem(item ?? template(keyNames), format, keyNames)));
  const [hints, setHints] = useState<TypeHints>(() => (needsLoad || !item ? NO_HINTS : collectHints(item)));
  const [toggleError, setToggleError] = useState<string>();
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'save' | 'overwrite'>();
  const [saveError, setSaveError] = useState<ApiError>();
  const [notice, setNotice] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();
  const [conflictError, setConflictError] = useState<ApiError>();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const focusRequest = useRef<'focus' | 'select-key' | undefined>(mode === 'edit' ? 'focus' : 'select-key');
  const textareaId = useId();
  const statusId = useId();
  const hintsId = useId();
  const mineHeading = useId();
  const currentHeading = useId();

  const show = (it: Item, fmt: EditorFormat = format): void => {
    setText(formatItem(it, fmt, keyNames));
    setHints(collectHints(it));
    setToggleError(undefined);
    setAttempted(false);
    setNotice(undefined);
    setSaveError(undefined);
  };

  // edit, duplicate: read the whole item (consistently) before showing it.
  useEffect(() => {
    if (!needsLoad || !item) return undefined;
    let cancelled = false;
    setPhase('loading');
    setLoadError(undefined);
    call('items.get', { ...target, key: keyOf(item, keyNames), consistent: true }).then((full) => {
      if (cancelled) return;
      if (full === null) {
        if (mode === 'duplicate') {
          show(item);
          setPhase('ready');
        } else {
          setPhase('missing');
        }
        return;
      }
      if (mode === 'edit') setLoaded(full);
      show(full);
      setPhase('ready');
    }).catch((err: unknown) => {
      if (cancelled) return;
      setLoadError(toApiError(err));
      setPhase('failed');
    });
    return () => {
      cancelled = true;
    };
    // Read once per open (and on "Try again"), not on every parent render.
  }, [reloads]);

  // Focus the text once it is there; duplicate/create: select the partition key's value to change.
  useEffect(() => {
    if (phase !== 'ready' || !focusRequest.current) return;
    const ta = textareaRef.current;
    if (!ta) return;
    const req = focusRequest.current;
    focusRequest.current = undefined;
    ta.focus();
    if (req === 'select-key') {
      const r = keyValueRange(ta.value, keyNames.partition);
      if (r) {
        const [a, b] = r;
        const quoted = ta.value[a] === '"' && ta.value[b - 1] === '"' && b - a >= 2;
        ta.setSelectionRange(quoted ? a + 1 : a, quoted ? b - 1 : b);
      }
    } else {
      ta.setSelectionRange(0, 0);
      ta.scrollTop = 0;
    }
  });

  const parsed = useMemo(() => (phase === 'ready' ? parseText(text, format, hints) : undefined), [phase, text, format, hints]);
  const keyProblem = parsed?.ok ? checkKeys(parsed.item, keyNames) : undefined;
  const problem: ItemJsonError | undefined = parsed && !parsed.ok ? parsed.error : keyProblem;
  const keyChanged = kind === 'edit' && loaded !== undefined && parsed?.ok === true && !keyProblem
    && !itemsEqual(keyOf(parsed.item, keyNames), keyOf(loaded, keyNames));
  const hintList = useMemo(() => describeHints(hints), [hints]);

  const finishSaved = (saved: Item, previousKey?: Item): void => {
    onSaved(saved, previousKey);
    onClose();
  };
  const finishDeleted = (key: Item): void => {
    onDeleted?.(key);
    onClose();
  };

  const switchTo = (next: EditorFormat): void => {
    if (next === format) return;
    const r = parseText(text, format, hints);
    if (!r.ok) {
      setToggleError(`Fix this first to switch to ${FORMAT_LABELS[next]}: ${r.error.message}`);
      return;
    }
    setToggleError(undefined);
    if (next === 'plain') {
      setHints(collectHints(r.item));
      setText(itemToPlain(r.item));
    } else {
      setText(formatDynamoJson(r.item));
    }
    setFormat(next);
    rememberFormat(next);
  };

  const goToProblem = (): void => {
    const ta = textareaRef.current;
    if (!ta || !problem?.line || !problem.column) return;
    const at = offsetOf(ta.value, problem.line, problem.column);
    ta.focus();
    ta.setSelectionRange(at, Math.min(ta.value.length, at + 1));
  };

  const save = async (): Promise<void> => {
    if (busy || phase !== 'ready' || conflict || confirmingDelete) return;
    setNotice(undefined);
    if (!parsed || !parsed.ok || keyProblem) {
      setAttempted(true);
      textareaRef.current?.focus();
      return;
    }
    const mine = parsed.item;
    setBusy('save');
    setSaveError(undefined);
    try {
      if (kind === 'edit' && loaded) {
        if (itemsEqual(loaded, mine)) {
          setNotice('Nothing to save: the item is unchanged.');
          return;
        }
        const r = await call('items.save', { ...target, original: loaded, updated: mine });
        if (r.status === 'saved') finishSaved(r.item, keyOf(loaded, keyNames));
        else setConflict({ source: 'save', current: r.current, mine, round: 1 });
      } else {
        const r = await call('items.create', { ...target, item: mine });
        if (r.status === 'saved') finishSaved(r.item);
        else setConflict({ source: 'create', current: r.current, mine, round: 1 });
      }
    } catch (err) {
      setSaveError(toApiError(err));
    } finally {
      setBusy(undefined);
    }
  };
  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      if (e.key === 's' || e.key === 'S' || e.key === 'Enter') {
        e.preventDefault();
        void saveRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const deleteItem = async (): Promise<void> => {
    if (!loaded) return;
    const key = keyOf(loaded, keyNames);
    const r = await call('items.delete', { ...target, key, expected: loaded });
    if (r.status === 'deleted' || r.current === null) {
      finishDeleted(key);
      return;
    }
    setConflict({ source: 'delete', current: r.current, mine: loaded, round: 1 });
  };

  const overwrite = async (): Promise<void> => {
    if (!conflict || busy) return;
    const c = conflict;
    setBusy('overwrite');
    setConflictError(undefined);
    try {
      if (c.source === 'delete') {
        if (!c.current) {
          finishDeleted(keyOf(c.mine, keyNames));
          return;
        }
        const key = keyOf(c.current, keyNames);
        const r = await call('items.delete', { ...target, key, expected: c.current });
        if (r.status === 'deleted' || r.current === null) finishDeleted(key);
        else setConflict({ ...c, current: r.current, round: c.round + 1 });
        return;
      }
      const r = c.current
        ? await call('items.save', { ...target, original: c.current, updated: c.mine })
        : await call('items.create', { ...target, item: c.mine });
      if (r.status === 'saved') {
        const previous = c.current ? keyOf(c.current, keyNames) : loaded ? keyOf(loaded, keyNames) : undefined;
        finishSaved(r.item, previous);
      } else {
        setConflict({ ...c, current: r.current, round: c.round + 1 });
      }
    } catch (err) {
      setConflictError(toApiError(err));
    } finally {
      setBusy(undefined);
    }
  };

  const loadCurrent = (): void => {
    if (!conflict) return;
    const { current, source } = conflict;
    if (!current) {
      if (source !== 'create' && loaded) finishDeleted(keyOf(loaded, keyNames));
      else onClose();
      return;
    }
    setKind('edit');
    setLoaded(current);
    show(current);
    setConflict(undefined);
    setConflictError(undefined);
    focusRequest.current = 'focus';
  };

  const keepEditing = (): void => {
    setConflict(undefined);
    setConflictError(undefined);
    focusRequest.current = 'focus';
  };

  // ---- The editor ----------------------------------------------------------------------------

  let body: ReactElement;
  if (phase === 'loading') {
    body = <div className="loading-block" aria-busy="true"><Spinner label="Loading the item" /> Reading the whole item…</div>;
  } else if (phase === 'failed') {
    body = (
      <ErrorNotice
        error={loadError ?? new ApiError({ code: 'ERROR', message: 'The item could not be read.' })}
        title="The item could not be loaded"
        action={item ? <Button size="sm" icon="refresh" onClick={() => setReloads((n) => n + 1)}>Try again</Button> : undefined}
      />
    );
  } else if (phase === 'missing') {
    body = (
      <InfoNotice tone="warning" icon="alert">
        <p className="notice-title">This item is no longer in the table.</p>
        <p>Someone deleted it after the list was read{item ? ` (${describeKey(item, keyNames)})` : ''}.</p>
        {item ? (
          <div className="item-inline-actions">
            <Button size="sm" icon="plus" onClick={() => { setKind('create'); focusRequest.current = 'focus'; show(item); setPhase('ready'); }}>Create it again</Button>
          </div>
        ) : null}
      </InfoNotice>
    );
  } else {
    const showProblem = problem && (attempted || text.trim() !== '');
    body = (
      <>
        <div className="item-toolbar">
          <div className="mode-toggle" role="group" aria-label="Editing mode">
            {(['plain', 'dynamo'] as const).map((f) => (
              <button key={f} type="button" className="mode-option" aria-pressed={format === f} onClick={() => switchTo(f)}>{FORMAT_LABELS[f]}</button>
            ))}
          </div>
          <p className="item-key-names">
            Key: <code className="item-key-name">{keyNames.partition}</code>
            {keyNames.sort ? <> + <code className="item-key-name">{keyNames.sort}</code></> : null}
          </p>
          <p className="item-shortcut"><Kbd>{MOD_KEY}</Kbd><Kbd>S</Kbd> saves</p>
        </div>
        {toggleError ? <p className="item-toggle-error" role="alert">{toggleError}</p> : null}
        {kind === 'duplicate' ? (
          <InfoNotice>
            <p className="notice-title">Change the key to make a new item.</p>
            <p>
              The copy is created with the key in <code className="item-key-name is-highlight">{keyNames.partition}</code>
              {keyNames.sort ? <> and <code className="item-key-name is-highlight">{keyNames.sort}</code></> : null}; an item with the same key already exists, so creating it unchanged is refused.
            </p>
          </InfoNotice>
        ) : null}
        {keyChanged && loaded ? (
          <InfoNotice tone="warning" icon="alert">
            <p>You changed the key: saving moves the item from {describeKey(loaded, keyNames)} to the new key (the new item is written and the old one deleted, in one transaction).</p>
          </InfoNotice>
        ) : null}
        <div className={`field item-field${showProblem ? ' has-error' : ''}`}>
          <label className="field-label" htmlFor={textareaId}>Item JSON</label>
          <textarea
            ref={textareaRef}
            id={textareaId}
            className="input textarea item-textarea"
            value={text}
            onChange={(e) => { setText(e.target.value); setToggleError(undefined); setNotice(undefined); }}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            autoCorrect="off"
            wrap="off"
            rows={18}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${statusId}${format === 'plain' && hintList.length ? ` ${hintsId}` : ''}`}
            data-autofocus
          />
          <p id={statusId} className={`item-status${showProblem ? ' is-error' : ' is-ok'}`}>
            {showProblem ? (
              <>
                <span>{problem.message}</span>
                {problem.line ? <button type="button" className="link-button" onClick={goToProblem}>Go to line {problem.line}</button> : null}
              </>
            ) : problem ? <span>{problem.message}</span> : <span>Valid {FORMAT_LABELS[format]}</span>}
          </p>
        </div>
        {format === 'plain' && !hintList.length ? (
          <p className="item-mode-note">New values get their plain type (string, number, boolean, null, list, map); for a set or binary value use DynamoDB JSON.</p>
        ) : null}
        {format === 'plain' && hintList.length ? (
          <div className="item-hints" id={hintsId}>
            <p>Plain JSON has no sets or binary values. These keep their type when saved — sets written as arrays, binary as base64 text (for a new set or binary value use DynamoDB JSON):</p>
            <ul className="item-hint-list">
              {hintList.slice(0, MAX_HINTS_SHOWN).map((h) => (
                <li key={JSON.stringify(h.path)}><code>{formatPath(h.path)}</code> <span className="muted">{h.label}</span></li>
              ))}
              {hintList.length > MAX_HINTS_SHOWN ? <li className="muted">and {hintList.length - MAX_HINTS_SHOWN} more</li> : null}
            </ul>
          </div>
        ) : null}
        {attempted && problem ? <p className="sr-only" role="alert">Not saved: {problem.message}</p> : null}
        {notice ? <InfoNotice><p role="status">{notice}</p></InfoNotice> : null}
        {saveError ? <ErrorNotice error={saveError} title={kind === 'edit' ? 'The item was not saved' : 'The item was not created'} /> : null}
      </>
    );
  }

  const footer = (
    <>
      {kind === 'edit' && loaded && phase === 'ready' ? (
        <Button variant="danger-ghost" icon="trash" className="item-delete" onClick={() => setConfirmingDelete(true)} disabled={busy !== undefined}>Delete item</Button>
      ) : null}
      <Button onClick={onClose} disabled={busy !== undefined}>{phase === 'ready' ? 'Cancel' : 'Close'}</Button>
      {phase === 'ready' ? (
        <Button type="submit" variant="primary" icon="check" busy={busy === 'save'}>{kind === 'edit' ? 'Save' : 'Create item'}</Button>
      ) : null}
    </>
  );

  // ---- The conflict view ---------------------------------------------------------------------

  let conflictView: ReactElement | null = null;
  if (conflict) {
    const { source, current, mine, round } = conflict;
    const title = source === 'create' ? 'An item with this key already exists' : 'This item was changed by someone else';
    let description: string;
    if (source === 'create') description = 'Creating never replaces an item, so nothing was written. Change the key to make a new item, or choose below.';
    else if (source === 'delete') description = 'Someone changed this item after you opened it, so it was not deleted.';
    else if (current) description = 'Someone changed this item after you opened it. Nothing was written: choose which version to keep.';
    else description = 'Someone deleted this item after you opened it. Nothing was written.';
    const changed = current ? changedAttributes(mine, current) : [];
    conflictView = (
      <Dialog
        title={title}
        description={description}
        onClose={keepEditing}
        busy={busy === 'overwrite'}
        size="lg"
        className="dialog-xl conflict-dialog"
        footer={(
          <>
            <Button onClick={keepEditing} disabled={busy !== undefined} data-autofocus>Keep editing</Button>
            <Button onClick={loadCurrent} disabled={busy !== undefined}>
              {current ? 'Discard my changes and load the current version' : 'Discard my changes and close'}
            </Button>
            <Button variant="danger" busy={busy === 'overwrite'} onClick={() => void overwrite()}>
              {source === 'delete' ? 'Delete the current version' : 'Overwrite with my version'}
            </Button>
          </>
        )}
      >
        {round > 1 ? <InfoNotice tone="warning" icon="alert"><p>It changed again while you were deciding: below is the newest version.</p></InfoNotice> : null}
        {changed.length ? (
          <p className="conflict-changed">
            Differs in: {changed.map((n, i) => <span key={n}>{i ? ', ' : ''}<code>{formatPath([n])}</code></span>)}
          </p>
        ) : current ? <p className="conflict-changed">The values are the same; only the stored version differs.</p> : null}
        <div className="conflict-grid">
          <section className="conflict-pane" aria-labelledby={mineHeading}>
            <h3 className="conflict-heading" id={mineHeading}>{source === 'delete' ? 'The version you loaded' : 'Your version'}</h3>
            <pre className="code conflict-code" tabIndex={0} aria-labelledby={mineHeading}><code>{formatItem(mine, format, keyNames)}</code></pre>
          </section>
          <section className="conflict-pane" aria-labelledby={currentHeading}>
            <h3 className="conflict-heading" id={currentHeading}>Current version in the table</h3>
            {current ? (
              <pre className="code conflict-code" tabIndex={0} aria-labelledby={currentHeading}><code>{formatItem(current, format, keyNames)}</code></pre>
            ) : (
              <p className="conflict-deleted">The item was deleted.</p>
            )}
          </section>
        </div>
        {conflictError ? <ErrorNotice error={conflictError} title="Nothing was written" /> : null}
      </Dialog>
    );
  }

  return (
    <>
      <Dialog
        title={TITLES[kind]}
        description={<>Table <strong>{table}</strong>{kind === 'edit' && loaded ? <> · {describeKey(loaded, keyNames)}</> : null}</>}
        onClose={onClose}
        onSubmit={() => void save()}
        busy={busy !== undefined}
        size="lg"
        className="dialog-xl item-editor"
        footer={footer}
      >
        {body}
      </Dialog>
      {confirmingDelete && loaded ? (
        <ConfirmDialog title="Delete this item?" confirmLabel="Delete" onConfirm={deleteItem} onClose={() => setConfirmingDelete(false)}>
          <p>The item {describeKey(loaded, keyNames)} is deleted from <strong>{table}</strong>. This is not undone.</p>
          <p>If someone changed it since you opened it, nothing is deleted and you are shown both versions.</p>
        </ConfirmDialog>
      ) : null}
      {conflictView}
    </>
  );
}
