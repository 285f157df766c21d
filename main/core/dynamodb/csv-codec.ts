/**
 * The CSV form of items, built to round-trip exactly:
 *
 * - One column per top-level attribute. The header cell is `name:TYPE`: TYPE is the DynamoDB
 *   type letter (S, N, B, BOOL, NULL, SS, NS, BS, L, M) when every value of the column has that
 *   type, or ANY when types differ between items. The name is what comes before the last ':',
 *   so names that contain ':' survive. A header cell without a known TYPE suffix (a hand-made
 *   file) is a whole name of type S.
 * - An empty cell means the attribute is absent.
 * - Cells of S, N and B columns hold the text itself (the string, the number's exact decimal
 *   text, base64). BOOL and NULL cells hold `true`/`false`. SS, NS, BS, L and M cells hold the
 *   JSON of the value under its tag, e.g. `["a","b"]` for SS, `{"k":{"S":"v"}}` for M.
 * - ANY cells hold a whole DynamoDB JSON value, e.g. `{"S":"x"}` or `{"N":"1"}`. A column with
 *   an empty string or empty binary is written as ANY, so that an empty cell only ever means
 *   "absent" (spreadsheets do not keep "" apart from nothing).
 *
 * Quoting is left to csv-stringify / csv-parse.
 */
import { ATTRIBUTE_TYPES } from '../../../preload/dynamodb';
import type { AttrValue, Item } from '../../../preload/dynamodb';
import { checkValue, InvalidValue } from './jsonl';
import { typeOf } from './wire';

export type ColumnType = (typeof ATTRIBUTE_TYPES)[number] | 'ANY';
export interface Column { name: string; type: ColumnType }

const TYPES: ReadonlySet<string> = new Set<string>([...ATTRIBUTE_TYPES, 'ANY']);

export function headerCell(c: Column): string {
  return `${c.name}:${c.type}`;
}

export function parseHeaderCell(cell: string): Column {
  const at = cell.lastIndexOf(':');
  const suffix = at > 0 ? cell.slice(at + 1) : '';
  const column: Column = TYPES.has(suffix) ? { name: cell.slice(0, at), type: suffix as ColumnType } : { name: cell, type: 'S' };
  if (column.name.length === 0) throw new InvalidValue('a header cell has no attribute name');
  return column;
}

/** The union of top-level attribute names seen so far and each one's column type; small (one entry per name). */
export class ColumnTracker {
  private readonly types: Map<string, ColumnType>;

  constructor(entries: [string, ColumnType][] = []) {
    this.types = new Map(entries);
  }

  see(item: Item): void {
    for (const [name, value] of Object.entries(item)) {
      const type = typeOf(value) as ColumnType;
      const seen = this.types.get(name);
      const emptyText = ('S' in value && value.S === '') || ('B' in value && value.B === '');
      this.types.set(name, emptyText || (seen !== undefined && seen !== type) ? 'ANY' : type);
    }
  }

  columns(): Column[] {
    return [...this.types].map(([name, type]) => ({ name, type }));
  }

  entries(): [string, ColumnType][] {
    return [...this.types];
  }
}

export function encodeCell(v: AttrValue | undefined, type: ColumnType): string {
  if (v === undefined) return '';
  if (type === 'ANY') return JSON.stringify(v);
  if ('S' in v) return v.S;
  if ('N' in v) return v.N;
  if ('B' in v) return v.B;
  return JSON.stringify(Object.values(v)[0]);
}

export function decodeCell(cell: string, column: Column): AttrValue | undefined {
  if (cell === '') return undefined;
  const where = `column ${headerCell(column)}`;
  if (column.type === 'S' || column.type === 'N' || column.type === 'B') return checkValue({ [column.type]: cell }, where);
  let parsed: unknown;
  try {
    parsed = JSON.parse(cell);
  } catch (err) {
    throw new InvalidValue(`${where}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return checkValue(column.type === 'ANY' ? parsed : { [column.type]: parsed }, where);
}
