import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../main/web/static';
import { APP_CSP, mainWindowOptions, withSecurityHeaders } from '../../main/shell/window-options';

describe('main window options', () => {
  const opts = mainWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
  const web = opts.webPreferences!;

  it('isolates and sandboxes the renderer, without Node', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and the risky features off', () => {
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.navigateOnDragDrop).toBe(false);
  });

  it('loads our preload and allows DevTools only when developing', () => {
    expect(web.preload).toBe('/app/out/preload/index.cjs');
    expect(web.devTools).toBe(false);
    expect(mainWindowOptions({ preloadPath: '/p', dev: true }).webPreferences!.devTools).toBe(true);
  });

  it('is shown only when ready, titled Airlock', () => {
    expect(opts.show).toBe(false);
    expect(opts.title).toBe('Airlock');
    expect(opts.icon).toBeUndefined();
    expect(mainWindowOptions({ preloadPath: '/p', iconPath: '/i.png' }).icon).toBe('/i.png');
  });
});

describe('window CSP', () => {
  it('is the web host policy, strict', () => {
    expect(APP_CSP).toBe(SECURITY_HEADERS['content-security-policy']);
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toContain('unsafe-inline');
    expect(APP_CSP).not.toContain('unsafe-eval');
  });

  it('replaces any CSP a response carries and keeps other headers', () => {
    const out = withSecurityHeaders({ 'Content-Security-Policy': ["default-src *"], 'X-Content-Type-Options': ['x'], 'content-type': ['text/html'] });
    expect(out['content-security-policy']).toEqual([APP_CSP]);
    expect(out['Content-Security-Policy']).toBeUndefined();
    expect(out['X-Content-Type-Options']).toBeUndefined();
    expect(out['x-content-type-options']).toEqual(['nosniff']);
    expect(out['referrer-policy']).toEqual(['no-referrer']);
    expect(out['content-type']).toEqual(['text/html']);
  });

  it('adds the CSP to responses that had no headers', () => {
    expect(withSecurityHeaders(undefined)['content-security-policy']).toEqual([APP_CSP]);
  });
});
