import { useCallback, useEffect, useRef, useState } from 'react';
import type { TableView } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';

/** Described tables, kept for the window's life so switching back shows the details at once. */
const cache = new Map<string, TableView>();

const POLL_MS = 2500;

export interface TableViewState {
  table: TableView | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refresh(): Promise<void>;
}

/** DescribeTable (and friends) for one table; polls while the table is being created or changed. */
export function useTableView(app: string, region: string, name: string): TableViewState {
  const key = JSON.stringify([app, region, name]);
  const [table, setTable] = useState<TableView | undefined>(() => cache.get(key));
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const t = await call('tables.describe', { app, ...(region ? { region } : {}), table: name });
      if (mine !== seq.current) return;
      cache.set(key, t);
      setTable(t);
      setError(undefined);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(toApiError(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [app, region, name, key]);

  useEffect(() => {
    setTable(cache.get(key));
    setError(undefined);
    void refresh();
    return () => { seq.current++; };
  }, [key, refresh]);

  const busy = table && table.status !== 'ACTIVE' && table.status !== 'DELETING';
  const indexBusy = table?.indexes.some((i) => i.status && i.status !== 'ACTIVE');
  useEffect(() => {
    if (!busy && !indexBusy) return undefined;
    const t = setTimeout(() => void refresh(), POLL_MS);
    return () => clearTimeout(t);
  }, [busy, indexBusy, table, refresh]);

  return { table, error, loading, refresh };
}

export function forgetTableView(app: string, region: string, name: string): void {
  cache.delete(JSON.stringify([app, region, name]));
}

/** A table's description for incidental use (PartiQL key columns): from the cache, else asked once. */
export async function describeTable(app: string, region: string, name: string): Promise<TableView> {
  const key = JSON.stringify([app, region, name]);
  const hit = cache.get(key);
  if (hit) return hit;
  const t = await call('tables.describe', { app, ...(region ? { region } : {}), table: name });
  cache.set(key, t);
  return t;
}
