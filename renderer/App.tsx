import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { call } from './api';
import { ToastProvider, useToast } from './components/Toast';
import { AddAppDialog } from './features/apps/AddAppDialog';
import { AppsView } from './features/apps/AppsView';
import { AuditView } from './features/audit/AuditView';
import { useConsoleLauncher } from './features/console/useConsoleLauncher';
import { LockedScreen } from './features/locked/LockedScreen';
import { ExpiryBanner } from './features/notifications/ExpiryBanner';
import { CommandPalette } from './features/palette/CommandPalette';
import { buildCommands } from './features/palette/commands';
import { ProxiesView } from './features/proxies/ProxiesView';
import { StartProxyDialog } from './features/proxies/StartProxyDialog';
import { AccessPolicyView } from './features/policy/AccessPolicyView';
import { RoleSelectorDialog } from './features/roles/RoleSelectorDialog';
import { SettingsView } from './features/settings/SettingsView';
import { showTablesOf } from './features/tables/location';
import { TablesView } from './features/tables/TablesView';
import { Header } from './layout/Header';
import { Sidebar } from './layout/Sidebar';
import { toApiError } from './lib/errors';
import { formatDurationLabel } from './lib/format';
import { defaultDuration, useDefaultDuration } from './lib/prefs';
import { loadSettings } from './lib/settings';
import { useThemeStorageSync } from './lib/theme';
import { DataProvider, useData } from './state/data';
import { UiContext } from './state/ui';
import type { RoleSelectorRequest, Ui, View } from './state/ui';

const TITLES: Record<View, string> = { apps: 'Apps', tables: 'Tables', proxies: 'Proxies', policy: 'Access policy', audit: 'Audit', settings: 'Settings' };

