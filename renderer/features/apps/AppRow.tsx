import { useId } from 'react';
import type { MouseEvent, ReactElement } from 'react';
import type { AppView } from '../../../preload/contract';
import { Button, IconButton } from '../../components/Button';
import { Chip } from '../../components/Chip';
import { Icon } from '../../components/Icon';
import { useUi } from '../../state/ui';
import { ConsoleButton } from '../console/ConsoleButton';
import { hueOf } from './parse';
import { SessionStatus } from './SessionStatus';

export function AppAvatar({ name, size = 'md' }: { name: string; size?: 'sm' | 'md' }): ReactElement {
  // The hue is the one dynamic value: set through the CSSOM (allowed by the CSP), not a style attribute in markup.
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true" ref={(el) => { el?.style.setProperty('--hue', String(hueOf(name))); }}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

export function AppRow({ app, proxyCount, loggingOut, onLogout, onEdit, onRemove }: {
  app: AppView;
  proxyCount: number;
  loggingOut: boolean;
  onLogout: () => void;
  onEdit: () => void;
  onRemove: () => void;
}): ReactElement {
  const ui = useUi();
  const nameId = useId();
  const accounts = [...new Set(app.roles.map((r) => r.accountId))];
  const labels = Object.entries(app.labels);
  const local = app.kind === 'local';
  const proxiesLink = proxyCount > 0 ? (
    <button type="button" className="link-button" onClick={() => ui.navigate('proxies')}>
      <Icon name="proxy" size={13} />{proxyCount} {proxyCount === 1 ? 'proxy' : 'proxies'} running
    </button>
  ) : null;
  const openSelector = (): void => ui.openRoleSelector({ app: app.name, ...(app.session ? { roleArn: app.session.roleArn } : {}) });
  // A click anywhere on the row that is not on a control opens the role selector (a local app's tables: it has no roles).
  const onRowClick = (e: MouseEvent): void => {
    if ((e.target as HTMLElement).closest('button, a, input, select, textarea')) return;
    if (local) ui.openTables(app.name);
    else openSelector();
  };

  return (
    <li className={`app-row${app.session ? ' is-signed-in' : ''}`} aria-labelledby={nameId} onClick={onRowClick}>
      <AppAvatar name={app.name} />
      <div className="app-main">
        <div className="app-title">
          <h3 id={nameId} className="app-name">{app.name}</h3>
          {local ? <Chip title="A local DynamoDB: no AWS account, no login">local</Chip> : null}
          {labels.length ? (
            <span className="app-labels" role="list" aria-label={`Labels of ${app.name}`}>
              {labels.map(([k, v]) => (
                <span key={k} role="listitem" aria-label={`${k}=${v}`}>
                  <Chip title={`label ${k}=${v}`}><span className="chip-key">{k}</span>{v}</Chip>
                </span>
              ))}
            </span>
          ) : null}
        </div>
        {local ? (
          <p className="app-meta">
            <span title="Where its DynamoDB runs"><Icon name="layers" size={13} />
              {app.localEndpoint === 'embedded' ? 'Local DynamoDB (embedded)' : `DynamoDB emulator at ${app.localEndpoint ?? app.uri}`} · {app.region}
            </span>
            {proxiesLink}
          </p>
        ) : (
        <p className="app-meta">
          <span title="Partition"><Icon name="globe" size={13} />{app.partition} · {app.region}</span>
          <span title={[accounts.join(', '), app.rolesFrom === 'policy' ? `offered by the access policy${app.deniedBy?.length ? `, denied by ${app.deniedBy.join(', ')}` : ''}` : "from the app's own role list"].filter(Boolean).join(' · ')}><Icon name="user" size={13} />
            {app.roles.length} {app.roles.length === 1 ? 'role' : 'roles'}
            {accounts.length > 0 ? ` in ${accounts.length === 1 ? `account ${accounts[0]}` : `${accounts.length} accounts`}` : ''}
            {app.rolesFrom === 'policy' ? <span className="app-origin">· {app.deniedBy?.length ? 'denied by policy' : 'via policy'}</span> : null}
          </span>
          <span title={app.hasStoredKeys ? 'Source keys stored in the Airlock vault' : 'Uses your default AWS credentials (environment, ~/.aws)'}>
            <Icon name="key" size={13} />{app.hasStoredKeys ? 'Keys in vault' : 'Default credentials'}
          </span>
          {proxiesLink}
        </p>
        )}
      </div>
      {local ? null : <SessionStatus session={app.session} roleRemoved={Boolean(app.session && !app.roles.some((r) => r.arn === app.session?.roleArn))} />}
      <div className="app-actions">
        {local ? (
          <>
            <Button size="sm" variant="primary" icon="layers" onClick={() => ui.openTables(app.name)} aria-label={`Browse tables of ${app.name}`}>Browse tables</Button>
            <Button size="sm" icon="play" onClick={() => ui.openStartProxy(app.name)} aria-label={`Start proxy for ${app.name}`}>Start proxy</Button>
          </>
        ) : app.session ? (
          <>
            <Button size="sm" icon="play" onClick={() => ui.openStartProxy(app.name)} aria-label={`Start proxy for ${app.name}`}>Start proxy</Button>
            <ConsoleButton app={app} />
            <IconButton icon="refresh" label={`Log in again to ${app.name}`} onClick={openSelector} />
            <IconButton icon="logout" label={`Log out of ${app.name}`} onClick={onLogout} busy={loggingOut} />
          </>
        ) : (
          <Button size="sm" variant="primary" icon="login" onClick={openSelector} aria-label={`Log in to ${app.name}`}>Log in</Button>
        )}
        {app.session ? <IconButton icon="layers" label={`Browse tables of ${app.name}`} onClick={() => ui.openTables(app.name)} /> : null}
        {local ? null : <IconButton icon="edit" label={`Edit ${app.name}`} onClick={onEdit} />}
        <IconButton icon="trash" variant="danger-ghost" label={`Remove ${app.name}`} onClick={onRemove} />
      </div>
    </li>
  );
}
