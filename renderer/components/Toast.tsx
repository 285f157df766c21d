import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement, ReactNode } from 'react';
import type { ApiError } from '../api';
import { toApiError } from '../lib/errors';
import { IconButton } from './Button';
import { Icon } from './Icon';

interface ToastItem {
  id: number;
  tone: 'success' | 'error' | 'info';
  title: string;
  detail?: string;
}

export interface Toaster {
  success(title: string, detail?: string): void;
  info(title: string, detail?: string): void;
  /** Shows an error's message and hint; `title` says what failed. */
  error(title: string, err?: unknown): void;
}

const ToastContext = createContext<Toaster | null>(null);

export function useToast(): Toaster {
  const t = useContext(ToastContext);
  if (!t) throw new Error('useToast outside ToastProvider');
  return t;
}

function ToastView({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }): ReactElement {
  const [paused, setPaused] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (paused) return undefined;
    timer.current = setTimeout(() => onDismiss(item.id), item.tone === 'error' ? 9000 : 4500);
    return () => clearTimeout(timer.current);
  }, [paused, item, onDismiss]);
  const icon = item.tone === 'success' ? 'check' : item.tone === 'error' ? 'alert' : 'info';
  return (
    <li
      className={`toast toast-${item.tone}`}
      role={item.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast-icon"><Icon name={icon} size={16} /></span>
      <div className="toast-body">
        <p className="toast-title">{item.title}</p>
        {item.detail ? <p className="toast-detail">{item.detail}</p> : null}
      </div>
      <IconButton icon="x" label="Dismiss notification" onClick={() => onDismiss(item.id)} className="toast-close" />
    </li>
  );
}

export function ToastProvider({ children }: { children: ReactNode }): ReactElement {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const push = useCallback((item: Omit<ToastItem, 'id'>) => {
    const id = nextId.current++;
    setItems((list) => [...list.slice(-2), { ...item, id }]);
  }, []);
  const api = useMemo<Toaster>(() => ({
    success: (title, detail) => push({ tone: 'success', title, ...(detail ? { detail } : {}) }),
    info: (title, detail) => push({ tone: 'info', title, ...(detail ? { detail } : {}) }),
    error: (title, err) => {
      const e: ApiError | undefined = err === undefined ? undefined : toApiError(err);
      const detail = e ? [e.message, e.hint].filter(Boolean).join(' — ') : undefined;
      push({ tone: 'error', title, ...(detail ? { detail } : {}) });
    },
  }), [push]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <ol className="toasts" aria-label="Notifications">
        {items.map((t) => <ToastView key={t.id} item={t} onDismiss={dismiss} />)}
      </ol>
    </ToastContext.Provider>
  );
}
