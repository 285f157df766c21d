import type { ReactElement, ReactNode } from 'react';
import { Icon } from './Icon';
import type { IconName } from './Icon';

export function EmptyState({ icon, title, children, action }: { icon: IconName; title: string; children: ReactNode; action?: ReactNode }): ReactElement {
  return (
    <section className="empty-state" aria-label={title}>
      <div className="empty-icon"><Icon name={icon} size={26} /></div>
      <h2 className="empty-title">{title}</h2>
      <div className="empty-text">{children}</div>
      {action ? <div className="empty-action">{action}</div> : null}
    </section>
  );
}
