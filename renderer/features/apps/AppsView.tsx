import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { call } from '../../api';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PageHeader } from '../../components/PageHeader';
import { useToast } from '../../components/Toast';
import { useData } from '../../state/data';
import { useUi } from '../../state/ui';
import { AddLocalAppDialog } from './AddLocalAppDialog';
import { AppRow } from './AppRow';
import { ImportAwsConfigDialog } from './ImportAwsConfigDialog';

/** Name, labels (key, value or key=value), region and partition all match the search. */
export function matchesApp(app: AppView, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [app.name, app.region, app.partition, ...Object.entries(app.labels).flatMap(([k, v]) => [k, v, `${k}=${v}`]),
    ...app.roles.map((r) => r.name)].join(' ').toLowerCase();
  return words.every((w) => hay.includes(w));
}

export function AppsView(): ReactElement {
  const { apps, appsError, proxies, refreshApps, removeProxy } = useData();
  const ui = useUi();
  const toast = useToast();
  const [removing, setRemoving] = useState<string>();
  const [loggingOut, setLoggingOut] = useState<string>();
  const [addingLocal, setAddingLocal] = useState(false);
  const [importingAws, setImportingAws] = useState(false);

  const shown = useMemo(() => (apps ?? []).filter((a) => matchesApp(a, ui.search)), [apps, ui.search]);
  const signedIn = (apps ?? []).filter((a) => a.session).length;

  const logout = async (app: string): Promise<void> => {
    setLoggingOut(app);
    try {
      await call('sessions.logout', { app });
      proxies.filter((p) => p.app === app).forEach((p) => removeProxy(p.id));
      toast.success(`Logged out of ${app}`, 'Its session and proxies have ended.');
      await refreshApps();
    } catch (err) {
      toast.error(`Could not log out of ${app}`, err);
    } finally {
      setLoggingOut(undefined);
    }
  };

  let content: ReactElement;
  if (!apps && appsError) {
    content = <ErrorNotice error={appsError} title="Could not load your apps" action={<Button size="sm" icon="refresh" onClick={() => void refreshApps()}>Try again</Button>} />;
  } else if (!apps) {
    content = (
      <ul className="app-list" aria-label="Loading apps" aria-busy="true">
        {[0, 1, 2].map((i) => <li key={i} className="app-row is-skeleton"><span className="skeleton skeleton-avatar" /><span className="skeleton skeleton-line" /><span className="skeleton skeleton-short" /></li>)}
      </ul>
    );
  } else if (apps.length === 0) {
    content = (
      <EmptyState
        icon="layers"
        title="No apps yet"
        action={(
          <>
            <Button variant="primary" icon="plus" onClick={ui.openAddApp}>Add your first app</Button>
            <Button icon="download" onClick={() => setImportingAws(true)}>Import from AWS config</Button>
            <Button icon="layers" onClick={() => setAddingLocal(true)}>Add local DynamoDB</Button>
          </>
        )}
      >
        <p>
          An <strong>app</strong> is one way into AWS: a console URI (which decides the partition), a default region,
          the IAM roles you may assume there, and optional labels and endpoint overrides.
        </p>
        <p>
          Log in to an app with one of its roles and Airlock keeps a short-lived session for it. Your tools use that
          session through a local proxy; your long-lived keys never leave the vault.
        </p>
        <p className="empty-cli">From a terminal: <code>airlock apps add NAME --uri https://console.aws.amazon.com/</code></p>
      </EmptyState>
    );
  } else if (shown.length === 0) {
    content = (
      <EmptyState icon="search" title="No matching apps" action={<Button onClick={() => ui.setSearch('')}>Clear search</Button>}>
        <p>No app name, label, role or region matches “{ui.search}”.</p>
      </EmptyState>
    );
  } else {
    content = (
      <ul className="app-list" aria-label="Apps">
        {shown.map((app) => (
          <AppRow
            key={app.name}
            app={app}
            proxyCount={proxies.filter((p) => p.app === app.name).length}
            loggingOut={loggingOut === app.name}
            onLogout={() => void logout(app.name)}
            onEdit={() => ui.openEditApp(app.name)}
            onRemove={() => setRemoving(app.name)}
          />
        ))}
      </ul>
    );
  }

  return (
    <>
      <PageHeader
        title="Apps"
        description={apps && apps.length > 0
          ? `${apps.length} ${apps.length === 1 ? 'app' : 'apps'} · ${signedIn} signed in${ui.search ? ` · ${shown.length} shown` : ''}`
          : 'AWS accounts and the roles you may assume in them.'}
        actions={(
          <>
            <Button icon="download" onClick={() => setImportingAws(true)}>Import from AWS config</Button>
            <Button icon="layers" onClick={() => setAddingLocal(true)}>Add local DynamoDB</Button>
            <Button variant="primary" icon="plus" onClick={ui.openAddApp}>Add app</Button>
          </>
        )}
      />
      {apps && appsError ? <ErrorNotice error={appsError} title="Could not refresh your apps" compact /> : null}
      {content}
      {addingLocal ? (
        <AddLocalAppDialog
          hasEmbedded={(apps ?? []).some((a) => a.localEndpoint === 'embedded')}
          onClose={() => setAddingLocal(false)}
          onAdded={(app) => {
            setAddingLocal(false);
            toast.success(`Added ${app.name}`, 'A local DynamoDB: browse its tables or start its proxy, no login needed.');
            void refreshApps();
          }}
        />
      ) : null}
      {importingAws ? (
        <ImportAwsConfigDialog
          existingNames={(apps ?? []).map((a) => a.name)}
          onClose={() => setImportingAws(false)}
          onImported={() => void refreshApps()}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing}?`}
          confirmLabel="Remove app"
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            await call('apps.remove', { name: removing });
            proxies.filter((p) => p.app === removing).forEach((p) => removeProxy(p.id));
            toast.success(`Removed ${removing}`);
            await refreshApps();
          }}
        >
          <p>
            This removes <strong>{removing}</strong> from Airlock: its session ends, its proxies stop and its stored
            source keys are deleted from the vault. Nothing changes in AWS itself.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
