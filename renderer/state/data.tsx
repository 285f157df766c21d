import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { AppView, ProxyView } from '../../preload/contract';
import { call, on } from '../api';
import type { ApiError } from '../api';
import { useToast } from '../components/Toast';
import { toApiError } from '../lib/errors';

export interface Data {
  apps: AppView[] | undefined;
  appsError: ApiError | undefined;
  /** The host refused us (no or wrong token): nothing of the user's data is shown. */
  locked: ApiError | undefined;
  proxies: ProxyView[];
  refreshApps(): Promise<void>;
  refreshProxies(): Promise<void>;
  /** Proxies started or stopped from this window show at once, before the next poll. */
  addProxy(p: ProxyView): void;
  removeProxy(id: string): void;
}

const DataContext = createContext<Data | null>(null);

export function useData(): Data {
  const d = useContext(DataContext);
  if (!d) throw new Error('useData outside DataProvider');
  return d;
}

const PROXY_POLL_MS = 4000;

export function DataProvider({ children }: { children: ReactNode }): ReactElement {
  const [apps, setApps] = useState<AppView[]>();
  const [appsError, setAppsError] = useState<ApiError>();
  const [locked, setLocked] = useState<ApiError>();
  const [proxies, setProxies] = useState<ProxyView[]>([]);
  const toast = useToast();
  const appsSeq = useRef(0);
  const proxiesSeq = useRef(0);

  const refreshApps = useCallback(async () => {
    const seq = ++appsSeq.current;
    try {
      const list = await call('apps.list', {});
      if (seq !== appsSeq.current) return;
      setApps(list);
      setAppsError(undefined);
    } catch (err) {
      if (seq !== appsSeq.current) return;
      const e = toApiError(err);
      if (e.code === 'UNAUTHORIZED') setLocked(e);
      else setAppsError(e);
    }
  }, []);

  const refreshProxies = useCallback(async () => {
    const seq = ++proxiesSeq.current;
    try {
      const list = await call('proxies.list', {});
      if (seq === proxiesSeq.current) setProxies(list);
    } catch (err) {
      if (toApiError(err).code === 'UNAUTHORIZED') setLocked(toApiError(err));
      // Otherwise keep the last list; the next poll tries again.
    }
  }, []);

  useEffect(() => {
    void refreshApps();
    void refreshProxies();
  }, [refreshApps, refreshProxies]);

  useEffect(() => {
    if (locked) return undefined;
    const t = setInterval(() => void refreshProxies(), PROXY_POLL_MS);
    return () => clearInterval(t);
  }, [locked, refreshProxies]);

  useEffect(() => {
    if (locked) return undefined;
    const offs = [
      on('session.changed', () => void refreshApps()),
      on('policy.changed', () => void refreshApps()),
      on('session.ended', ({ app, message }) => {
        toast.error(`Session for ${app} ended`, new Error(message));
        void refreshApps();
        void refreshProxies();
      }),
      on('proxy.stopped', ({ proxyId }) => {
        setProxies((list) => list.filter((p) => p.id !== proxyId));
      }),
      on('proxy.record', ({ proxyId, record }) => {
        setProxies((list) => list.map((p) => (p.id !== proxyId ? p : {
          ...p,
          stats: {
            requests: p.stats.requests + 1,
            forwarded: p.stats.forwarded + (record.decision === 'forwarded' ? 1 : 0),
            refused: p.stats.refused + (record.decision === 'refused' ? 1 : 0),
            tunneled: p.stats.tunneled + (record.decision === 'tunneled' ? 1 : 0),
          },
        })));
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [locked, refreshApps, refreshProxies, toast]);

  const addProxy = useCallback((p: ProxyView) => {
    proxiesSeq.current++;
    setProxies((list) => [...list.filter((x) => x.id !== p.id), p]);
  }, []);
  const removeProxy = useCallback((id: string) => {
    proxiesSeq.current++;
    setProxies((list) => list.filter((x) => x.id !== id));
  }, []);

  const value = useMemo<Data>(() => ({ apps, appsError, locked, proxies, refreshApps, refreshProxies, addProxy, removeProxy }),
    [apps, appsError, locked, proxies, refreshApps, refreshProxies, addProxy, removeProxy]);
  return <DataContext.Provider value={value}>{children}</DataContext.Provider>;
}
