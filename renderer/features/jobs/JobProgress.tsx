import type { ReactElement } from 'react';
import type { JobView } from '../../../preload/dynamodb';
import { Chip } from '../../components/Chip';
import { useNow } from '../../lib/clock';
import { formatBytes, formatCount } from '../../lib/format';

export const STATE_LABELS: Record<JobView['state'], string> = {
  running: 'Running',
  done: 'Done',
  cancelled: 'Cancelled',
  failed: 'Failed',
  paused: 'Paused',
};

const STATE_TONES = { running: 'accent', done: 'success', cancelled: 'neutral', failed: 'danger', paused: 'warning' } as const;

export function JobStateChip({ state }: { state: JobView['state'] }): ReactElement {
  return <Chip tone={STATE_TONES[state]}>{STATE_LABELS[state]}</Chip>;
}

/** 0..100 when known: the job's own progress, 100 once done. */
export function percentOf(job: JobView): number | undefined {
  if (job.state === 'done') return 100;
  if (job.progress === undefined) return undefined;
  return Math.max(0, Math.min(100, Math.round(job.progress * 1000) / 10));
}

function elapsedSeconds(job: JobView, now: number): number {
  const start = new Date(job.startedAt).getTime();
  const end = job.finishedAt ? new Date(job.finishedAt).getTime() : now;
  return Math.max(0, (end - start) / 1000);
}

/** Items per second over the job's run so far. */
function rateOf(job: JobView, now: number): string | undefined {
  const s = elapsedSeconds(job, now);
  if (s < 1 || job.items === 0) return undefined;
  const r = job.items / s;
  return `${r >= 100 ? formatCount(Math.round(r)) : r.toFixed(1)} items/s`;
}

/**
 * A job's progress bar (role=progressbar; aria-valuenow when the total is known) and its counters:
 * items written or imported, rejected rows, bytes, rate.
 */
export function JobProgress({ job, label }: { job: JobView; label: string }): ReactElement {
  const now = useNow();
  const pct = percentOf(job);
  const rate = job.state === 'running' || job.state === 'done' ? rateOf(job, now) : undefined;
  const verb = job.kind === 'export' ? 'written' : 'imported';
  const summary = `${formatCount(job.items)} items ${verb}`;
  return (
    <div className={`job-progress is-${job.state}`}>
      <div
        className={`progress${pct === undefined ? ' is-indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={pct === undefined ? summary : `${pct}% — ${summary}`}
      >
        <span
          className="progress-fill"
          ref={(el) => { el?.style.setProperty('--progress', pct === undefined ? '0' : String(pct / 100)); }}
        />
      </div>
      <p className="job-stats">
        <span><strong className="tabular">{formatCount(job.items)}</strong> items {verb}</span>
        {job.kind === 'import' || job.rejected > 0 ? <span className={job.rejected > 0 ? 'job-rejected' : undefined}><strong className="tabular">{formatCount(job.rejected)}</strong> rejected</span> : null}
        <span className="tabular">{formatBytes(job.bytes)}{job.kind === 'import' ? ' read' : ''}</span>
        {pct !== undefined ? <span className="tabular">{pct}%</span> : null}
        {rate ? <span className="tabular">{rate}</span> : null}
        {job.segments > 1 ? <span>{job.segments} segments</span> : null}
      </p>
    </div>
  );
}
