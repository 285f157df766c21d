import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';

export interface TableList {
  tables: string[] | undefined;
  /** The region the service listed (the app's region when none was chosen). */
  region: string | undefined;
  error: ApiError | undefined;
  loading: boolean;
  refresh(): Promise<void>;
  /** Hides a deleted table at once (DynamoDB lists it while it is being deleted). */
  hide(name: string): void;
  /** Shows it again (a table created with that name). */
  unhide(name: string): void;
}

/** The table names of one app and region (the service pages ListTables past 100 and returns them all). */
export function useTableList(app: string | undefined, region: string, enabled: boolean): TableList {
  const [tables, setTables] = useState<string[]>();
  const [listed, setListed] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;

  const refresh = useCallback(async () => {
    if (!app || !enabled) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const res = await call('tables.list', { app, ...(region ? { region } : {}) });
      if (mine !== seq.current) return;
      setTables(res.tables);
      setListed(res.region);
      // A hidden (deleted) table that is no longer listed is gone for good.
      if ([...hiddenRef.current].some((n) => !res.tables.includes(n))) {
        setHidden((h) => new Set([...h].filter((n) => res.tables.includes(n))));
      }
      setError(undefined);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(toApiError(err));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [app, region, enabled]);

  useEffect(() => {
    setTables(undefined);
    setListed(undefined);
    setError(undefined);
    setHidden(new Set());
    void refresh();
    return () => { seq.current++; };
  }, [refresh]);

  const shown = useMemo(() => (tables && hidden.size ? tables.filter((t) => !hidden.has(t)) : tables), [tables, hidden]);
  const hide = useCallback((name: string) => setHidden((h) => new Set(h).add(name)), []);
  const unhide = useCallback((name: string) => setHidden((h) => {
    if (!h.has(name)) return h;
    const next = new Set(h);
    next.delete(name);
    return next;
  }), []);
  return { tables: shown, region: listed, error, loading, refresh, hide, unhide };
}
