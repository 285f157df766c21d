import { useEffect, useSyncExternalStore } from 'react';

export type ThemePref = 'light' | 'dark' | 'system';
export const THEME_PREFS: readonly ThemePref[] = ['light', 'dark', 'system'];

const KEY = 'airlock.theme';
const listeners = new Set<() => void>();

function readPref(): ThemePref {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
  } catch {
    return 'system';
  }
}

let current: ThemePref = readPref();
const media = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined;

export function themePref(): ThemePref {
  return current;
}

export function resolvedTheme(pref: ThemePref = current): 'light' | 'dark' {
  if (pref !== 'system') return pref;
  return media?.matches ? 'dark' : 'light';
}

/** Puts the resolved theme on <html data-theme>; the CSS variables follow it. */
export function applyTheme(): void {
  document.documentElement.dataset.theme = resolvedTheme();
}

/** Applies a theme here and keeps it in localStorage for the next first paint (lib/settings.ts also stores it in the config). */
export function setThemePref(pref: ThemePref): void {
  if (pref === current) return;
  current = pref;
  try {
    localStorage.setItem(KEY, pref);
  } catch {
    // private mode: the choice lasts for this page only
  }
  applyTheme();
  listeners.forEach((l) => l());
}

media?.addEventListener('change', () => {
  applyTheme();
  listeners.forEach((l) => l());
});

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useThemePref(): ThemePref {
  return useSyncExternalStore(subscribe, () => current);
}

/** Keeps the theme in sync when another window of the same origin changes it. */
export function useThemeStorageSync(): void {
  useEffect(() => {
    const h = (e: StorageEvent): void => {
      if (e.key === KEY) {
        current = readPref();
        applyTheme();
        listeners.forEach((l) => l());
      }
    };
    window.addEventListener('storage', h);
    return () => window.removeEventListener('storage', h);
  }, []);
}
