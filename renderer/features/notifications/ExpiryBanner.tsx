import { useState } from 'react';
import type { ReactElement } from 'react';
import { Button, IconButton } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { useNow } from '../../lib/clock';
import { formatLeft, msLeft } from '../../lib/format';
import { useData } from '../../state/data';
import { useUi } from '../../state/ui';
import { WARN_MS } from '../apps/SessionStatus';

/** A banner per session with less than five minutes left (or ended), with one-click re-login. */
export function ExpiryBanner(): ReactElement | null {
  const { apps } = useData();
  const ui = useUi();
  const now = useNow();
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  const due = (apps ?? []).flatMap((a) => {
    if (!a.session) return [];
    const left = msLeft(a.session.expiration, now);
    const key = `${a.name}|${a.session.expiration}`;
    return left < WARN_MS && !dismissed.has(key) ? [{ app: a, left, key }] : [];
  });
  if (due.length === 0) return null;
  return (
    <div className="banners">
      {due.map(({ app, left, key }) => (
        <div key={key} className={`banner ${left <= 0 ? 'banner-danger' : 'banner-warning'}`} role="status">
          <Icon name="clock" size={16} />
          <p className="banner-text">
            {left <= 0
              ? <>Your session for <strong>{app.name}</strong> ({app.session?.roleName}) has ended.</>
              : <>Your session for <strong>{app.name}</strong> ({app.session?.roleName}) ends in <strong className="tabular">{formatLeft(left)}</strong>.</>}
          </p>
          <Button size="sm" variant="primary" icon="refresh" onClick={() => ui.openRoleSelector({ app: app.name, ...(app.session ? { roleArn: app.session.roleArn } : {}) })} aria-label={`Log in again to ${app.name} now`}>
            Log in again
          </Button>
          <IconButton icon="x" label={`Dismiss the reminder for ${app.name}`} onClick={() => setDismissed((s) => new Set(s).add(key))} />
        </div>
      ))}
    </div>
  );
}
