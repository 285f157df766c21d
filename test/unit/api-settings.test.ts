import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHandlers, invoke } from '../../main/api';
import type { ApiContext } from '../../main/api/context';
import { CoreHost } from '../../main/core/host';
import type { ProxyRegistry } from '../../main/core/proxy/registry';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function handlers(applyLaunchAtLogin?: (on: boolean) => void): { host: CoreHost; h: ReturnType<typeof createHandlers> } {
  const dir = mkdtempSync(join(tmpdir(), 'airlock-settings-'));
  dirs.push(dir);
  const host = new CoreHost({ env: { AIRLOCK_HOME: dir } });
  const ctx: ApiContext = { host, proxies: {} as ProxyRegistry, emit: () => undefined, ...(applyLaunchAtLogin ? { applyLaunchAtLogin } : {}) };
  return { host, h: createHandlers(ctx) };
}

describe('settings.get / settings.set', () => {
  it('applies launch at login through the host, then stores it', async () => {
    const apply = vi.fn();
    const { host, h } = handlers(apply);
    expect(await invoke(h, 'settings.get', {})).toEqual({ ok: true, value: { defaultDurationSeconds: 3600, theme: 'system', launchAtLogin: false, launchAtLoginSupported: true } });
    expect(await invoke(h, 'settings.set', { launchAtLogin: true })).toMatchObject({ ok: true, value: { launchAtLogin: true, launchAtLoginSupported: true } });
    expect(apply).toHaveBeenCalledWith(true);
    expect(host.preferences.get().launchAtLogin).toBe(true);
    // Only a change reaches the operating system.
    await invoke(h, 'settings.set', { theme: 'light', launchAtLogin: true });
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('keeps the stored preference when the operating system refuses', async () => {
    const { host, h } = handlers(() => { throw new Error('login items unavailable'); });
    expect(await invoke(h, 'settings.set', { launchAtLogin: true })).toMatchObject({ ok: false, error: { message: 'login items unavailable' } });
    expect(host.preferences.get().launchAtLogin).toBe(false);
  });

  it('refuses launch at login on a host that cannot, and unknown preferences', async () => {
    const { h } = handlers();
    expect(await invoke(h, 'settings.set', { launchAtLogin: true })).toMatchObject({ ok: false, error: { code: 'LAUNCH_AT_LOGIN_UNSUPPORTED' } });
    expect(await invoke(h, 'settings.set', { colour: 'red' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
