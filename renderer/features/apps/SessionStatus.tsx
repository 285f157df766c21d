import type { ReactElement } from 'react';
import type { SessionView } from '../../../preload/contract';
import { useNow } from '../../lib/clock';
import { formatLeft, msLeft } from '../../lib/format';

export const WARN_MS = 5 * 60 * 1000;

/**
 * "Admin · 111111111111 — 52m 10s left", ticking every second. `roleRemoved`: the app no longer
 * lists the session's role (edited after login); the session lasts until logout but never renews.
 */
export function SessionStatus({ session, roleRemoved = false }: { session: SessionView | null; roleRemoved?: boolean }): ReactElement {
  const now = useNow();
  if (!session) {
    return (
      <div className="session-status is-out">
        <span className="status-dot" aria-hidden="true" />
        <span className="session-line">Signed out</span>
      </div>
    );
  }
  const left = msLeft(session.expiration, now);
  const state = left <= 0 ? 'is-expired' : left < WARN_MS ? 'is-warning' : 'is-in';
  return (
    <div className={`session-status ${state}`}>
      <span className="status-dot" aria-hidden="true" />
      <div className="session-text">
        <span className="session-line">
          Signed in as <strong>{session.roleName}</strong>
          {session.usedMfa ? <span className="session-mfa" title="Opened with an MFA code">MFA</span> : null}
        </span>
        <span className="session-left" title={`Ends ${new Date(session.expiration).toLocaleString()}`}>
          {left <= 0 ? 'Session expired' : `${formatLeft(left)} left`}
        </span>
        {roleRemoved ? (
          <span className="session-note" title="The app no longer lists this role: the session lasts until it ends or you log out, and is not renewed.">
            Role no longer allowed · will not renew
          </span>
        ) : null}
      </div>
    </div>
  );
}
