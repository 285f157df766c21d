import { describe, expect, it } from 'vitest';
import {
  externalUrl, isAllowedNavigation, isPermissionAllowed, navigationDecision, windowOpenDecision,
} from '../../main/shell/navigation';

const APP = 'file:///opt/Airlock/resources/app.asar/dist/renderer/index.html';

describe('navigation guard', () => {
  it('allows our own page, with or without a fragment', () => {
    expect(isAllowedNavigation(APP, APP)).toBe(true);
    expect(isAllowedNavigation(`${APP}#login=prod&role=arn%3Aaws`, APP)).toBe(true);
  });

  it('refuses other file:// paths, even next to ours', () => {
    expect(isAllowedNavigation('file:///opt/Airlock/resources/app.asar/dist/renderer/other.html', APP)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', APP)).toBe(false);
    expect(isAllowedNavigation('file:///opt/Airlock/resources/app.asar/dist/renderer/index.html/../../../x', APP)).toBe(false);
    expect(isAllowedNavigation('file://evil-host/opt/Airlock/resources/app.asar/dist/renderer/index.html', APP)).toBe(false);
    expect(isAllowedNavigation(`${APP}?next=https://evil.example`, APP)).toBe(false);
  });

  it('refuses javascript:, data:, blob:, about: and anything on the network', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:file:///1234',
      'about:blank',
      'http://localhost:5173/',
      'http://127.0.0.1:8080/index.html',
      'https://evil.example/',
      'https://console.aws.amazon.com/',
      'chrome://settings',
      'not a url',
      '',
    ]) {
      expect(isAllowedNavigation(url, APP), url).toBe(false);
    }
  });

  it('never allows anything when the app URL is not a file URL', () => {
    expect(isAllowedNavigation('http://localhost/', 'http://localhost/')).toBe(false);
  });

  it('sends refused https links to the browser, nothing else', () => {
    expect(navigationDecision('https://docs.aws.amazon.com/iam/', APP)).toEqual({ allow: false, openExternal: 'https://docs.aws.amazon.com/iam/' });
    expect(navigationDecision('http://example.com/', APP)).toEqual({ allow: false, openExternal: null });
    expect(navigationDecision('javascript:alert(1)', APP)).toEqual({ allow: false, openExternal: null });
    expect(navigationDecision(APP, APP)).toEqual({ allow: true });
    // A subframe never navigates, not even to our page, and never opens anything.
    expect(navigationDecision(APP, APP, false)).toEqual({ allow: false, openExternal: null });
    expect(navigationDecision('https://evil.example/', APP, false)).toEqual({ allow: false, openExternal: null });
  });
});

describe('window.open', () => {
  it('is always denied', () => {
    for (const url of [APP, 'https://evil.example/', 'http://localhost/', 'javascript:void 0', 'about:blank', 'file:///etc/passwd']) {
      expect(windowOpenDecision(url).response, url).toEqual({ action: 'deny' });
    }
  });

  it('hands only https links (without credentials) to the default browser', () => {
    expect(windowOpenDecision('https://aws.amazon.com/').openExternal).toBe('https://aws.amazon.com/');
    expect(windowOpenDecision('http://aws.amazon.com/').openExternal).toBeNull();
    expect(windowOpenDecision('file:///etc/passwd').openExternal).toBeNull();
    expect(windowOpenDecision('smb://share/x').openExternal).toBeNull();
    expect(windowOpenDecision('javascript:alert(1)').openExternal).toBeNull();
    expect(externalUrl('https://user:pw@evil.example/')).toBeNull();
    expect(externalUrl('https://')).toBeNull();
  });
});

describe('permissions', () => {
  it('are denied, whatever the page', () => {
    for (const p of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'fileSystem', 'hid', 'usb', 'serial', 'display-capture', 'unknown']) {
      expect(isPermissionAllowed(p, APP, true, APP), p).toBe(false);
    }
  });

  it('allow clipboard writes and notifications only to our main frame', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write', APP, true, APP)).toBe(true);
    expect(isPermissionAllowed('notifications', `${APP}#proxies`, true, APP)).toBe(true);
    expect(isPermissionAllowed('clipboard-sanitized-write', APP, false, APP)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', true, APP)).toBe(false);
    expect(isPermissionAllowed('notifications', undefined, true, APP)).toBe(false);
  });
});
