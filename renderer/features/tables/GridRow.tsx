import { memo } from 'react';
import type { MouseEvent, ReactElement } from 'react';
import type { Item } from '../../../preload/dynamodb';
import type { Column } from './columns';
import { ValueCell } from './ValueCell';

export interface RowHandlers {
  check(e: MouseEvent<HTMLInputElement>, index: number): void;
  activate(index: number): void;
  open(index: number): void;
}

/** One grid row; memoized so scrolling re-renders only the rows that enter the window. */
export const GridRow = memo(function GridRow({ id, index, item, columns, selectable, selected, active, name, handlers }: {
  id: string;
  index: number;
  item: Item;
  columns: readonly Column[];
  selectable: boolean;
  selected: boolean;
  active: boolean;
  /** "item pk=…, sk=…" (or "row 12"): names the checkbox. */
  name: string;
  handlers: RowHandlers;
}): ReactElement {
  const offset = selectable ? 1 : 0;
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      className={`grid-row${selected ? ' is-selected' : ''}${active ? ' is-active' : ''}${index % 2 ? ' is-odd' : ''}`}
      onClick={() => handlers.activate(index)}
      onDoubleClick={() => handlers.open(index)}
    >
      {selectable ? (
        <div role="gridcell" aria-colindex={1} className="grid-cell grid-check">
          <input type="checkbox" tabIndex={-1} aria-label={`Select ${name}`} checked={selected} onClick={(e) => handlers.check(e, index)} onChange={() => undefined} />
        </div>
      ) : null}
      {columns.map((c, ci) => {
        const v = item[c.name];
        return (
          <div key={c.name} role="gridcell" aria-colindex={ci + 1 + offset} className={`grid-cell grid-td${c.key ? ' is-key' : ''}`}>
            {v ? <ValueCell value={v} /> : null}
          </div>
        );
      })}
    </div>
  );
});
