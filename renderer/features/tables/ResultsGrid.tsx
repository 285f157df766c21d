import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent, ReactElement, ReactNode } from 'react';
import type { Item } from '../../../preload/dynamodb';
import { KEY_ROLE_LABELS } from './columns';
import type { Column } from './columns';
import { columnWidths, gridTemplate, gridWidth } from './gridLayout';
import { allSelected, selectRange, toggle, toggleAll } from './selection';
import { GridRow } from './GridRow';
import type { RowHandlers } from './GridRow';
import { describeKey } from './values';
import type { KeyNames } from './values';

const ROW_H = 30;
const HEADER_H = 34;
/** Every row is ROW_H high (CSS): the virtualizer never measures the DOM. */
const estimateSize = (): number => ROW_H;

export interface ResultsGridProps {
  label: string;
  items: readonly Item[];
  /** Identity of each row (canonical key JSON), parallel to items. */
  ids: readonly string[];
  columns: readonly Column[];
  /** Names rows ("Select item pk=…"); without it rows are named by number. */
  keyNames?: KeyNames | undefined;
  /** With both, rows have checkboxes. */
  selected?: ReadonlySet<string> | undefined;
  onSelect?: ((next: Set<string>) => void) | undefined;
  /** Double-click or Enter on a row. */
  onOpen?: ((index: number) => void) | undefined;
  empty: ReactNode;
}

/**
 * A virtualized grid (role="grid"): only the rows in view are in the DOM, so 100k rows scroll
 * smoothly. Up/Down/PageUp/PageDown/Home/End move the active row, Space selects it (Shift+arrows
 * extend), Ctrl/Cmd+A selects all loaded rows, Enter opens the row.
 */
