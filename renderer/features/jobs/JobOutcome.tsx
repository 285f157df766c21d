import { useState } from 'react';
import type { ReactElement } from 'react';
import type { JobView } from '../../../preload/dynamodb';
import { ApiError, call } from '../../api';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { toApiError } from '../../lib/errors';
import { formatCount } from '../../lib/format';

export const PAUSED_TEXT = 'Paused: the session ended — log in again and resume.';

/** A file path with a copy button. */
export function PathLine({ label, path }: { label: string; path: string }): ReactElement {
  return (
    <div className="job-path">
      <span className="job-path-label">{label}</span>
      <span className="mono job-path-text" title={path}>{path}</span>
      <CopyButton text={path} ariaLabel={`Copy ${label.toLowerCase()}`} iconOnly variant="ghost" />
    </div>
  );
}

/** What happened to a job that is not running: the final count, the failure, or how to resume. */
export function JobOutcome({ job, onChange }: { job: JobView; onChange: (j: JobView) => void }): ReactElement | null {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const resume = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await call('jobs.resume', { id: job.id }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const exp = job.kind === 'export';
  switch (job.state) {
    case 'running':
      return null;
    case 'done':
      return (
        <InfoNotice tone="success" icon="check">
          <p className="notice-title" role="status">
            {exp ? `Exported ${formatCount(job.items)} items.` : `Imported ${formatCount(job.items)} items${job.rejected ? `; ${formatCount(job.rejected)} rejected` : ''}.`}
          </p>
          {!exp && job.rejected > 0 && job.reportPath ? <p>The rejected rows and the reasons are in the report file below.</p> : null}
        </InfoNotice>
      );
    case 'cancelled':
      return (
        <InfoNotice tone="warning" icon="alert">
          <p className="notice-title" role="status">
            {exp ? `Export cancelled after ${formatCount(job.items)} items.` : `Import cancelled after ${formatCount(job.items)} items.`}
          </p>
          <p>{exp ? 'The file holds the items written until then.' : 'The items imported until then stay in the table.'}</p>
        </InfoNotice>
      );
    case 'failed':
      return <ErrorNotice error={new ApiError({ code: 'JOB_FAILED', message: job.error ?? `The ${job.kind} stopped with an error.` })} title={exp ? 'The export failed' : 'The import failed'} />;
    case 'paused':
      return (
        <>
          <InfoNotice tone="warning" icon="alert">
            <p className="notice-title">{PAUSED_TEXT}</p>
            <p>{formatCount(job.items)} items so far; it carries on from where it stopped.</p>
          </InfoNotice>
          <div className="job-resume">
            <Button variant="primary" size="sm" icon="play" busy={busy} onClick={() => void resume()}>Resume</Button>
          </div>
          {error ? <ErrorNotice error={error} title="The job did not resume" /> : null}
        </>
      );
  }
}
