import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import type { TableView } from '../../../preload/dynamodb';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useData } from '../../state/data';
import { useUi } from '../../state/ui';
import { JobsPanel } from '../jobs/JobsPanel';
import { AppPicker } from './AppPicker';
import { CreateTableDialog } from './CreateTableDialog';
import { defaultApp } from './pick';
import { placeKey, updateTablesLocation, useTablesLocation } from './location';
import { RegionPicker } from './RegionPicker';
import { TableList } from './TableList';
import { TableWorkspace } from './TableWorkspace';
import { useTableList } from './useTableList';

/** Browse one app's DynamoDB tables: pick app and region, a table, then explore, query with PartiQL or read its details. */
export function TablesView(): ReactElement {
  const { apps, appsError, refreshApps } = useData();
  const ui = useUi();
  const toast = useToast();
  const loc = useTablesLocation();
  const [creating, setCreating] = useState(false);

  const app = apps ? defaultApp(apps, loc.app) : undefined;
  const region = app ? (loc.regions[app.name] ?? '') : '';
  const effectiveRegion = region || app?.region || '';
  const needsLogin = Boolean(app && app.kind === 'aws' && !app.session);
  const list = useTableList(app?.name, region, Boolean(app) && !needsLogin);
  const place = app ? placeKey(app.name, effectiveRegion) : '';
  const table = loc.tables[place];

  useEffect(() => {
    if (app && loc.app !== app.name) updateTablesLocation((s) => ({ ...s, app: app.name }));
  }, [app, loc.app]);

  const selectTable = (name: string | undefined): void => {
    updateTablesLocation((s) => {
      const tables = { ...s.tables };
      if (name) tables[place] = name;
      else delete tables[place];
      return { ...s, tables };
    });
  };

  const onCreated = (t: TableView): void => {
    setCreating(false);
    if (t.status === 'ACTIVE') toast.success(`Created ${t.name}`, 'The table is ready.');
    else toast.success(`Creating ${t.name}`, 'DynamoDB is creating the table: it is ready in a few seconds.');
    list.unhide(t.name);
    void list.refresh();
    selectTable(t.name);
    updateTablesLocation((s) => ({ ...s, tab: 'details' }));
  };

  let content: ReactElement;
  if (!apps && appsError) {
    content = <ErrorNotice error={appsError} title="Could not load your apps" action={<Button size="sm" icon="refresh" onClick={() => void refreshApps()}>Try again</Button>} />;
  } else if (!apps) {
    content = <div className="loading-block" aria-busy="true">Loading apps…</div>;
  } else if (!app) {
    content = (
      <EmptyState icon="layers" title="No apps yet" action={<Button variant="primary" icon="plus" onClick={ui.openAddApp}>Add app</Button>}>
        <p>Add an AWS app (and log in), or a local DynamoDB app, to browse its tables.</p>
        <p className="empty-cli">A local one from a terminal: <code>airlock apps add-local NAME</code></p>
      </EmptyState>
    );
  } else if (needsLogin) {
    content = (
      <EmptyState
        icon="lock"
        title={`Log in to ${app.name} to browse its tables`}
        action={<Button variant="primary" icon="login" onClick={() => ui.openRoleSelector({ app: app.name })}>Log in</Button>}
      >
        <p>Every DynamoDB call goes through the app's session: choose a role to start one.</p>
      </EmptyState>
    );
  } else {
    content = (
      <div className="tables-layout">
        <TableList list={list} selected={table} onSelect={selectTable} onCreate={() => setCreating(true)} />
        <TableWorkspace
          key={`${app.name}|${effectiveRegion}`}
          app={app}
          region={region}
          effectiveRegion={effectiveRegion}
          table={table}
          onTableDeleted={(name) => {
            list.hide(name);
            selectTable(undefined);
            void list.refresh();
          }}
        />
      </div>
    );
  }

  return (
    <div className="tables-view">
      <PageHeader
        title="Tables"
        description={app
          ? `DynamoDB tables of ${app.name} in ${effectiveRegion}${app.kind === 'local' ? ' (local emulator)' : app.session ? ` as ${app.session.roleName}` : ''}`
          : 'Browse, query and edit DynamoDB tables.'}
        actions={apps && app ? (
          <div className="tables-pickers">
            <AppPicker apps={apps} value={app.name} onChange={(name) => updateTablesLocation((s) => ({ ...s, app: name }))} />
            <RegionPicker
              value={region}
              appRegion={app.region}
              onChange={(r) => updateTablesLocation((s) => ({ ...s, regions: { ...s.regions, [app.name]: r } }))}
            />
          </div>
        ) : undefined}
      />
      {content}
      <JobsPanel />
      {creating && app ? (
        <CreateTableDialog app={app.name} region={region} onClose={() => setCreating(false)} onCreated={onCreated} />
      ) : null}
    </div>
  );
}
