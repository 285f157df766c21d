import { useCallback, useEffect, useRef, useState } from 'react';
import type { Item, ReadSpec } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';
import type { Budget } from './builder';
import type { KeyColumns } from './columns';
import { loadResults, saveResults } from './memory';
import { applyRead, applySaved, emptyResults, removeRows } from './results';
import type { Results } from './results';
import type { KeyNames } from './values';

export interface ReaderProgress {
  target: number;
  loaded: number;
}

export interface Reader {
  results: Results | undefined;
  error: ApiError | undefined;
  running: 'run' | 'next' | 'more' | undefined;
  progress: ReaderProgress | undefined;
  run(spec: ReadSpec, budget: Budget, keyCols: KeyColumns): Promise<void>;
  next(): Promise<void>;
  /** Keeps reading pages until `target` rows are loaded, the end, a budget, or stop(). */
  loadUntil(target: number): Promise<void>;
  stop(): void;
  saved(item: Item, previousKey?: Item): void;
  removed(ids: ReadonlySet<string>): void;
}

/** Chunk of rows per call while loading more, so progress shows and Stop answers quickly. */
const CHUNK = 2000;

/** Reads of one table (items.read), the rows they loaded, and their statistics; kept in memory per table. */
export function useReader(app: string, region: string, memKey: string, keyNames: KeyNames): Reader {
  const [results, setResultsState] = useState<Results | undefined>(() => loadResults<Results>(memKey));
  const [error, setError] = useState<ApiError>();
  const [running, setRunning] = useState<Reader['running']>();
  const [progress, setProgress] = useState<ReaderProgress>();
  const current = useRef(results);
  const gen = useRef(0);
  const stopped = useRef(false);

  const setResults = useCallback((r: Results | undefined) => {
    current.current = r;
    setResultsState(r);
    if (r) saveResults(memKey, r);
  }, [memKey]);

  // A read still in flight when the table changes (or the view closes) is ignored.
  useEffect(() => () => { gen.current++; }, []);

  const regionArg = region ? { region } : {};

  const read = async (spec: ReadSpec, budget: Budget, startKey: Item | undefined): Promise<Parameters<typeof applyRead>[1]> => call('items.read', {
    app, ...regionArg, spec, ...(startKey ? { startKey } : {}),
    budget: { rows: budget.rows, ...(budget.maxCapacityUnits !== undefined ? { maxCapacityUnits: budget.maxCapacityUnits } : {}), ...(budget.maxMs !== undefined ? { maxMs: budget.maxMs } : {}) },
  });

  const run = async (spec: ReadSpec, budget: Budget, keyCols: KeyColumns): Promise<void> => {
    const mine = ++gen.current;
    stopped.current = false;
    setRunning('run');
    setError(undefined);
    setProgress(undefined);
    try {
      const res = await read(spec, budget, undefined);
      if (mine !== gen.current) return;
      setResults(applyRead(emptyResults(spec, budget, keyNames, keyCols), res));
    } catch (err) {
      if (mine === gen.current) setError(toApiError(err));
    } finally {
      if (mine === gen.current) setRunning(undefined);
    }
  };

  const next = async (): Promise<void> => {
    const r = current.current;
    if (!r?.lastKey) return;
    const mine = ++gen.current;
    setRunning('next');
    setError(undefined);
    try {
      const res = await read(r.spec, r.budget, r.lastKey);
      if (mine !== gen.current) return;
      setResults(applyRead(r, res));
    } catch (err) {
      if (mine === gen.current) setError(toApiError(err));
    } finally {
      if (mine === gen.current) setRunning(undefined);
    }
  };

  const loadUntil = async (target: number): Promise<void> => {
    let r = current.current;
    if (!r?.lastKey || r.items.length >= target) return;
    const mine = ++gen.current;
    stopped.current = false;
    setRunning('more');
    setError(undefined);
    setProgress({ target, loaded: r.items.length });
    // The budgets are for the whole "load more", not per call.
    const started = Date.now();
    const capStart = r.totals.consumedCapacity ?? 0;
    try {
      while (r.lastKey && r.items.length < target && !stopped.current) {
        const spentMs = Date.now() - started;
        const spentCap = (r.totals.consumedCapacity ?? 0) - capStart;
        if (r.budget.maxMs !== undefined && spentMs >= r.budget.maxMs) break;
        if (r.budget.maxCapacityUnits !== undefined && spentCap >= r.budget.maxCapacityUnits) break;
        const chunk: Budget = {
          rows: Math.min(CHUNK, target - r.items.length, 100_000),
          ...(r.budget.maxMs !== undefined ? { maxMs: Math.max(100, r.budget.maxMs - spentMs) } : {}),
          ...(r.budget.maxCapacityUnits !== undefined ? { maxCapacityUnits: r.budget.maxCapacityUnits - spentCap } : {}),
        };
        // An automatic page size follows the rows wanted per call.
        const spec = r.budget.autoPageSize ? { ...r.spec, pageSize: Math.min(chunk.rows, 10_000) } : r.spec;
        const res = await read(spec, chunk, r.lastKey);
        if (mine !== gen.current) return;
        r = applyRead(r, res);
        setResults(r);
        setProgress({ target, loaded: r.items.length });
        if (res.stoppedBy === 'capacity' || res.stoppedBy === 'time') break;
      }
    } catch (err) {
      if (mine === gen.current) setError(toApiError(err));
    } finally {
      if (mine === gen.current) {
        setRunning(undefined);
        setProgress(undefined);
      }
    }
  };

  return {
    results,
    error,
    running,
    progress,
    run,
    next,
    loadUntil,
    stop: () => { stopped.current = true; },
    saved: (item, previousKey) => {
      const r = current.current;
      if (r) setResults(applySaved(r, item, previousKey));
    },
    removed: (ids) => {
      const r = current.current;
      if (r) setResults(removeRows(r, ids));
    },
  };
}
