import type { ReactElement } from 'react';
import type { ApiError } from '../../api';
import { Icon } from '../../components/Icon';

/** Shown when the host refused us (no or wrong token): explains how to open Airlock, shows nothing else. */
export function LockedScreen({ error }: { error: ApiError }): ReactElement {
  return (
    <main className="locked">
      <div className="locked-card">
        <div className="locked-icon"><Icon name="lock" size={26} /></div>
        <h1 className="locked-title">Open Airlock with its access link</h1>
        <p>
          This page only works with the link that <code>airlock ui</code> printed in your terminal. The link carries a
          one-time access token, so other pages and people on this machine cannot use your AWS sessions.
        </p>
        <ol className="locked-steps">
          <li>In a terminal, run <code>airlock ui</code> (or <code>npm start</code> in a checkout).</li>
          <li>Open the URL it prints first. It looks like <code>http://127.0.0.1:PORT/#token=…</code></li>
        </ol>
        {/^Open Airlock/.test(error.message) ? null : <p className="locked-detail"><Icon name="info" size={13} /> The link used here was refused: {error.message}</p>}
      </div>
    </main>
  );
}
