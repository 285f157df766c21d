import { useId, useRef } from 'react';
import type { KeyboardEvent, ReactElement, ReactNode } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
}

/** WAI-ARIA tabs: arrow keys move between tabs, only the selected tab is in the Tab order. */
export function Tabs<K extends string>({ label, items, selected, onSelect, children, actions }: {
  label: string;
  items: ReadonlyArray<TabItem<K>>;
  selected: K;
  onSelect: (key: K) => void;
  children: ReactNode;
  actions?: ReactNode;
}): ReactElement {
  const base = useId();
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const onKey = (e: KeyboardEvent): void => {
    const i = items.findIndex((t) => t.key === selected);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % items.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const key = items[next]!.key;
    onSelect(key);
    refs.current.get(key)?.focus();
  };
  return (
    <div className="tabs">
      <div className="tabs-bar">
        <div role="tablist" aria-label={label} className="tablist" onKeyDown={onKey}>
          {items.map((t) => (
            <button
              key={t.key}
              ref={(el) => { if (el) refs.current.set(t.key, el); else refs.current.delete(t.key); }}
              type="button"
              role="tab"
              id={`${base}-tab-${t.key}`}
              aria-selected={t.key === selected}
              aria-controls={`${base}-panel`}
              tabIndex={t.key === selected ? 0 : -1}
              className="tab"
              onClick={() => onSelect(t.key)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {actions ? <div className="tabs-actions">{actions}</div> : null}
      </div>
      <div role="tabpanel" id={`${base}-panel`} aria-labelledby={`${base}-tab-${selected}`} className="tabpanel">
        {children}
      </div>
    </div>
  );
}
