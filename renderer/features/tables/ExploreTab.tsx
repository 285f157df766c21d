import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import type { Item, ReadSpec, TableView } from '../../../preload/dynamodb';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { useToast } from '../../components/Toast';
import { ItemEditorDialog } from '../items/ItemEditorDialog';
import { ExportDialog } from '../jobs/ExportDialog';
import { ImportDialog } from '../jobs/ImportDialog';
import { CodeDialog } from '../queries/CodeDialog';
import { SavedQueriesMenu } from '../queries/SavedQueriesMenu';
import { draftToSpec, emptyDraft, specToDraft, tableKeyNames } from './builder';
import type { Draft } from './builder';
import type { KeyColumns } from './columns';
import { deleteRows } from './deleteItems';
import { ItemsToolbar } from './ItemsToolbar';
import type { ItemAction } from './ItemsToolbar';
import { loadDraft, memoryKey, saveDraft } from './memory';
import { PagingBar } from './PagingBar';
import { PlanBanner } from './PlanBanner';
import { QueryBuilder } from './QueryBuilder';
import { ReadStats } from './ReadStats';
import { ResultsGrid } from './ResultsGrid';
import { prune } from './selection';
import { usePlan } from './usePlan';
import { useReader } from './useReader';
import { keyOf } from './values';

type Editor = { mode: 'create' } | { mode: 'edit' | 'duplicate'; item: Item };
type Modal = Editor | { mode: 'delete' } | { mode: 'export' } | { mode: 'import' } | { mode: 'code' };