export function ResultsGrid({ label, items, ids, columns, keyNames, selected, onSelect, onOpen, empty }: ResultsGridProps): ReactElement {
  const gridId = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const windowRef = useRef<HTMLDivElement>(null);
  const headCheckRef = useRef<HTMLInputElement>(null);
  const [active, setActive] = useState(0);
  const anchor = useRef<number | undefined>(undefined);
  const selectable = Boolean(selected && onSelect);
  const count = items.length;

  // Widths from the first rows only: stable once the first page is in.
  const sampleKey = `${columns.length}|${Math.min(count, 200)}`;
  const sampleRef = useRef(items);
  sampleRef.current = items;
  const widths = useMemo(() => columnWidths(columns, sampleRef.current), [columns, sampleKey]);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    overscan: 4,
    useFlushSync: false,
    scrollMargin: HEADER_H,
    scrollPaddingStart: HEADER_H,
  });
  const rows = virtualizer.getVirtualItems();
  const total = virtualizer.getTotalSize();
  const first = rows[0];

  // The only dynamic styles: column template and width, body height and the rendered window's offset (set through the CSSOM).
  useLayoutEffect(() => {
    scrollRef.current?.style.setProperty('--grid-cols', gridTemplate(widths, selectable));
    scrollRef.current?.style.setProperty('--grid-w', `${gridWidth(widths, selectable)}px`);
  }, [widths, selectable]);
  const hasBody = count > 0;
  useLayoutEffect(() => {
    if (bodyRef.current) bodyRef.current.style.height = `${total}px`;
  }, [total, hasBody]);
  const offset = first ? first.start - HEADER_H : 0;
  useLayoutEffect(() => {
    if (windowRef.current) windowRef.current.style.transform = `translateY(${offset}px)`;
  }, [offset, hasBody]);

  useEffect(() => {
    if (active >= count) setActive(Math.max(0, count - 1));
  }, [active, count]);

  const sel = useMemo(() => selected ?? new Set<string>(), [selected]);
  const all = useMemo(() => selectable && allSelected(sel, ids), [selectable, sel, ids]);
  useEffect(() => {
    if (headCheckRef.current) headCheckRef.current.indeterminate = !all && sel.size > 0;
  });

  const moveTo = (i: number, extend: boolean): void => {
    if (count === 0) return;
    const to = Math.max(0, Math.min(count - 1, i));
    if (extend && selectable && onSelect) {
      const from = anchor.current ?? active;
      const next = new Set(sel);
      const [a, b] = from <= to ? [from, to] : [to, from];
      for (let k = a; k <= b; k++) next.add(ids[k]!);
      anchor.current = from;
      onSelect(next);
    } else if (!extend) {
      anchor.current = to;
    }
    setActive(to);
    virtualizer.scrollToIndex(to, { align: 'auto' });
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    const t = e.target as HTMLElement;
    const onCheckbox = t instanceof HTMLInputElement;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 300) - HEADER_H) / ROW_H) - 1);
    switch (e.key) {
      case 'ArrowDown': moveTo(active + 1, e.shiftKey); break;
      case 'ArrowUp': moveTo(active - 1, e.shiftKey); break;
      case 'PageDown': moveTo(active + page, e.shiftKey); break;
      case 'PageUp': moveTo(active - page, e.shiftKey); break;
      case 'Home': moveTo(0, e.shiftKey); break;
      case 'End': moveTo(count - 1, e.shiftKey); break;
      case ' ':
        if (onCheckbox || !selectable || !onSelect || !ids[active]) return;
        onSelect(toggle(sel, ids[active]));
        anchor.current = active;
        break;
      case 'Enter':
        if (e.ctrlKey || e.metaKey || !onOpen || count === 0) return;
        onOpen(active);
        break;
      case 'a':
      case 'A':
        if (!(e.ctrlKey || e.metaKey) || !selectable || !onSelect) return;
        onSelect(new Set(ids));
        break;
      case 'Escape':
        if (!selectable || !onSelect || sel.size === 0) return;
        onSelect(new Set());
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onCheck = (e: MouseEvent<HTMLInputElement>, index: number): void => {
    e.stopPropagation();
    if (!onSelect) return;
    onSelect(e.shiftKey ? selectRange(sel, ids, anchor.current, index) : toggle(sel, ids[index]!));
    anchor.current = index;
    setActive(index);
  };

  // Stable handlers for the memoized rows; they read the latest state through a ref.
  const latest = useRef({ onCheck: (_e: MouseEvent<HTMLInputElement>, _i: number): void => undefined, onOpen });
  latest.current = { onCheck, onOpen };
  const handlers = useMemo<RowHandlers>(() => ({
    check: (e, i) => latest.current.onCheck(e, i),
    activate: (i) => {
      setActive(i);
      anchor.current = i;
    },
    open: (i) => latest.current.onOpen?.(i),
  }), []);

  const rowName = (i: number): string => {
    const item = items[i]!;
    const k = keyNames ? describeKey(item, keyNames) : '';
    return k ? `item ${k}` : `row ${i + 1}`;
  };

  const activeRendered = rows.some((r) => r.index === active);

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label={label}
      aria-rowcount={count + 1}
      aria-colcount={columns.length + (selectable ? 1 : 0)}
      aria-multiselectable={selectable || undefined}
      aria-activedescendant={count && activeRendered ? `${gridId}-r${active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
          {selectable ? (
            <div role="columnheader" aria-colindex={1} className="grid-cell grid-check">
              <input
                ref={headCheckRef}
                type="checkbox"
                aria-label="Select all loaded items"
                checked={all}
                disabled={count === 0}
                onChange={() => onSelect?.(toggleAll(sel, ids))}
              />
            </div>
          ) : null}
          {columns.map((c, i) => (
            <div
              key={c.name}
              role="columnheader"
              aria-colindex={i + 1 + (selectable ? 1 : 0)}
              className={`grid-cell grid-th${c.key ? ' is-key' : ''}`}
              title={c.key ? `${c.name} · ${KEY_ROLE_LABELS[c.key].long}` : c.name}
            >
              <span className="grid-th-name">{c.name}</span>
              {c.key ? <span className="key-badge" aria-hidden="true">{KEY_ROLE_LABELS[c.key].short}</span> : null}
            </div>
          ))}
        </div>
      </div>
      {count === 0 ? (
        <div className="grid-empty">{empty}</div>
      ) : (
        <div role="rowgroup" ref={bodyRef} className="grid-body">
          <div ref={windowRef} className="grid-window">
            {rows.map((vr) => {
              const i = vr.index;
              const id = ids[i]!;
              return (
                <GridRow
                  key={id}
                  id={`${gridId}-r${i}`}
                  index={i}
                  item={items[i]!}
                  columns={columns}
                  selectable={selectable}
                  selected={sel.has(id)}
                  active={i === active}
                  name={rowName(i)}
                  handlers={handlers}
                />
              );
            })}
          </div>
        </div>
      )}
    </div>
  );
}
