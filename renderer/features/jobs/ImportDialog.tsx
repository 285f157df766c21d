import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { toApiError } from '../../lib/errors';
import { FORMAT_LABELS, FormatChoice } from './ExportDialog';
import type { JobFormat } from './ExportDialog';
import { JobDialog } from './JobDialog';
import { PathField } from './PathField';
import { isTerminal, useJob } from './useJobs';

/** The format a file name suggests, if any. */
export function formatOfPath(path: string): JobFormat | undefined {
  if (/\.csv$/i.test(path.trim())) return 'csv';
  if (/\.(jsonl|ndjson|json)$/i.test(path.trim())) return 'jsonl';
  return undefined;
}

/**
 * Imports a JSON Lines or CSV file into a table as a job: progress while it runs, then the
 * report (imported, rejected, where the rejected rows were written).
 */
export function ImportDialog({ app, region, table, onClose, onImported }: {
  app: string;
  region?: string;
  table: string;
  onClose(): void;
  onImported(): void;
}): ReactElement {
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string>();
  const [format, setFormat] = useState<JobFormat>('jsonl');
  const [formatChosen, setFormatChosen] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { job, setJob } = useJob(undefined);

  // Tell the table once, when the job has ended having written something.
  const told = useRef(false);
  const onImportedRef = useRef(onImported);
  onImportedRef.current = onImported;
  useEffect(() => {
    if (job && isTerminal(job) && job.items > 0 && !told.current) {
      told.current = true;
      onImportedRef.current();
    }
  }, [job]);

  const changePath = (v: string): void => {
    setPath(v);
    setPathError(undefined);
    const f = formatOfPath(v);
    if (f && !formatChosen) setFormat(f);
  };

  const start = async (): Promise<void> => {
    const trimmed = path.trim();
    if (!trimmed) {
      setPathError('Enter the path of the file to import, e.g. /home/you/Downloads/orders.jsonl');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setJob(await call('jobs.import', { app, ...(region ? { region } : {}), table, format, path: trimmed }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (job) {
    return (
      <JobDialog title="Import items" description={<>Into <strong>{job.table}</strong> from {FORMAT_LABELS[job.format]}</>}
        job={job} error={error} onChange={setJob} onError={setError} onClose={onClose} />
    );
  }

  return (
    <Dialog
      title="Import items"
      description={<>Into <strong>{table}</strong></>}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void start()}
      size="lg"
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon="play" busy={busy}>Start import</Button>
        </>
      )}
    >
      <PathField
        purpose="import"
        value={path}
        onChange={changePath}
        error={pathError}
        placeholder="/home/you/Downloads/orders.jsonl"
        autoFocus
        hint="A file on this computer, e.g. one Airlock exported. A bare file name is looked for in your Downloads folder; ~/ is your home folder."
      />
      <FormatChoice value={format} onChange={(f) => { setFormat(f); setFormatChosen(true); }} name="import-format" />
      <p className="field-hint">Each row is written as one item; a row that cannot be written is skipped and listed, with the reason, in a report file.</p>
      {error ? <ErrorNotice error={error} title="The import did not start" /> : null}
    </Dialog>
  );
}
