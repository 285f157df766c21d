import { useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { Button, IconButton } from '../../components/Button';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { filterTables } from './pick';
import type { TableList as TableListState } from './useTableList';

/** The app's tables in one region: a filter, refresh, "Create table" and the list itself. */
export function TableList({ list, selected, onSelect, onCreate }: {
  list: TableListState;
  selected: string | undefined;
  onSelect: (table: string) => void;
  onCreate: () => void;
}): ReactElement {
  const [query, setQuery] = useState('');
  const filterId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const shown = useMemo(() => filterTables(list.tables ?? [], query), [list.tables, query]);

  // Up/Down move between tables, Home/End jump; the list stays one Tab stop per item (plain buttons).
  const onKey = (e: KeyboardEvent): void => {
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.table-item') ?? [])];
    if (!buttons.length) return;
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1
      : e.key === 'ArrowDown' ? Math.min(buttons.length - 1, i + 1) : Math.max(0, i - 1);
    e.preventDefault();
    buttons[next]?.focus();
  };

  let body: ReactElement;
  if (list.error && !list.tables) {
    body = <ErrorNotice error={list.error} title="Could not list the tables" action={<Button size="sm" icon="refresh" onClick={() => void list.refresh()}>Try again</Button>} />;
  } else if (!list.tables) {
    body = (
      <ul className="table-items" aria-label="Loading tables" aria-busy="true">
        {[0, 1, 2, 3].map((i) => <li key={i} className="table-item-skeleton"><span className="skeleton skeleton-line" /></li>)}
      </ul>
    );
  } else if (list.tables.length === 0) {
    body = (
      <p className="tables-empty-list">No tables in {list.region ?? 'this region'} yet.</p>
    );
  } else if (shown.length === 0) {
    body = <p className="tables-empty-list">No table matches “{query}”.</p>;
  } else {
    body = (
      <ul className="table-items" aria-label="Tables" ref={listRef} onKeyDown={onKey}>
        {shown.map((t) => (
          <li key={t}>
            <button
              type="button"
              className={`table-item${t === selected ? ' is-active' : ''}`}
              aria-current={t === selected ? 'true' : undefined}
              onClick={() => onSelect(t)}
              title={t}
            >
              <Icon name="layers" size={14} />
              <span className="table-item-name">{t}</span>
            </button>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <nav className="tables-sidebar" aria-label="Tables of this app">
      <div className="tables-sidebar-head">
        <div className="tables-filter">
          <Icon name="search" size={14} className="tables-filter-icon" />
          <input
            id={filterId}
            className="input"
            type="search"
            aria-label="Filter tables"
            placeholder="Filter tables"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape' && query) {
                e.preventDefault();
                setQuery('');
              } else if (e.key === 'ArrowDown') {
                e.preventDefault();
                listRef.current?.querySelector<HTMLButtonElement>('button.table-item')?.focus();
              } else if (e.key === 'Enter' && shown.length === 1) {
                onSelect(shown[0]!);
              }
            }}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <IconButton icon="refresh" label="Refresh tables" onClick={() => void list.refresh()} busy={list.loading && Boolean(list.tables)} />
      </div>
      <div className="tables-sidebar-meta">
        <span>
          {list.tables ? `${list.tables.length.toLocaleString()} ${list.tables.length === 1 ? 'table' : 'tables'}${query ? ` · ${shown.length} shown` : ''}` : 'Loading…'}
        </span>
        <Button size="sm" variant="ghost" icon="plus" onClick={onCreate}>Create table</Button>
      </div>
      {list.error && list.tables ? <ErrorNotice error={list.error} title="Could not refresh" compact /> : null}
      {body}
    </nav>
  );
}
