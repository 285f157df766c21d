/**
 * Where the Tables view is (app, region, table, tab), kept for the life of the window so leaving
 * the view and coming back (or jumping here from the command palette) lands on the same place.
 */
import { useSyncExternalStore } from 'react';

export type TablesTab = 'explore' | 'partiql' | 'details';

export interface TablesLocation {
  app?: string | undefined;
  /** The region chosen per app ('' or absent: the app's own region). */
  regions: Record<string, string>;
  /** The table last open per app and region (key: `${app} ${region}`). */
  tables: Record<string, string>;
  tab: TablesTab;
}

let state: TablesLocation = { regions: {}, tables: {}, tab: 'explore' };
const listeners = new Set<() => void>();

export function getTablesLocation(): TablesLocation {
  return state;
}

export function updateTablesLocation(fn: (s: TablesLocation) => TablesLocation): void {
  state = fn(state);
  for (const l of [...listeners]) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useTablesLocation(): TablesLocation {
  return useSyncExternalStore(subscribe, getTablesLocation);
}

export const placeKey = (app: string, region: string): string => `${app} ${region}`;

/** Opens the Tables view on an app (and a table); the caller then navigates to the view. */
export function showTablesOf(app: string, table?: string): void {
  updateTablesLocation((s) => ({
    ...s,
    app,
    ...(table ? { tables: { ...s.tables, [placeKey(app, s.regions[app] ?? '')]: table }, tab: 'explore' as const } : {}),
  }));
}
