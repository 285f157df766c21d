import type { ReactElement, ReactNode } from 'react';
import type { ApiError } from '../api';
import { Icon } from './Icon';

/** The server's message and hint, as the user should read them; the code is there for bug reports. */
export function ErrorNotice({ error, title, action, compact = false }: { error: ApiError; title?: string; action?: ReactNode; compact?: boolean }): ReactElement {
  return (
    <div className={`notice notice-error${compact ? ' notice-compact' : ''}`} role="alert">
      <Icon name="alert" size={16} className="notice-icon" />
      <div className="notice-content">
        {title ? <p className="notice-title">{title}</p> : null}
        <p className="notice-message">{error.message}</p>
        {error.hint ? <p className="notice-hint">{error.hint}</p> : null}
        <p className="notice-code"><code>{error.code}</code></p>
      </div>
      {action ? <div className="notice-action">{action}</div> : null}
    </div>
  );
}

export function InfoNotice({ children, tone = 'info', icon = 'info' }: { children: ReactNode; tone?: 'info' | 'warning' | 'success'; icon?: 'info' | 'alert' | 'check' | 'key' }): ReactElement {
  return (
    <div className={`notice notice-${tone}`}>
      <Icon name={icon} size={16} className="notice-icon" />
      <div className="notice-content">{children}</div>
    </div>
  );
}
