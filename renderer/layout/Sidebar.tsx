import type { ReactElement } from 'react';
import { transport } from '../api';
import { Icon } from '../components/Icon';
import type { IconName } from '../components/Icon';
import { useData } from '../state/data';
import type { View } from '../state/ui';

const NAV: ReadonlyArray<{ view: View; label: string; icon: IconName }> = [
  { view: 'apps', label: 'Apps', icon: 'apps' },
  { view: 'tables', label: 'Tables', icon: 'layers' },
  { view: 'proxies', label: 'Proxies', icon: 'proxy' },
  { view: 'policy', label: 'Policy', icon: 'shield' },
  { view: 'audit', label: 'Audit', icon: 'audit' },
  { view: 'settings', label: 'Settings', icon: 'settings' },
];

export function Sidebar({ view, onNavigate }: { view: View; onNavigate: (v: View) => void }): ReactElement {
  const { apps, proxies } = useData();
  const sessions = (apps ?? []).filter((a) => a.session).length;
  const counts: Partial<Record<View, number>> = { apps: apps?.length, proxies: proxies.length };
  return (
    <aside className="sidebar">
      <div className="brand">
        <span className="brand-mark"><Icon name="shield" size={18} /></span>
        <span className="brand-name">Airlock</span>
      </div>
      <nav aria-label="Main">
        <ul className="nav">
          {NAV.map((n) => (
            <li key={n.view}>
              <button
                type="button"
                className={`nav-item${view === n.view ? ' is-active' : ''}`}
                aria-current={view === n.view ? 'page' : undefined}
                onClick={() => onNavigate(n.view)}
              >
                <Icon name={n.icon} size={16} />
                <span className="nav-label">{n.label}</span>
                {counts[n.view] ? <span className="nav-count" aria-hidden="true">{counts[n.view]}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="sidebar-foot">
        <p className="sidebar-status">
          <span className={`status-dot${sessions ? ' is-on' : ''}`} aria-hidden="true" />
          {sessions === 0 ? 'No active sessions' : `${sessions} active ${sessions === 1 ? 'session' : 'sessions'}`}
        </p>
        <p className="sidebar-host">{transport === 'electron' ? 'Desktop app' : 'Local web UI · 127.0.0.1'}</p>
      </div>
    </aside>
  );
}
