import { useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { Button } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { Tabs } from '../../components/Tabs';
import { useToast } from '../../components/Toast';
import { formatCount } from '../../lib/format';
import { DeleteTableDialog } from './DeleteTableDialog';
import { ExploreTab } from './ExploreTab';
import { updateTablesLocation, useTablesLocation } from './location';
import type { TablesTab } from './location';
import { forgetTable, memoryKey } from './memory';
import { PartiqlTab } from './PartiqlTab';
import { TableDetails } from './TableDetails';
import { forgetTableView, useTableView } from './useTableView';

const TABS: ReadonlyArray<{ key: TablesTab; label: string }> = [
  { key: 'explore', label: 'Explore' },
  { key: 'partiql', label: 'PartiQL' },
  { key: 'details', label: 'Details' },
];

export function statusTone(status: string): 'success' | 'warning' | 'danger' | 'neutral' {
  if (status === 'ACTIVE') return 'success';
  if (status === 'DELETING' || status === 'INACCESSIBLE_ENCRYPTION_CREDENTIALS' || status === 'ARCHIVED') return 'danger';
  return 'warning';
}

/** The right-hand side: the chosen table's header and the Explore / PartiQL / Details tabs. */
export function TableWorkspace({ app, region, effectiveRegion, table, onTableDeleted }: {
  app: AppView;
  /** The region chosen by the user ('' = the app's). */
  region: string;
  effectiveRegion: string;
  table: string | undefined;
  onTableDeleted: (name: string) => void;
}): ReactElement {
  const loc = useTablesLocation();
  const tab = loc.tab;
  const setTab = (t: TablesTab): void => updateTablesLocation((s) => ({ ...s, tab: t }));

  let panel: ReactElement;
  if (tab === 'partiql') {
    panel = <PartiqlTab app={app.name} region={region} effectiveRegion={effectiveRegion} table={table} />;
  } else if (!table) {
    panel = (
      <EmptyState icon="layers" title="Choose a table">
        <p>Pick a table on the left to explore its items and read its details, or run a PartiQL statement on any table of {app.name}.</p>
      </EmptyState>
    );
  } else {
    panel = <TablePanel key={table} app={app} region={region} effectiveRegion={effectiveRegion} name={table} tab={tab} onDeleted={() => onTableDeleted(table)} />;
  }

  return (
    <section className="tables-workspace" aria-label={table ? `Table ${table}` : 'Table workspace'}>
      <Tabs label="Table views" items={TABS} selected={tab} onSelect={setTab}>
        {panel}
      </Tabs>
    </section>
  );
}

/** One table: loads its description once for Explore and Details. */
function TablePanel({ app, region, effectiveRegion, name, tab, onDeleted }: {
  app: AppView;
  region: string;
  effectiveRegion: string;
  name: string;
  tab: TablesTab;
  onDeleted: () => void;
}): ReactElement {
  const view = useTableView(app.name, region, name);
  const [deleting, setDeleting] = useState(false);
  const toast = useToast();
  const t = view.table;

  const header = (
    <div className="table-head">
      <div className="table-head-title">
        <h2 className="table-name">{name}</h2>
        {t ? <Chip tone={statusTone(t.status)}>{t.status}</Chip> : null}
        {view.loading && t ? <Spinner size={13} label="Refreshing the table's details" /> : null}
        {t ? (
          <span className="table-head-meta" title="DynamoDB updates the item count and size about every six hours">
            ~{formatCount(t.itemCount)} {t.itemCount === 1 ? 'item' : 'items'} (approximate)
          </span>
        ) : null}
      </div>
      <div className="table-head-actions">
        <Button size="sm" variant="danger-soft" icon="trash" onClick={() => setDeleting(true)}>Delete table</Button>
      </div>
    </div>
  );

  let body: ReactElement;
  if (!t && view.error) {
    body = <ErrorNotice error={view.error} title={`Could not describe ${name}`} action={<Button size="sm" icon="refresh" onClick={() => void view.refresh()}>Try again</Button>} />;
  } else if (!t) {
    body = <div className="loading-block" aria-busy="true"><Spinner /> Reading the table's description…</div>;
  } else if (tab === 'details') {
    body = <TableDetails table={t} onRefresh={() => void view.refresh()} refreshing={view.loading} />;
  } else {
    body = <ExploreTab app={app.name} region={region} effectiveRegion={effectiveRegion} table={t} />;
  }

  return (
    <>
      {header}
      {t && view.error ? <ErrorNotice error={view.error} title="Could not refresh the table's details" compact /> : null}
      {body}
      {deleting ? (
        <DeleteTableDialog
          app={app.name}
          region={region}
          table={name}
          deletionProtection={t?.deletionProtection ?? false}
          onClose={() => setDeleting(false)}
          onDeleted={() => {
            setDeleting(false);
            toast.success(`Deleting ${name}`, 'DynamoDB removes the table and all its items.');
            forgetTableView(app.name, region, name);
            forgetTable(memoryKey(app.name, effectiveRegion, name));
            onDeleted();
          }}
        />
      ) : null}
    </>
  );
}
