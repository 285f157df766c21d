import type { ReactElement, ReactNode } from 'react';

export function Chip({ children, tone = 'neutral', title }: { children: ReactNode; tone?: 'neutral' | 'accent' | 'success' | 'warning' | 'danger'; title?: string }): ReactElement {
  return <span className={`chip chip-${tone}`} title={title}>{children}</span>;
}

export function Kbd({ children }: { children: ReactNode }): ReactElement {
  return <kbd className="kbd">{children}</kbd>;
}

/** The platform's modifier for shortcuts. */
export const MOD_KEY = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent) ? '⌘' : 'Ctrl';
