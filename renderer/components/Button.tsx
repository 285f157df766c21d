import type { ButtonHTMLAttributes, ReactElement, ReactNode } from 'react';
import { Icon } from './Icon';
import type { IconName } from './Icon';
import { Spinner } from './Spinner';

export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger' | 'danger-soft' | 'danger-ghost';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  icon?: IconName;
  /** Shows a spinner in place of the icon and blocks clicks, keeping the button's width. */
  busy?: boolean;
  children?: ReactNode;
}

export function Button({ variant = 'secondary', size = 'md', icon, busy = false, children, className, disabled, type = 'button', ...rest }: ButtonProps): ReactElement {
  const cls = ['btn', `btn-${variant}`, `btn-${size}`, children ? '' : 'btn-icon-only', className ?? ''].filter(Boolean).join(' ');
  return (
    <button type={type} className={cls} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <Spinner size={size === 'sm' ? 13 : 15} /> : icon ? <Icon name={icon} size={size === 'sm' ? 14 : 16} /> : null}
      {children ? <span className="btn-label">{children}</span> : null}
    </button>
  );
}

/** A square button with only an icon; its accessible name is `label` (also shown as a tooltip). */
export function IconButton({ icon, label, variant = 'ghost', size = 'sm', ...rest }: Omit<ButtonProps, 'children' | 'icon'> & { icon: IconName; label: string }): ReactElement {
  return <Button icon={icon} variant={variant} size={size} aria-label={label} title={label} {...rest} />;
}
