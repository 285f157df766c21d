import { useEffect, useRef, useState } from 'react';
import type { ReadPlan, ReadSpec } from '../../../preload/dynamodb';
import { call } from '../../api';
import type { ApiError } from '../../api';
import { toApiError } from '../../lib/errors';

const DEBOUNCE_MS = 250;

/** What the service will do with the spec (Query or Scan, and why), asked again ~250 ms after the form stops changing. */
export function usePlan(app: string, region: string, spec: ReadSpec | undefined): { plan: ReadPlan | undefined; error: ApiError | undefined; pending: boolean } {
  const [plan, setPlan] = useState<ReadPlan>();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const text = spec ? JSON.stringify(spec) : '';
  const seq = useRef(0);

  useEffect(() => {
    const mine = ++seq.current;
    if (!text) {
      setPending(false);
      return undefined;
    }
    setPending(true);
    const timer = setTimeout(() => {
      call('items.plan', { app, ...(region ? { region } : {}), spec: JSON.parse(text) as ReadSpec }).then((p) => {
        if (mine !== seq.current) return;
        setPlan(p);
        setError(undefined);
        setPending(false);
      }, (err: unknown) => {
        if (mine !== seq.current) return;
        setError(toApiError(err));
        setPending(false);
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [app, region, text]);

  return { plan, error, pending };
}
