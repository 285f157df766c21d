import type { ReactElement } from 'react';
import type { ApiError } from '../../api';
import type { ReadPlan } from '../../../preload/dynamodb';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';

/** "Query on …" or "This will Scan …": what the read will do, said before it runs. */
export function PlanBanner({ plan, error, pending, invalid, showingErrors }: {
  plan: ReadPlan | undefined;
  error: ApiError | undefined;
  pending: boolean;
  /** The form does not describe a read yet. */
  invalid: boolean;
  /** Its field errors are shown. */
  showingErrors: boolean;
}): ReactElement {
  let body: ReactElement;
  if (invalid) {
    body = showingErrors
      ? <><Icon name="alert" size={15} /><span>Fix the highlighted fields to see what this read will do.</span></>
      : <><Icon name="info" size={15} /><span>Some fields are incomplete: finish them to see what this read will do (Run points them out).</span></>;
  } else if (error && !pending) {
    body = <><Icon name="alert" size={15} /><span>Could not plan the read: {error.message}{error.hint ? ` — ${error.hint}` : ''}</span></>;
  } else if (!plan) {
    body = <><Spinner size={14} /><span>Planning…</span></>;
  } else {
    body = (
      <>
        <span className={`plan-op plan-op-${plan.operation.toLowerCase()}`}>{plan.operation}</span>
        <span className="plan-text">{plan.explanation}</span>
        {pending ? <Spinner size={13} /> : null}
      </>
    );
  }
  const tone = invalid || (error && !pending) ? 'is-invalid' : plan?.operation === 'Scan' ? 'is-scan' : 'is-query';
  return <div className={`plan-banner ${tone}`} role="status" aria-live="polite" aria-label="Read plan">{body}</div>;
}
