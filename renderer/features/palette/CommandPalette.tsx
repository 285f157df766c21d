import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { Icon } from '../../components/Icon';
import { Kbd } from '../../components/Chip';
import { useModal } from '../../components/Dialog';
import { filterCommands } from './commands';
import type { Command } from './commands';

/** Cmd/Ctrl+K: type to filter apps, roles and pages; Enter runs the highlighted command. */
export function CommandPalette({ commands, onClose }: { commands: Command[]; onClose: () => void }): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const titleId = useId();
  const listId = useId();
  useModal(ref, onClose);

  const shown = useMemo(() => filterCommands(commands, query), [commands, query]);
  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const run = (c: Command | undefined): void => {
    if (!c) return;
    onClose();
    c.run();
  };

  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((i) => Math.min(shown.length - 1, i + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Home' && e.ctrlKey) {
      setActive(0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      run(shown[active]);
    }
  };

  let lastGroup = '';
  return (
    <dialog
      ref={ref}
      className="dialog palette"
      aria-labelledby={titleId}
      onClick={(e) => { if (e.target === e.currentTarget) onClose(); }}
    >
      <div className="palette-panel">
        <h2 id={titleId} className="sr-only">Command palette</h2>
        <div className="palette-input-row">
          <Icon name="search" size={17} />
          <input
            className="palette-input"
            role="combobox"
            aria-label="Search apps, roles and commands"
            aria-expanded="true"
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={shown[active] ? `${listId}-${active}` : undefined}
            placeholder="Search apps, roles and commands…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={onKey}
            data-autofocus
            autoComplete="off"
            spellCheck={false}
          />
          <Kbd>Esc</Kbd>
        </div>
        <ul ref={listRef} id={listId} role="listbox" aria-label="Commands" className="palette-list">
          {shown.length === 0 ? <li className="palette-empty" role="presentation">No app, role or command matches “{query}”.</li> : null}
          {shown.map((c, i) => {
            const header = c.group !== lastGroup ? c.group : undefined;
            lastGroup = c.group;
            return [
              header ? <li key={`h-${header}`} role="presentation" className="palette-group">{header}</li> : null,
              <li
                key={c.id}
                id={`${listId}-${i}`}
                data-index={i}
                role="option"
                aria-selected={i === active}
                className={`palette-item${i === active ? ' is-active' : ''}`}
                onMouseMove={() => setActive(i)}
                onClick={() => run(c)}
              >
                <span className="palette-item-icon"><Icon name={c.icon} size={15} /></span>
                <span className="palette-item-text">
                  <span className="palette-item-title">{c.title}</span>
                  {c.detail ? <span className="palette-item-detail">{c.detail}</span> : null}
                </span>
                {i === active ? <span className="palette-enter" aria-hidden="true">↵</span> : null}
              </li>,
            ];
          })}
        </ul>
        <div className="palette-foot" aria-hidden="true">
          <span><Kbd>↑</Kbd><Kbd>↓</Kbd> move</span>
          <span><Kbd>↵</Kbd> run</span>
          <span><Kbd>Esc</Kbd> close</span>
        </div>
      </div>
    </dialog>
  );
}
