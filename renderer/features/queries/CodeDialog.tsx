import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import type { Item, ReadSpec } from '../../../preload/dynamodb';
import type { Request, Response } from '../../../preload/contract';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Spinner';
import { Tabs } from '../../components/Tabs';
import { toApiError } from '../../lib/errors';
import { describeSpec } from './describe';

type Lang = 'cli' | 'javascript' | 'python';

const LANGS: ReadonlyArray<{ key: Lang; label: string }> = [
  { key: 'cli', label: 'AWS CLI' },
  { key: 'javascript', label: 'JavaScript' },
  { key: 'python', label: 'Python (boto3)' },
];

/** The current read as code to run elsewhere: AWS CLI, JavaScript (AWS SDK v3), Python (boto3). */
export function CodeDialog({ app, region, spec, startKey, onClose }: {
  app: string;
  region?: string;
  spec: ReadSpec;
  startKey?: Item;
  onClose(): void;
}): ReactElement {
  const [lang, setLang] = useState<Lang>('cli');
  const [code, setCode] = useState<Response<'items.code'>>();
  const [error, setError] = useState<ApiError>();
  const seq = useRef(0);

  // The request as text: a parent that re-renders with an equal spec does not ask again.
  const request = JSON.stringify({ app, ...(region ? { region } : {}), spec, ...(startKey ? { startKey } : {}) });
  const load = useCallback(async () => {
    const mine = ++seq.current;
    setError(undefined);
    setCode(undefined);
    try {
      const c = await call('items.code', JSON.parse(request) as Request<'items.code'>);
      if (mine === seq.current) setCode(c);
    } catch (err) {
      if (mine === seq.current) setError(toApiError(err));
    }
  }, [request]);

  useEffect(() => {
    void load();
  }, [load]);

  const label = LANGS.find((l) => l.key === lang)!.label;
  return (
    <Dialog
      title="Code for this query"
      description={<><span className="mono">{spec.table}</span> · {describeSpec(spec)}{startKey ? ' · from the next page' : ''}</>}
      onClose={onClose}
      size="lg"
      className="code-dialog"
      footer={<Button onClick={onClose}>Close</Button>}
    >
      {error ? (
        <ErrorNotice error={error} title="The code could not be generated" action={<Button size="sm" icon="refresh" onClick={() => void load()}>Try again</Button>} />
      ) : (
        <Tabs
          label="Language"
          items={LANGS}
          selected={lang}
          onSelect={setLang}
          actions={code ? <CopyButton text={code[lang]} ariaLabel={`Copy ${label} code`} /> : undefined}
        >
          {code ? (
            <pre className="code code-snippet" tabIndex={0} aria-label={`${label} code`}><code>{code[lang]}</code></pre>
          ) : (
            <div className="loading-block" aria-busy="true"><Spinner label="Generating the code" /> Generating the code…</div>
          )}
        </Tabs>
      )}
      {startKey ? <p className="field-hint">The code starts after the last item read (ExclusiveStartKey), like the grid&apos;s next page.</p> : null}
    </Dialog>
  );
}
