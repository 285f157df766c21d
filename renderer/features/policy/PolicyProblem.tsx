import type { ReactElement, ReactNode } from 'react';
import { Icon } from '../../components/Icon';

/**
 * A policy file's problems as the core words them: one line per problem ("FILE line N: FIELD:
 * what is wrong"), kept as separate lines so line and field stay readable. Warning tone when the
 * file's last valid version is still in force (nothing was lost), error tone otherwise.
 */
export function PolicyProblem({ title, message, hint, code, tone = 'error', action }: {
  title: string;
  message: string;
  hint?: string | undefined;
  code?: string | undefined;
  tone?: 'error' | 'warning';
  action?: ReactNode;
}): ReactElement {
  const lines = message.split('\n').filter((l) => l.trim());
  return (
    <div className={`notice notice-${tone} policy-problem`} role={tone === 'error' ? 'alert' : undefined}>
      <Icon name="alert" size={16} className="notice-icon" />
      <div className="notice-content">
        <p className="notice-title">{title}</p>
        <ul className="policy-problem-lines">
          {lines.map((l, i) => <li key={i}>{l}</li>)}
        </ul>
        {hint ? <p className="notice-hint">{hint}</p> : null}
        {code ? <p className="notice-code"><code>{code}</code></p> : null}
      </div>
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}
