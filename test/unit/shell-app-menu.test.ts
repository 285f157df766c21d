import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { DOCS_ITEM_ID, buildAppMenu } from '../../main/shell/menu';

const roles = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [
  ...(i.role ? [i.role] : []),
  ...(Array.isArray(i.submenu) ? roles(i.submenu) : []),
]);
const ids = (items: MenuItemConstructorOptions[]): string[] => items.flatMap((i) => [
  ...(i.id ? [i.id] : []),
  ...(Array.isArray(i.submenu) ? ids(i.submenu) : []),
]);

describe('application menu', () => {
  it('has the standard menus', () => {
    const r = roles(buildAppMenu({ platform: 'linux', dev: false }));
    expect(r).toEqual(expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'help', 'zoomIn', 'togglefullscreen']));
    expect(roles(buildAppMenu({ platform: 'darwin', dev: false }))).toEqual(expect.arrayContaining(['appMenu', 'close']));
  });

  it('reloads and opens DevTools only when developing', () => {
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(roles(buildAppMenu({ platform: 'linux', dev: false }))).not.toContain(role);
      expect(roles(buildAppMenu({ platform: 'linux', dev: true }))).toContain(role);
    }
  });

  it('links the documentation only over https, to the default browser', () => {
    expect(ids(buildAppMenu({ platform: 'linux', dev: false, docsUrl: 'https://example.com/airlock#readme' }))).toEqual([DOCS_ITEM_ID]);
    expect(ids(buildAppMenu({ platform: 'linux', dev: false, docsUrl: 'http://example.com/' }))).toEqual([]);
    expect(ids(buildAppMenu({ platform: 'linux', dev: false, docsUrl: 'file:///etc/passwd' }))).toEqual([]);
    expect(ids(buildAppMenu({ platform: 'linux', dev: false }))).toEqual([]);
  });
});
