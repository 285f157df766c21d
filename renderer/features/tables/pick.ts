/** Small choices of the Tables view, kept pure for tests. */
import type { AppView } from '../../../preload/contract';

/** Every word of the filter must occur in the name (case-insensitive). */
export function filterTables(names: readonly string[], query: string): string[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...names];
  return names.filter((n) => {
    const l = n.toLowerCase();
    return words.every((w) => l.includes(w));
  });
}

/** The app shown first: the one chosen before, else one that needs no login, else the first. */
export function defaultApp<A extends Pick<AppView, 'name' | 'kind' | 'session'>>(apps: readonly A[], chosen: string | undefined): A | undefined {
  return apps.find((a) => a.name === chosen) ?? apps.find((a) => a.session || a.kind === 'local') ?? apps[0];
}
