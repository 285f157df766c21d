import type { ReactElement } from 'react';
import type { PolicyWarningView } from '../../../preload/contract';
import { InfoNotice } from '../../components/ErrorNotice';

/** Values a policy role produced that are not offered (e.g. a malformed ARN after expansion), and why. */
export function PolicyWarnings({ warnings, app }: { warnings: readonly PolicyWarningView[]; app: string }): ReactElement | null {
  if (warnings.length === 0) return null;
  return (
    <InfoNotice tone="warning" icon="alert">
      <p className="notice-title">
        {warnings.length === 1 ? 'A policy value is not offered' : `${warnings.length} policy values are not offered`} for {app}
      </p>
      <ul className="policy-warnings" aria-label={`Policy warnings for ${app}`}>
        {warnings.map((w) => (
          <li key={`${w.policyRole}|${w.value}`}>
            <code className="policy-value">{w.value}</code> from policy role <strong>{w.policyRole}</strong>: {w.reason}
          </li>
        ))}
      </ul>
    </InfoNotice>
  );
}
