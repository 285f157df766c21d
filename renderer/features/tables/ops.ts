/** Operators of key and filter conditions: their human labels and how many values they take. */
import type { FILTER_OPS, SORT_KEY_OPS } from '../../../preload/dynamodb';
import type { AttrType } from './values';

export type FilterOp = (typeof FILTER_OPS)[number];
export type SortOp = (typeof SORT_KEY_OPS)[number];

/** Every filter operator, in menu order (a Record so a new operator in the contract fails to compile here). */
export const FILTER_OP_LABELS: Record<FilterOp, string> = {
  '=': '=',
  '<>': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  between: 'between',
  begins_with: 'begins with',
  contains: 'contains',
  not_contains: 'not contains',
  exists: 'exists',
  not_exists: 'not exists',
  attribute_type: 'attribute type',
  'size=': 'size =',
  'size<>': 'size ≠',
  'size<': 'size <',
  'size<=': 'size ≤',
  'size>': 'size >',
  'size>=': 'size ≥',
};
export const FILTER_OP_LIST = Object.keys(FILTER_OP_LABELS) as FilterOp[];

export const SORT_OP_LABELS: Record<SortOp, string> = {
  '=': '=',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
  between: 'between',
  begins_with: 'begins with',
};
export const SORT_OP_LIST = Object.keys(SORT_OP_LABELS) as SortOp[];

/** How many values an operator takes. */
export function arity(op: FilterOp | SortOp): 0 | 1 | 2 {
  if (op === 'between') return 2;
  if (op === 'exists' || op === 'not_exists') return 0;
  return 1;
}

export function isSizeOp(op: FilterOp): boolean {
  return op.startsWith('size');
}

/** The value types an operator compares against; the first is the default. */
export function typesFor(op: FilterOp): readonly AttrType[] {
  if (isSizeOp(op)) return ['N'];
  switch (op) {
    case '<': case '<=': case '>': case '>=': case 'between':
      return ['S', 'N', 'B'];
    case 'begins_with':
      return ['S', 'B'];
    case 'exists': case 'not_exists': case 'attribute_type':
      return [];
    case 'contains': case 'not_contains':
      return ['S', 'N', 'B', 'BOOL', 'NULL', 'L', 'M'];
    default:
      return ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'];
  }
}

/** The type to use after switching operator: keep the chosen one when the new operator allows it. */
export function typeAfterOpChange(op: FilterOp, current: AttrType): AttrType {
  const allowed = typesFor(op);
  return allowed.length === 0 || allowed.includes(current) ? current : allowed[0]!;
}
