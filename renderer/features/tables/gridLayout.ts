/** Column widths of the results grid, from the header and a sample of values (no DOM measuring). */
import type { Item } from '../../../preload/dynamodb';
import type { Column } from './columns';
import { compactValue } from './values';

export const CHECK_COL = 40;
const MIN = 96;
const MAX = 360;
const CHAR = 7.4;
const PAD = 44;

export function columnWidths(columns: readonly Column[], items: readonly Item[], sample = 200): number[] {
  const rows = items.slice(0, sample);
  return columns.map((c) => {
    let chars = c.name.length + (c.key ? 4 : 0);
    for (const item of rows) {
      const v = item[c.name];
      if (v) chars = Math.max(chars, Math.min(60, compactValue(v, 60).length + 3));
    }
    return Math.round(Math.min(MAX, Math.max(MIN, chars * CHAR + PAD)));
  });
}

export function gridTemplate(widths: readonly number[], selectable: boolean): string {
  return [...(selectable ? [CHECK_COL] : []), ...widths].map((w) => `${w}px`).join(' ');
}

/** The total width of the columns in px (the rows' fixed width). */
export function gridWidth(widths: readonly number[], selectable: boolean): number {
  return widths.reduce((sum, w) => sum + w, selectable ? CHECK_COL : 0);
}
