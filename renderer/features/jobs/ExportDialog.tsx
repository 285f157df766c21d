import { useId, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { ReadSpec } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, InfoNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/Field';
import { toApiError } from '../../lib/errors';
import { formatBytes, formatCount } from '../../lib/format';
import { JobDialog } from './JobDialog';
import { PathField } from './PathField';
import { BYTES_PER_SEGMENT, MAX_SUGGESTED_SEGMENTS, suggestedFileName, suggestedSegments, useJob } from './useJobs';

export type JobFormat = 'jsonl' | 'csv';

export const FORMAT_LABELS: Record<JobFormat, string> = { jsonl: 'JSON Lines (DynamoDB JSON)', csv: 'CSV' };

/** A radio card whose accessible name is exactly `title`; `detail` describes it. */
export function Choice({ name, checked, onChange, title, detail }: { name: string; checked: boolean; onChange: () => void; title: string; detail?: string }): ReactElement {
  const id = useId();
  return (
    <label className={`choice${checked ? ' is-selected' : ''}`}>
      <input type="radio" name={name} checked={checked} onChange={onChange} aria-label={title} aria-describedby={detail ? id : undefined} />
      <span className="choice-text">
        <span className="choice-title">{title}</span>
        {detail ? <span className="choice-detail" id={id}>{detail}</span> : null}
      </span>
    </label>
  );
}

export function FormatChoice({ value, onChange, name }: { value: JobFormat; onChange: (f: JobFormat) => void; name: string }): ReactElement {
  const legend = useId();
  return (
    <fieldset className="choice-group" aria-labelledby={legend}>
      <legend id={legend} className="field-label">Format</legend>
      <Choice name={name} checked={value === 'jsonl'} onChange={() => onChange('jsonl')} title={FORMAT_LABELS.jsonl}
        detail="One item per line, exactly as DynamoDB stores it: every type and number is kept." />
      <Choice name={name} checked={value === 'csv'} onChange={() => onChange('csv')} title={FORMAT_LABELS.csv}
        detail="One column per attribute (headers like id:S keep each type), one row per item: for spreadsheets, and it imports back exactly." />
    </fieldset>
  );
}

/** Only the table: nothing narrows the read. */
export function isWholeTable(spec: ReadSpec): boolean {
  return Object.entries(spec).every(([k, v]) => k === 'table' || v === undefined);
}

/**
 * Exports the current query or the whole table to a file (JSON Lines or CSV) as a job, then
 * follows it until it ends. Closing the dialog does not stop the job (the Jobs panel shows it).
 */
export function ExportDialog({ app, region, spec, approxItemCount, approxSizeBytes, onClose }: {
  app: string;
  region?: string;
  spec: ReadSpec;
  approxItemCount?: number;
  approxSizeBytes?: number;
  onClose(): void;
}): ReactElement {
  const whole = isWholeTable(spec);
  const [scope, setScope] = useState<'query' | 'table'>(whole ? 'table' : 'query');
  const [format, setFormat] = useState<JobFormat>('jsonl');
  const [path, setPath] = useState('');
  const suggested = useMemo(() => suggestedSegments(approxSizeBytes), [approxSizeBytes]);
  const [segments, setSegments] = useState(String(suggested));
  const [segmentsError, setSegmentsError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { job, setJob } = useJob(undefined);
  const fileName = useMemo(() => suggestedFileName(spec.table, format), [spec.table, format]);
  const scopeLegend = useId();

  const chosen: ReadSpec = scope === 'table' ? { table: spec.table } : spec;
  const isScan = chosen.partition === undefined;

  const start = async (): Promise<void> => {
    let n = 1;
    if (isScan) {
      n = Number(segments);
      if (!/^\d+$/.test(segments.trim()) || n < 1 || n > 64) {
        setSegmentsError('Enter a whole number from 1 to 64.');
        return;
      }
    }
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = path.trim();
      const j = await call('jobs.export', {
        app,
        ...(region ? { region } : {}),
        spec: chosen,
        format,
        ...(trimmed ? { path: trimmed } : {}),
        segments: n,
      });
      setJob(j);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  };

  if (job) {
    return (
      <JobDialog title="Export items" description={<>From <strong>{job.table}</strong> to {FORMAT_LABELS[job.format]}</>}
        job={job} error={error} onChange={setJob} onError={setError} onClose={onClose} />
    );
  }

  const sizeText = approxSizeBytes !== undefined ? formatBytes(approxSizeBytes) : undefined;
  return (
    <Dialog
      title="Export items"
      description={<>From <strong>{spec.table}</strong>{approxItemCount !== undefined ? <> · about {formatCount(approxItemCount)} items{sizeText ? `, ${sizeText}` : ''}</> : null}</>}
      onClose={onClose}
      busy={busy}
      onSubmit={() => void start()}
      size="lg"
      footer={(
        <>
          <Button onClick={onClose} disabled={busy}>Cancel</Button>
          <Button type="submit" variant="primary" icon="download" busy={busy}>Start export</Button>
        </>
      )}
    >
      <fieldset className="choice-group" aria-labelledby={scopeLegend}>
        <legend id={scopeLegend} className="field-label">What to export</legend>
        <Choice name="export-scope" checked={scope === 'query'} onChange={() => setScope('query')} title="Current query"
          detail={whole ? 'The query reads the whole table: the same as below.' : 'Every item the current query or scan matches (its filter and projection too), not only the rows shown.'} />
        <Choice name="export-scope" checked={scope === 'table'} onChange={() => setScope('table')} title="Whole table"
          detail="Every item of the table, all attributes." />
      </fieldset>
      <FormatChoice value={format} onChange={setFormat} name="export-format" />
      <PathField
        purpose="export"
        optional
        value={path}
        onChange={setPath}
        placeholder={fileName}
        suggestedName={fileName}
        hint={<>Leave empty to save it in your <strong>Downloads folder</strong> as <span className="mono">{fileName}</span>. A bare file name also goes to Downloads; <span className="mono">~/</span> is your home folder.</>}
      />
      {isScan ? (
        <TextField
          label="Parallel segments"
          type="number"
          min={1}
          max={64}
          inputMode="numeric"
          value={segments}
          onChange={(e) => { setSegments(e.target.value); setSegmentsError(undefined); }}
          error={segmentsError}
          hint={(
            <>
              Suggested: {suggested}
              {sizeText ? ` for about ${sizeText}` : ''} — one segment per {BYTES_PER_SEGMENT / 1024 / 1024} MB of table, at most {MAX_SUGGESTED_SEGMENTS}.
              {' '}Segments scan parts of the table at the same time: faster, but they use more read capacity at once (up to 64).
            </>
          )}
        />
      ) : (
        <InfoNotice>
          <p>This is a Query: it reads one partition in key order, so it runs as one segment.</p>
        </InfoNotice>
      )}
      {error ? <ErrorNotice error={error} title="The export did not start" /> : null}
    </Dialog>
  );
}
