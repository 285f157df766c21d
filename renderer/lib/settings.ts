import { useSyncExternalStore } from 'react';
import type { Request, SettingsView } from '../../preload/contract';
import { call } from '../api';
import { setThemePref, themePref } from './theme';
import type { ThemePref } from './theme';

/**
 * The user's preferences as the main side keeps them (Airlock's config.json, shared by the desktop
 * app, the web UI and the CLI). Until they are loaded, the defaults. The theme also stays in
 * localStorage (theme.ts) so the first paint needs no round trip.
 */
let current: SettingsView = { defaultDurationSeconds: 3600, theme: themePref(), launchAtLogin: false, launchAtLoginSupported: false };
const listeners = new Set<() => void>();

function publish(next: SettingsView): void {
  current = next;
  listeners.forEach((l) => l());
}

export function settings(): SettingsView {
  return current;
}

export function useSettings(): SettingsView {
  return useSyncExternalStore((l) => {
    listeners.add(l);
    return () => listeners.delete(l);
  }, () => current);
}

const MIGRATED = 'airlock.settingsMigrated';
const LEGACY_DURATION = 'airlock.defaultDuration';

/** Once per browser profile: what older versions kept only in localStorage, unless the config already says otherwise. */
function legacyPatch(s: SettingsView): Request<'settings.set'> {
  try {
    if (localStorage.getItem(MIGRATED)) return {};
    localStorage.setItem(MIGRATED, '1');
    const patch: Request<'settings.set'> = {};
    const duration = Number(localStorage.getItem(LEGACY_DURATION));
    localStorage.removeItem(LEGACY_DURATION);
    if (s.defaultDurationSeconds === 3600 && Number.isInteger(duration) && duration >= 900 && duration <= 43_200 && duration !== 3600) {
      patch.defaultDurationSeconds = duration;
    }
    if (s.theme === 'system' && themePref() !== 'system') patch.theme = themePref();
    return patch;
  } catch {
    return {};
  }
}

/** Loads the stored preferences and adopts the stored theme. */
export async function loadSettings(): Promise<void> {
  let s = await call('settings.get', {});
  const patch = legacyPatch(s);
  if (Object.keys(patch).length) s = await call('settings.set', patch);
  publish(s);
  setThemePref(s.theme);
}

/** Saves the preferences given; shown at once, put back if the main side refuses (the error is thrown). */
export async function saveSettings(patch: Request<'settings.set'>): Promise<SettingsView> {
  const before = current;
  publish({ ...current, ...patch });
  try {
    const s = await call('settings.set', patch);
    publish(s);
    return s;
  } catch (err) {
    publish(before);
    throw err;
  }
}

/** Applies a theme at once (and for the next first paint), and keeps it in the shared preferences. */
export function chooseTheme(pref: ThemePref): void {
  setThemePref(pref);
  // Not saved (e.g. the host is gone): the theme still applies here, from localStorage.
  saveSettings({ theme: pref }).catch(() => undefined);
}
