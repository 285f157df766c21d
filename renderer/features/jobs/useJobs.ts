import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobView } from '../../../preload/dynamodb';
import { call, on } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';

export const TERMINAL: ReadonlySet<JobView['state']> = new Set(['done', 'cancelled', 'failed']);

export const isTerminal = (job: JobView): boolean => TERMINAL.has(job.state);

/**
 * The later of two views of one job: a poll answer that left before a progress event must not
 * move the counters back, and a finished job stays finished.
 */
export function newerJob(current: JobView | undefined, next: JobView): JobView {
  if (!current) return next;
  if (isTerminal(current) && !isTerminal(next)) return current;
  if (current.state === next.state && next.items + next.bytes + next.rejected < current.items + current.bytes + current.rejected) return current;
  return next;
}

/** Progress events carry each job; the web host's event stream may not, so the list is polled as well. */
const RUNNING_POLL_MS = 1000;

/** One job followed live from its first view (what jobs.export / jobs.import answered). */
export function useJob(initial: JobView | undefined): { job: JobView | undefined; setJob: (j: JobView) => void } {
  const [job, setJobState] = useState<JobView | undefined>(initial);
  const id = job?.id;
  const running = job ? !isTerminal(job) : false;
  const setJob = useCallback((j: JobView) => setJobState((cur) => (cur && cur.id !== j.id ? j : newerJob(cur, j))), []);

  useEffect(() => {
    if (!id) return undefined;
    return on('job.progress', (j) => {
      if (j.id === id) setJobState((cur) => newerJob(cur, j));
    });
  }, [id]);

  useEffect(() => {
    if (!id || !running) return undefined;
    let stopped = false;
    const timer = setInterval(() => {
      call('jobs.list', {}).then((list) => {
        const j = list.find((x) => x.id === id);
        if (j && !stopped) setJobState((cur) => newerJob(cur, j));
      }).catch(() => undefined);
    }, RUNNING_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [id, running]);

  return { job, setJob };
}

/** All jobs (newest first), live: progress events, a poll (faster while one runs), and a refresh after a login. */
export function useJobList(): { jobs: JobView[] | undefined; error: ApiError | undefined; refresh: () => Promise<void>; upsert: (j: JobView) => void } {
  const [jobs, setJobs] = useState<JobView[]>();
  const [error, setError] = useState<ApiError>();
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const list = await call('jobs.list', {});
      if (mine !== seq.current) return;
      setJobs((old) => sortJobs(list.map((j) => newerJob(old?.find((o) => o.id === j.id), j))));
      setError(undefined);
    } catch (err) {
      if (mine === seq.current) setError(toApiError(err));
    }
  }, []);

  const upsert = useCallback((j: JobView) => {
    setJobs((old) => {
      const list = old ?? [];
      const i = list.findIndex((o) => o.id === j.id);
      if (i < 0) return sortJobs([...list, j]);
      const next = [...list];
      next[i] = newerJob(list[i], j);
      return next;
    });
  }, []);

  useEffect(() => {
    void refresh();
    const offProgress = on('job.progress', upsert);
    const offSession = on('session.changed', () => void refresh());
    return () => {
      offProgress();
      offSession();
    };
  }, [refresh, upsert]);

  const anyRunning = (jobs ?? []).some((j) => j.state === 'running');
  useEffect(() => {
    const timer = setInterval(() => void refresh(), anyRunning ? RUNNING_POLL_MS * 2 : 10_000);
    return () => clearInterval(timer);
  }, [anyRunning, refresh]);

  return { jobs, error, refresh, upsert };
}

function sortJobs(list: JobView[]): JobView[] {
  return [...list].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

/** `<table>-<yyyyMMdd-HHmmss>.<ext>` in UTC: the name the main side gives an export saved without a path. */
export function suggestedFileName(table: string, format: 'jsonl' | 'csv', now = new Date()): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  const stamp = `${now.getUTCFullYear()}${p(now.getUTCMonth() + 1)}${p(now.getUTCDate())}-${p(now.getUTCHours())}${p(now.getUTCMinutes())}${p(now.getUTCSeconds())}`;
  return `${table}-${stamp}.${format}`;
}

const MB = 1024 * 1024;
export const BYTES_PER_SEGMENT = 256 * MB;
export const MAX_SUGGESTED_SEGMENTS = 16;

/** One parallel scan segment per ~256 MB of table, between 1 and 16. */
export function suggestedSegments(sizeBytes: number | undefined): number {
  if (!sizeBytes || sizeBytes <= 0) return 1;
  return Math.max(1, Math.min(MAX_SUGGESTED_SEGMENTS, Math.ceil(sizeBytes / BYTES_PER_SEGMENT)));
}
