/**
 * Row selection by item identity (canonical key JSON): click toggles one row, shift-click selects
 * the range from the anchor, "select all" covers every loaded row.
 */

/** Toggles one id. */
export function toggle(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * Shift-click: every row between the anchor and `index` (inclusive) takes the state the clicked
 * row is about to get; rows outside the range keep theirs. Without an anchor it is a toggle.
 */
export function selectRange(selected: ReadonlySet<string>, order: readonly string[], anchor: number | undefined, index: number): Set<string> {
  const id = order[index];
  if (id === undefined) return new Set(selected);
  if (anchor === undefined || anchor < 0 || anchor >= order.length) return toggle(selected, id);
  const on = !selected.has(id);
  const next = new Set(selected);
  const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
  for (let i = from; i <= to; i++) {
    const x = order[i]!;
    if (on) next.add(x);
    else next.delete(x);
  }
  return next;
}

/** All loaded rows, or none when all are already selected. */
export function toggleAll(selected: ReadonlySet<string>, order: readonly string[]): Set<string> {
  return allSelected(selected, order) ? new Set() : new Set(order);
}

export function allSelected(selected: ReadonlySet<string>, order: readonly string[]): boolean {
  return order.length > 0 && selected.size >= order.length && order.every((id) => selected.has(id));
}

/** Drops ids that are no longer loaded (after a new read or a delete). */
export function prune(selected: ReadonlySet<string>, order: readonly string[]): Set<string> {
  if (selected.size === 0) return new Set();
  const loaded = new Set(order);
  return new Set([...selected].filter((id) => loaded.has(id)));
}
