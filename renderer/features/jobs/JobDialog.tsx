import type { ReactElement, ReactNode } from 'react';
import type { JobView } from '../../../preload/dynamodb';
import type { ApiError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobFooter } from './JobFooter';
import { JobOutcome, PathLine } from './JobOutcome';
import { JobProgress } from './JobProgress';

/** An export or import once started: progress, its files, the outcome, cancel/resume. */
export function JobDialog({ title, description, job, error, onChange, onError, onClose }: {
  title: string;
  description: ReactNode;
  job: JobView;
  /** A cancel or resume that failed. */
  error: ApiError | undefined;
  onChange: (job: JobView) => void;
  onError: (error: ApiError) => void;
  onClose: () => void;
}): ReactElement {
  const what = job.kind === 'export' ? 'export' : 'import';
  return (
    <Dialog title={title} description={description} onClose={onClose} footer={<JobFooter job={job} onChange={onChange} onError={onError} onClose={onClose} />}>
      <JobProgress job={job} label={job.kind === 'export' ? `Export of ${job.table}` : `Import into ${job.table}`} />
      <PathLine label="File" path={job.path} />
      {job.reportPath ? <PathLine label="Report" path={job.reportPath} /> : null}
      <JobOutcome job={job} onChange={onChange} />
      {job.state === 'running' ? <p className="field-hint">Closing this dialog does not stop the {what}: follow it in the Jobs panel.</p> : null}
      {error ? <ErrorNotice error={error} title={`Could not cancel the ${what}`} /> : null}
    </Dialog>
  );
}
