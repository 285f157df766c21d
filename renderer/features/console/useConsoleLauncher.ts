import { useCallback } from 'react';
import { ApiError, call, transport } from '../../api';
import { useToast } from '../../components/Toast';
import { toApiError } from '../../lib/errors';
import { useData } from '../../state/data';
import { consoleError, consoleOpenedToast, sessionGone } from './messages';
import type { ConsoleRequest } from './messages';

export type ConsoleLauncher = (app: string, req?: Partial<ConsoleRequest>) => Promise<void>;

/** The desktop app opens its own console window; the web UI can only open a tab. */
export const DEFAULT_CONSOLE_TARGET: ConsoleRequest['target'] = transport === 'electron' ? 'window' : 'browser';

/**
 * Opens the AWS console of an app's live session. The desktop app opens it itself and keeps the
 * sign-in URL (a bearer secret) in the main process; the web host hands the URL back, and the page
 * opens it in a new tab with no opener and no referrer, so the console cannot reach this page.
 */
export function useConsoleLauncher(): ConsoleLauncher {
  const toast = useToast();
  const { refreshApps } = useData();
  return useCallback(async (app, req = {}) => {
    try {
      const r = await call('console.open', {
        app,
        target: req.target ?? DEFAULT_CONSOLE_TARGET,
        destination: req.destination ?? 'home',
        ...(req.region ? { region: req.region } : {}),
      });
      // Right after the click's request: the browser still grants the click's user activation to the popup.
      if (r.openedIn === 'none' && r.url) window.open(r.url, '_blank', 'noopener,noreferrer');
      const t = consoleOpenedToast(app, r);
      toast.success(t.title, t.detail);
    } catch (err) {
      const e = toApiError(err);
      toast.error(`Could not open the AWS console of ${app}`, new ApiError(consoleError(app, e)));
      if (sessionGone(e.code)) void refreshApps();
    }
  }, [toast, refreshApps]);
}
