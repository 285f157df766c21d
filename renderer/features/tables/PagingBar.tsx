import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { Button } from '../../components/Button';
import { formatCount } from '../../lib/format';
import type { ReaderProgress } from './useReader';

/** Continue a read: one more read from lastKey, or keep reading until N rows are loaded (with progress and Stop). */
export function PagingBar({ hasMore, loaded, running, progress, onNext, onLoadUntil, onStop }: {
  hasMore: boolean;
  loaded: number;
  running: 'run' | 'next' | 'more' | undefined;
  progress: ReaderProgress | undefined;
  onNext: () => void;
  onLoadUntil: (n: number) => void;
  onStop: () => void;
}): ReactElement {
  const id = useId();
  const [target, setTarget] = useState('1000');
  const n = Number(target);
  const valid = /^\d+$/.test(target.trim()) && n >= 1 && n <= 1_000_000;
  const nextTarget = valid ? n : 0;
  return (
    <div className="paging-bar">
      <Button size="sm" icon="chevronRight" onClick={onNext} disabled={!hasMore || Boolean(running)} busy={running === 'next'}>Next page</Button>
      <div className="load-until">
        <Button size="sm" icon="chevronDown" onClick={() => onLoadUntil(nextTarget)} disabled={!hasMore || Boolean(running) || !valid || nextTarget <= loaded} busy={running === 'more'}>
          {`Load more until ${valid ? formatCount(nextTarget) : 'N'}`}
        </Button>
        <label className="sr-only" htmlFor={id}>Load until (rows)</label>
        <input id={id} className="input load-until-input" inputMode="numeric" value={target} onChange={(e) => setTarget(e.target.value)} aria-invalid={valid ? undefined : true} />
      </div>
      {progress ? (
        <div className="load-progress">
          <progress max={progress.target} value={progress.loaded} aria-label="Rows loaded" />
          <span>{formatCount(progress.loaded)} of {formatCount(progress.target)}</span>
          <Button size="sm" variant="ghost" icon="stop" onClick={onStop}>Stop</Button>
        </div>
      ) : !hasMore && loaded > 0 ? <span className="paging-end">All matching items are loaded.</span> : null}
    </div>
  );
}