/** Query builder, plan, results grid and item actions for one table. */
export function ExploreTab({ app, region, effectiveRegion, table }: { app: string; region: string; effectiveRegion: string; table: TableView }): ReactElement {
  const memKey = memoryKey(app, effectiveRegion, table.name);
  const [draft, setDraftState] = useState<Draft>(() => loadDraft(memKey) ?? emptyDraft());
  const [tried, setTried] = useState(false);
  const [modal, setModal] = useState<Modal>();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const toast = useToast();
  const keyNames = useMemo(() => tableKeyNames(table), [table]);
  const reader = useReader(app, region, memKey, keyNames);
  const results = reader.results;

  const setDraft = useCallback((d: Draft) => {
    setDraftState(d);
    saveDraft(memKey, d);
  }, [memKey]);

  const { spec, budget, errors } = useMemo(() => draftToSpec(draft, table), [draft, table]);
  const plan = usePlan(app, region, spec);
  const regionArg = region ? { region } : {};
  // What leaves this screen (export, code, saved queries) without the automatic page size, which only suits showing rows.
  const portable: ReadSpec | undefined = useMemo(() => {
    if (!spec || !budget.autoPageSize) return spec;
    const { pageSize: _auto, ...rest } = spec;
    return rest;
  }, [spec, budget.autoPageSize]);
  const currentSpec: ReadSpec = portable ?? { table: table.name };

  const run = (): void => {
    // Field errors show after a Run that could not start, until the next Run that does.
    setTried(!spec);
    if (!spec || reader.running === 'run') return;
    const idx = spec.index ? table.indexes.find((i) => i.name === spec.index) : undefined;
    const keyCols: KeyColumns = { partition: table.key.partition, sort: table.key.sort, indexPartition: idx?.key.partition, indexSort: idx?.key.sort };
    setSelected(new Set());
    void reader.run(spec, budget, keyCols);
  };

  // The first visit of a table shows its first rows, as the console does (a Scan of "Rows to show" items).
  const runRef = useRef(run);
  runRef.current = run;
  const firstVisit = useRef(!loadDraft(memKey) && !results);
  useEffect(() => {
    if (!firstVisit.current || table.status !== 'ACTIVE') return;
    firstVisit.current = false;
    runRef.current();
  }, [table.status]);

  const itemById = (id: string): Item | undefined => {
    if (!results) return undefined;
    const i = results.ids.indexOf(id);
    return i >= 0 ? results.items[i] : undefined;
  };

  const onAction = (a: ItemAction): void => {
    const only = selected.size === 1 ? itemById([...selected][0]!) : undefined;
    switch (a) {
      case 'create': setModal({ mode: 'create' }); break;
      case 'edit': if (only) { if (keyOf(only, keyNames)) setModal({ mode: 'edit', item: only }); else keyless(); } break;
      case 'duplicate': if (only) setModal({ mode: 'duplicate', item: only }); break;
      case 'delete': if (selected.size) setModal({ mode: 'delete' }); break;
      case 'export': setModal({ mode: 'export' }); break;
      case 'import': setModal({ mode: 'import' }); break;
      case 'code': if (spec) setModal({ mode: 'code' }); break;
    }
  };

  const deleteSelected = async (): Promise<void> => {
    if (!results) return;
    const out = await deleteRows({ app, ...regionArg, table: table.name }, keyNames, results.ids, results.items, selected);
    reader.removed(out.deleted);
    setSelected(new Set(out.failed.keys()));
    if (out.skipped > 0) toast.info(`${out.skipped.toLocaleString()} selected ${out.skipped === 1 ? 'row has' : 'rows have'} no key attributes`, 'They were not deleted: add the key to the projection.');
    if (out.failed.size) {
      const first = [...out.failed.values()][0]!;
      toast.error(`${out.failed.size.toLocaleString()} of ${(out.failed.size + out.deleted.size).toLocaleString()} items were not deleted`,
        new Error(`${first}${out.failed.size > 1 ? ' (and others: they stay selected)' : ' (it stays selected)'}`));
    } else if (out.deleted.size) {
      toast.success(`Deleted ${out.deleted.size.toLocaleString()} ${out.deleted.size === 1 ? 'item' : 'items'}`);
    }
  };


  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).closest('dialog, form')) return;
    e.preventDefault();
    run();
  };

  const keyless = (): void => toast.info('This row has no key attributes', `Add ${[keyNames.partition, keyNames.sort].filter(Boolean).join(' and ')} to the projection to edit or delete it.`);

  const openRow = (i: number): void => {
    const item = results?.items[i];
    if (!item) return;
    if (keyOf(item, keyNames)) setModal({ mode: 'edit', item });
    else keyless();
  };

  const selCount = results ? prune(selected, results.ids).size : 0;
  const showRunning = reader.running === 'run';

  let grid: ReactElement;
  if (!results && showRunning) {
    grid = <div className="loading-block" aria-busy="true"><Spinner /> Reading {table.name}…</div>;
  } else if (!results) {
    grid = <p className="results-placeholder">Press <strong>Run</strong> to read items. With a partition key value it is a Query; without, a Scan.</p>;
  } else {
    grid = (
      <div className={`results-grid-wrap${showRunning ? ' is-stale' : ''}`} aria-busy={showRunning || undefined}>
        <ResultsGrid
          label="Items"
          items={results.items}
          ids={results.ids}
          columns={results.columns}
          keyNames={keyNames}
          selected={selected}
          onSelect={setSelected}
          onOpen={openRow}
          empty={<p>No items matched{results.last ? ` (${results.last.scannedCount.toLocaleString()} scanned)` : ''}.{results.lastKey ? ' There is more to read: try Next page.' : ''}</p>}
        />
        {showRunning ? <div className="results-overlay"><Spinner size={18} label="Reading" /></div> : null}
      </div>
    );
  }

  return (
    <>
      <div className="explore" onKeyDown={onKeyDown}>
        <QueryBuilder
          table={table}
          draft={draft}
          errors={errors}
          showErrors={tried}
          onChange={setDraft}
          onRun={run}
          running={showRunning}
          isQuery={plan.plan ? plan.plan.operation === 'Query' : undefined}
          actions={<SavedQueriesMenu app={app} {...regionArg} table={table.name} current={currentSpec} onLoad={(s) => {
            setDraft(specToDraft(s, draft));
            toast.info('Query loaded', 'Press Run (or Enter) to read with it.');
          }} />}
        />
        <PlanBanner plan={plan.plan} error={plan.error} pending={plan.pending} invalid={!spec} showingErrors={tried} />
        {reader.error ? <ErrorNotice error={reader.error} title="The read failed" /> : null}
        <div className="results">
          <div className="results-bar">
            <ItemsToolbar selectedCount={selCount} canCode={Boolean(spec)} onAction={onAction} />
          </div>
          {results ? <ReadStats results={results} /> : null}
          {results ? (
            <PagingBar
              hasMore={Boolean(results.lastKey)}
              loaded={results.items.length}
              running={reader.running}
              progress={reader.progress}
              onNext={() => void reader.next()}
              onLoadUntil={(n) => void reader.loadUntil(n)}
              onStop={reader.stop}
            />
          ) : null}
          {grid}
        </div>
      </div>

      {modal && (modal.mode === 'create' || modal.mode === 'edit' || modal.mode === 'duplicate') ? (
        <ItemEditorDialog
          app={app}
          {...regionArg}
          table={table.name}
          keyNames={keyNames}
          mode={modal.mode}
          {...(modal.mode !== 'create' ? { item: modal.item } : {})}
          onClose={() => setModal(undefined)}
          onSaved={(item, previousKey) => {
            setModal(undefined);
            reader.saved(item, previousKey);
            toast.success(modal.mode === 'edit' ? 'Item saved' : 'Item created');
          }}
        />
      ) : null}
      {modal?.mode === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${selCount.toLocaleString()} ${selCount === 1 ? 'item' : 'items'}?`}
          confirmLabel={`Delete ${selCount.toLocaleString()} ${selCount === 1 ? 'item' : 'items'}`}
          onClose={() => setModal(undefined)}
          onConfirm={deleteSelected}
        >
          <p>
            This deletes the selected {selCount === 1 ? 'item' : `${selCount.toLocaleString()} items`} from <strong>{table.name}</strong>.
            It cannot be undone.
          </p>
        </ConfirmDialog>
      ) : null}
      {modal?.mode === 'export' ? (
        <ExportDialog app={app} {...regionArg} spec={currentSpec} approxItemCount={table.itemCount} approxSizeBytes={table.sizeBytes} onClose={() => setModal(undefined)} />
      ) : null}
      {modal?.mode === 'import' ? (
        <ImportDialog app={app} {...regionArg} table={table.name} onClose={() => setModal(undefined)} onImported={() => run()} />
      ) : null}
      {modal?.mode === 'code' && portable ? (
        <CodeDialog app={app} {...regionArg} spec={portable} onClose={() => setModal(undefined)} />
      ) : null}
    </>
  );
}
