import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { JobView } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { toApiError } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { PAUSED_TEXT, PathLine } from './JobOutcome';
import { JobProgress, JobStateChip } from './JobProgress';
import { useJobList } from './useJobs';

const KIND_LABELS = { export: 'Export', import: 'Import' } as const;

function JobRow({ job, onChange }: { job: JobView; onChange: (j: JobView) => void }): ReactElement {
  const [busy, setBusy] = useState<'cancel' | 'resume'>();
  const [error, setError] = useState<{ action: 'cancel' | 'resume'; error: ApiError }>();
  const titleId = useId();
  const what = `${job.kind} of ${job.table}`;
  const act = async (action: 'cancel' | 'resume'): Promise<void> => {
    setBusy(action);
    setError(undefined);
    try {
      onChange(await call(action === 'cancel' ? 'jobs.cancel' : 'jobs.resume', { id: job.id }));
    } catch (err) {
      setError({ action, error: toApiError(err) });
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <li className={`job-row is-${job.state}`} aria-labelledby={titleId}>
      <div className="job-head">
        <p className="job-title" id={titleId}>
          <Icon name={job.kind === 'export' ? 'download' : 'refresh'} size={14} />
          <span>{KIND_LABELS[job.kind]} · <strong>{job.table}</strong></span>
          <span className="muted">{job.app}</span>
        </p>
        <JobStateChip state={job.state} />
        <time className="muted job-time" dateTime={job.startedAt} title={new Date(job.startedAt).toLocaleString()}>{formatTimestamp(job.startedAt)}</time>
        <div className="job-actions">
          {job.state === 'running' ? (
            <Button size="sm" variant="danger-soft" icon="stop" busy={busy === 'cancel'} onClick={() => void act('cancel')} aria-label={`Cancel ${what}`}>Cancel</Button>
          ) : null}
          {job.state === 'paused' ? (
            <Button size="sm" variant="primary" icon="play" busy={busy === 'resume'} onClick={() => void act('resume')} aria-label={`Resume ${what}`}>Resume</Button>
          ) : null}
        </div>
      </div>
      <JobProgress job={job} label={`${KIND_LABELS[job.kind]} of ${job.table}`} />
      {job.state === 'paused' ? <p className="job-note is-warning">{PAUSED_TEXT}</p> : null}
      {job.state === 'failed' && job.error ? <p className="job-note is-danger">{job.error}</p> : null}
      <PathLine label="File" path={job.path} />
      {job.reportPath ? <PathLine label="Report" path={job.reportPath} /> : null}
      {error ? <ErrorNotice error={error.error} compact title={error.action === 'resume' ? 'The job did not resume' : 'The job was not cancelled'} /> : null}
    </li>
  );
}

/**
 * Exports and imports of this session: live progress, Cancel while running, Resume when a job
 * paused because its session ended. Collapsible; renders nothing while there are no jobs.
 */
export function JobsPanel(): ReactElement | null {
  const { jobs, error, refresh, upsert } = useJobList();
  const [open, setOpen] = useState(true);
  const listId = useId();
  const headingId = useId();
  if (!jobs || jobs.length === 0) return null;
  const running = jobs.filter((j) => j.state === 'running').length;
  const paused = jobs.filter((j) => j.state === 'paused').length;
  const counts = [running ? `${running} running` : '', paused ? `${paused} paused` : ''].filter(Boolean).join(', ');
  return (
    <section className="card jobs-panel" aria-labelledby={headingId}>
      <h2 className="jobs-heading" id={headingId}>
        <button type="button" className="jobs-toggle" aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
          <Icon name={open ? 'chevronDown' : 'chevronRight'} size={15} />
          <span>Jobs</span>
          <span className="jobs-count">{counts || `${jobs.length} ${jobs.length === 1 ? 'job' : 'jobs'}`}</span>
        </button>
      </h2>
      {open ? (
        <div id={listId}>
          {error ? <ErrorNotice error={error} compact title="The jobs could not be refreshed" action={<Button size="sm" icon="refresh" onClick={() => void refresh()}>Try again</Button>} /> : null}
          <ul className="job-list">
            {jobs.map((j) => <JobRow key={j.id} job={j} onChange={upsert} />)}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
