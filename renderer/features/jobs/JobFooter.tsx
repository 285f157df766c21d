import { useState } from 'react';
import type { ReactElement } from 'react';
import type { JobView } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { Button } from '../../components/Button';
import { toApiError } from '../../lib/errors';

/** The footer of an export or import dialog once its job exists: cancel while it runs, then close. */
export function JobFooter({ job, onChange, onError, onClose }: {
  job: JobView;
  onChange: (job: JobView) => void;
  onError: (err: ApiError) => void;
  onClose: () => void;
}): ReactElement {
  const [cancelling, setCancelling] = useState(false);
  const running = job.state === 'running';
  const cancel = async (): Promise<void> => {
    setCancelling(true);
    try {
      onChange(await call('jobs.cancel', { id: job.id }));
    } catch (err) {
      onError(toApiError(err));
    } finally {
      setCancelling(false);
    }
  };
  if (!running) return <Button variant="primary" onClick={onClose} data-autofocus>Close</Button>;
  return (
    <>
      <Button variant="danger-soft" icon="stop" busy={cancelling} onClick={() => void cancel()}>Cancel {job.kind}</Button>
      <Button onClick={onClose}>Close</Button>
    </>
  );
}