function Shell(): ReactElement {
  const data = useData();
  const { apps, refreshApps, addProxy, removeProxy, proxies } = data;
  const toast = useToast();
  const [view, setView] = useState<View>('apps');
  const [search, setSearchState] = useState('');
  const [roleSel, setRoleSel] = useState<RoleSelectorRequest>();
  const [addingApp, setAddingApp] = useState(false);
  const [editingApp, setEditingApp] = useState<string>();
  const [startProxy, setStartProxy] = useState<{ app?: string }>();
  const [palette, setPalette] = useState(false);
  const [settingsFocus, setSettingsFocus] = useState<string>();
  const searchRef = useRef<HTMLInputElement>(null);
  const mainRef = useRef<HTMLElement>(null);
  const duration = useDefaultDuration();
  const launchConsole = useConsoleLauncher();
  useThemeStorageSync();

  // The shared preferences (default duration, theme, launch at login); the defaults until they load.
  const locked = Boolean(data.locked);
  useEffect(() => {
    if (locked) return;
    loadSettings().catch((err: unknown) => {
      // Without the token the locked screen explains what to do.
      if (toApiError(err).code !== 'UNAUTHORIZED') toast.error('Could not load your preferences', err);
    });
  }, [locked, toast]);

  const anyDialog = Boolean(roleSel || addingApp || editingApp || startProxy);

  const navigate = useCallback((v: View) => {
    setView(v);
    if (v !== 'settings') setSettingsFocus(undefined);
    mainRef.current?.scrollTo({ top: 0 });
  }, []);

  const setSearch = useCallback((s: string) => {
    setSearchState(s);
    if (s) setView('apps');
  }, []);

  const quickLogin = useCallback(async (appName: string, roleArn: string) => {
    const app = apps?.find((a) => a.name === appName);
    if (!app) return;
    // The role's own MFA device and session length (from ~/.aws/config) win over the app's and the default.
    const role = app.roles.find((r) => r.arn === roleArn);
    if (role?.mfaSerial || app.mfaSerial) {
      setRoleSel({ app: appName, roleArn });
      return;
    }
    try {
      const s = await call('sessions.login', { app: appName, role: roleArn, durationSeconds: role?.durationSeconds ?? defaultDuration() });
      toast.success(`Logged in to ${appName} as ${s.roleName}`, `Session until ${new Date(s.expiration).toLocaleTimeString()}`);
      await refreshApps();
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'MFA_REQUIRED') setRoleSel({ app: appName, roleArn, mfaRequired: true });
      else toast.error(`Could not log in to ${appName}`, e);
    }
  }, [apps, refreshApps, toast]);

  const openTables = useCallback((app?: string, table?: string) => {
    if (app) showTablesOf(app, table);
    navigate('tables');
  }, [navigate]);

  const ui = useMemo<Ui>(() => ({
    view,
    navigate,
    search,
    setSearch,
    openRoleSelector: (req) => setRoleSel(req),
    openAddApp: () => setAddingApp(true),
    openEditApp: (app) => setEditingApp(app),
    openStartProxy: (app) => setStartProxy(app ? { app } : {}),
    openPalette: () => setPalette(true),
    openTables,
    quickLogin,
  }), [view, navigate, search, setSearch, quickLogin, openTables]);

  // Cmd/Ctrl+K toggles the palette; "/" jumps to the search field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((e.metaKey || e.ctrlKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (!anyDialog) setPalette((p) => !p);
        return;
      }
      const t = e.target as HTMLElement | null;
      const typing = t?.closest('input, textarea, select, [contenteditable="true"]');
      if (e.key === '/' && !typing && !anyDialog && !palette && !e.metaKey && !e.ctrlKey) {
        e.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [anyDialog, palette]);

  useEffect(() => {
    document.title = `${TITLES[view]} · Airlock`;
  }, [view]);

  const durationLabel = formatDurationLabel(duration);
  const commands = useMemo(() => buildCommands(apps ?? [], {
    login: (app, arn) => void quickLogin(app, arn),
    openRoleSelector: (app) => setRoleSel({ app }),
    logout: (app) => {
      void call('sessions.logout', { app }).then(() => {
        proxies.filter((p) => p.app === app).forEach((p) => removeProxy(p.id));
        toast.success(`Logged out of ${app}`);
        return refreshApps();
      }, (err: unknown) => toast.error(`Could not log out of ${app}`, err));
    },
    startProxy: (app) => setStartProxy({ app }),
    navigate,
    addApp: () => setAddingApp(true),
    editApp: (app) => setEditingApp(app),
    openTables,
    openConsole: (app, destination) => void launchConsole(app, { destination }),
  }, durationLabel), [apps, quickLogin, navigate, durationLabel, proxies, removeProxy, refreshApps, toast, openTables, launchConsole]);

  if (data.locked) return <LockedScreen error={data.locked} />;

  const selApp = roleSel ? apps?.find((a) => a.name === roleSel.app) : undefined;
  const editApp = editingApp ? apps?.find((a) => a.name === editingApp) : undefined;

  return (
    <UiContext.Provider value={ui}>
      <div className="shell">
        <a className="skip-link" href="#main" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>Skip to content</a>
        <Sidebar view={view} onNavigate={navigate} />
        <div className="workspace">
          <Header search={search} onSearch={setSearch} onPalette={() => setPalette(true)} searchRef={searchRef} />
          <ExpiryBanner />
          <main id="main" ref={mainRef} className="content" tabIndex={-1} aria-label={TITLES[view]}>
            <div className={`content-inner${view === 'tables' ? ' is-wide' : ''}`}>
              {view === 'apps' ? <AppsView /> : null}
              {view === 'tables' ? <TablesView /> : null}
              {view === 'proxies' ? <ProxiesView /> : null}
              {view === 'policy' ? <AccessPolicyView /> : null}
              {view === 'audit' ? <AuditView /> : null}
              {view === 'settings' ? <SettingsView {...(settingsFocus ? { focusApp: settingsFocus } : {})} /> : null}
            </div>
          </main>
        </div>
      </div>

      {selApp && roleSel ? (
        <RoleSelectorDialog
          key={`${selApp.name}|${roleSel.roleArn ?? ''}|${roleSel.mfaRequired ? 1 : 0}`}
          app={selApp}
          {...(roleSel.roleArn ? { initialRoleArn: roleSel.roleArn } : {})}
          {...(roleSel.mfaRequired ? { mfaRequired: true } : {})}
          onClose={() => setRoleSel(undefined)}
          onOpenSettings={() => {
            setRoleSel(undefined);
            setSettingsFocus(selApp.name);
            setView('settings');
          }}
          onOpenPolicy={() => {
            setRoleSel(undefined);
            navigate('policy');
          }}
          onEditApp={() => {
            setRoleSel(undefined);
            setEditingApp(selApp.name);
          }}
          onLoggedIn={(s) => {
            setRoleSel(undefined);
            toast.success(`Logged in to ${selApp.name} as ${s.roleName}`, `Session until ${new Date(s.expiration).toLocaleTimeString()}`);
            void refreshApps();
          }}
        />
      ) : null}
      {addingApp ? (
        <AddAppDialog
          onClose={() => setAddingApp(false)}
          onAdded={(app) => {
            setAddingApp(false);
            toast.success(`Added ${app.name}`, app.roles.length ? 'Log in to choose one of its roles.'
              : app.rolesFrom === 'policy' ? 'The access policy offers it no role yet: see Policy.' : 'It allows no roles yet.');
            setSearchState('');
            setView('apps');
            void refreshApps();
          }}
        />
      ) : null}
      {editApp ? (
        <AddAppDialog
          key={editApp.name}
          app={editApp}
          onClose={() => setEditingApp(undefined)}
          onAdded={(app) => {
            setEditingApp(undefined);
            const stale = app.session && !app.roles.some((r) => r.arn === app.session?.roleArn);
            toast.success(`Saved ${app.name}`, stale
              ? `Your session as ${app.session?.roleName} stays until you log out, but ${app.name} no longer allows that role: it will not renew.`
              : 'Its stored keys and session are unchanged.');
            void refreshApps();
          }}
        />
      ) : null}
      {startProxy ? (
        <StartProxyDialog
          apps={apps ?? []}
          {...(startProxy.app ? { initialApp: startProxy.app } : {})}
          onClose={() => setStartProxy(undefined)}
          onStarted={(p) => {
            setStartProxy(undefined);
            addProxy(p);
            toast.success(`Proxy for ${p.app} is running`, `${p.url} · copy its settings below`);
            setView('proxies');
          }}
        />
      ) : null}
      {palette ? <CommandPalette commands={commands} onClose={() => setPalette(false)} /> : null}
    </UiContext.Provider>
  );
}

export function App(): ReactElement {
  return (
    <ToastProvider>
      <DataProvider>
        <Shell />
      </DataProvider>
    </ToastProvider>
  );
}
