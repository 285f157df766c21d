import { useCallback, useEffect, useRef, useState } from 'react';
import type { PolicyView } from '../../../preload/contract';
import { call, on } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';

export interface PolicyState {
  policy: PolicyView | undefined;
  error: ApiError | undefined;
  refresh(): Promise<void>;
}

/** Apps change in bursts (an import adds several): one reload after the burst is enough. */
const EVENT_SETTLE_MS = 120;

/** The policy in force (policy.show), reloaded after changes made here or anywhere else (CLI, another window). */
export function usePolicy(): PolicyState {
  const [policy, setPolicy] = useState<PolicyView>();
  const [error, setError] = useState<ApiError>();
  const seq = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const view = await call('policy.show', {});
      if (mine !== seq.current) return;
      setPolicy(view);
      setError(undefined);
    } catch (err) {
      if (mine === seq.current) setError(toApiError(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = (): void => {
      clearTimeout(timer);
      timer = setTimeout(() => void refresh(), EVENT_SETTLE_MS);
    };
    // Apps added, changed or removed change what they are offered, as does the policy itself.
    const offs = [on('session.changed', later), on('policy.changed', later)];
    return () => {
      for (const off of offs) off();
      clearTimeout(timer);
    };
  }, [refresh]);

  return { policy, error, refresh };
}
