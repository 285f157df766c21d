import type { MenuItemConstructorOptions } from 'electron';
import { externalUrl } from './navigation';

export const DOCS_ITEM_ID = 'help.docs';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  /** Development checkout: reload and DevTools in the View menu. */
  dev: boolean;
  /** The documentation's https address; without one, Help has no link (never any remote content in the window). */
  docsUrl?: string | undefined;
}

/**
 * The application menu: standard roles (so the usual shortcuts work: copy/paste in forms,
 * zoom, close), reload and DevTools only when developing, and Help → documentation, opened in
 * the default browser (id DOCS_ITEM_ID; the binding does the opening).
 */
export function buildAppMenu(o: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin';
  const docs = o.docsUrl ? externalUrl(o.docsUrl) : null;
  const view: MenuItemConstructorOptions[] = [
    ...(o.dev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[] : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: mac ? 'File' : '&File', submenu: [mac ? { role: 'close' } : { role: 'quit', label: 'Quit Airlock' }] },
    { role: 'editMenu' },
    { label: mac ? 'View' : '&View', submenu: view },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: docs ? [{ id: DOCS_ITEM_ID, label: 'Airlock Documentation' }] : [{ label: 'Airlock Documentation', enabled: false }],
    },
  ];
}
