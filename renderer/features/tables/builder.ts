/**
 * The query builder's state as the user types it (all text), and its translation into the
 * contract's ReadSpec and read budget, with a message per field that cannot be translated.
 * Pure: the form components only edit a Draft.
 */
import type { AttrValue, Condition, ConditionGroup, ReadSpec, TableView } from '../../../preload/dynamodb';
import { arity, isSizeOp } from './ops';
import type { FilterOp, SortOp } from './ops';
import { formatPath, formatPathList, parsePath, parsePathList } from './path';
import { parseValue, typeOf, valueToText } from './values';
import type { AttrType, KeyNames, KeyType } from './values';

export interface ConditionDraft {
  kind: 'condition';
  id: string;
  path: string;
  type: AttrType;
  op: FilterOp;
  value: string;
  value2: string;
}

export interface GroupDraft {
  kind: 'group';
  id: string;
  join: 'AND' | 'OR';
  items: (ConditionDraft | GroupDraft)[];
}

export interface Draft {
  /** '' reads the table itself. */
  index: string;
  partition: string;
  /** '' means no sort key condition. */
  sortOp: SortOp | '';
  sort: string;
  sort2: string;
  filter: GroupDraft;
  projection: string;
  descending: boolean;
  consistent: boolean;
  pageSize: string;
  rows: string;
  maxCapacity: string;
  maxSeconds: string;
}

export interface Budget {
  rows: number;
  /** The page size was chosen automatically (rows to show): a longer read may use bigger pages. */
  autoPageSize?: boolean;
  maxCapacityUnits?: number;
  maxMs?: number;
}

/** Field errors keyed by field name, or by a condition's id (`<id>.path`, `<id>.value`, `<id>.value2`). */
export type DraftErrors = Record<string, string>;

let seq = 0;
export function newId(prefix: string): string {
  seq += 1;
  return `${prefix}${seq}`;
}

export function newCondition(): ConditionDraft {
  return { kind: 'condition', id: newId('c'), path: '', type: 'S', op: '=', value: '', value2: '' };
}

export function newGroup(join: 'AND' | 'OR' = 'AND', items: (ConditionDraft | GroupDraft)[] = []): GroupDraft {
  return { kind: 'group', id: newId('g'), join, items };
}

export const DEFAULT_ROWS = 100;

export function emptyDraft(): Draft {
  return {
    index: '', partition: '', sortOp: '', sort: '', sort2: '', filter: newGroup(), projection: '',
    descending: false, consistent: false, pageSize: '', rows: String(DEFAULT_ROWS), maxCapacity: '', maxSeconds: '',
  };
}

/** The key of the table or of the chosen index, with each key attribute's type. */
export function keyOfTarget(table: TableView, index: string): { partition: string; sort?: string; partitionType: KeyType; sortType: KeyType; kind: 'table' | 'GSI' | 'LSI' } {
  const idx = index ? table.indexes.find((i) => i.name === index) : undefined;
  const key = idx ? idx.key : table.key;
  const t = (name: string | undefined): KeyType => {
    const v = name ? table.attributeTypes[name] : undefined;
    return v === 'N' || v === 'B' ? v : 'S';
  };
  return {
    partition: key.partition,
    ...(key.sort ? { sort: key.sort } : {}),
    partitionType: t(key.partition),
    sortType: t(key.sort),
    kind: idx ? idx.kind : 'table',
  };
}

export function tableKeyNames(table: TableView): KeyNames {
  return { partition: table.key.partition, ...(table.key.sort ? { sort: table.key.sort } : {}) };
}

function toCondition(c: ConditionDraft, errors: DraftErrors): Condition | undefined {
  const p = parsePath(c.path);
  if (!p.ok) errors[`${c.id}.path`] = p.error;
  const n = arity(c.op);
  const values: AttrValue[] = [];
  if (c.op === 'attribute_type') {
    values.push({ S: c.value || 'S' });
  } else if (n > 0) {
    const type: AttrType = isSizeOp(c.op) ? 'N' : c.type;
    const texts = n === 2 ? [c.value, c.value2] : [c.value];
    texts.forEach((text, i) => {
      const r = parseValue(type, text);
      if (r.ok) values.push(r.value);
      else errors[`${c.id}.${i === 0 ? 'value' : 'value2'}`] = r.error;
    });
  }
  if (!p.ok || values.length !== (c.op === 'attribute_type' ? 1 : n)) return undefined;
  return { kind: 'condition', path: p.path, op: c.op, values };
}

function toGroup(g: GroupDraft, errors: DraftErrors): ConditionGroup | undefined {
  const items: (Condition | ConditionGroup)[] = [];
  for (const it of g.items) {
    const x = it.kind === 'group' ? toGroup(it, errors) : toCondition(it, errors);
    if (x) items.push(x);
  }
  return items.length ? { kind: 'group', join: g.join, items } : undefined;
}

function positiveInt(text: string, field: string, label: string, max: number, errors: DraftErrors): number | undefined {
  const t = text.trim();
  if (!t) return undefined;
  const n = Number(t);
  if (!/^\d+$/.test(t) || !Number.isSafeInteger(n) || n < 1 || n > max) {
    errors[field] = `${label}: a whole number from 1 to ${max.toLocaleString('en-US')}`;
    return undefined;
  }
  return n;
}

/**
 * The ReadSpec and budget the draft describes. `spec` is absent only when the draft has errors;
 * empty fields are simply left out (an empty partition value reads with a Scan).
 */
export function draftToSpec(d: Draft, table: TableView): { spec?: ReadSpec; budget: Budget; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const target = keyOfTarget(table, d.index);
  const spec: ReadSpec = { table: table.name };
  if (d.index) {
    if (!table.indexes.some((i) => i.name === d.index)) errors.index = `The table has no index ${d.index}`;
    else spec.index = d.index;
  }
  const hasPartition = target.partitionType === 'S' ? d.partition !== '' : d.partition.trim() !== '';
  if (hasPartition) {
    const r = parseValue(target.partitionType, d.partition);
    if (r.ok) spec.partition = r.value;
    else errors.partition = r.error;
  }
  if (d.sortOp && target.sort) {
    const texts = arity(d.sortOp) === 2 ? [d.sort, d.sort2] : [d.sort];
    const values: AttrValue[] = [];
    texts.forEach((text, i) => {
      const field = i === 0 ? 'sort' : 'sort2';
      if (target.sortType !== 'S' ? text.trim() === '' : text === '') {
        errors[field] = i === 0 ? 'Enter the sort key value, or choose "any" sort key' : 'Enter the upper bound';
        return;
      }
      const r = parseValue(target.sortType, text);
      if (r.ok) values.push(r.value);
      else errors[field] = r.error;
    });
    if (values.length === texts.length) spec.sort = { op: d.sortOp, values };
  }
  const filter = toGroup(d.filter, errors);
  if (filter) spec.filter = filter;
  const proj = parsePathList(d.projection);
  if (!proj.ok) errors.projection = proj.error;
  else if (proj.paths.length) spec.projection = proj.paths;
  if (d.descending) spec.descending = true;
  if (d.consistent && target.kind !== 'GSI') spec.consistent = true;
  const pageSize = positiveInt(d.pageSize, 'pageSize', 'Page size', 10_000, errors);
  const rows = positiveInt(d.rows, 'rows', 'Rows to show', 100_000, errors) ?? DEFAULT_ROWS;
  if (pageSize) spec.pageSize = pageSize;
  // "auto": without a filter every item read is shown, so reading more than the rows wanted only
  // spends capacity (a Scan page is up to 1 MB); with a filter, full pages find matches in fewer requests.
  const autoPageSize = !pageSize && !d.pageSize.trim() && !filter;
  if (autoPageSize) spec.pageSize = Math.min(rows, 10_000);

  const budget: Budget = { rows, ...(autoPageSize ? { autoPageSize } : {}) };
  const cap = d.maxCapacity.trim();
  if (cap) {
    const n = Number(cap);
    if (!Number.isFinite(n) || n <= 0 || n > 1_000_000) errors.maxCapacity = 'Read capacity: a number of units above 0';
    else budget.maxCapacityUnits = n;
  }
  const secs = d.maxSeconds.trim();
  if (secs) {
    const n = Number(secs);
    if (!Number.isFinite(n) || n < 0.1 || n > 600) errors.maxSeconds = 'Time budget: 0.1 to 600 seconds';
    else budget.maxMs = Math.round(n * 1000);
  }
  return Object.keys(errors).length ? { budget, errors } : { spec, budget, errors };
}

function conditionDraft(c: Condition): ConditionDraft {
  const [v1, v2] = c.values;
  const base = newCondition();
  if (c.op === 'attribute_type') return { ...base, path: formatPath(c.path), op: c.op, value: v1 && 'S' in v1 ? v1.S : 'S' };
  return {
    ...base,
    path: formatPath(c.path),
    op: c.op,
    type: v1 ? typeOf(v1) : 'S',
    value: v1 ? valueToText(v1) : '',
    value2: v2 ? valueToText(v2) : '',
  };
}

function groupDraft(g: ConditionGroup): GroupDraft {
  return newGroup(g.join, g.items.map((it) => (it.kind === 'group' ? groupDraft(it) : conditionDraft(it))));
}

/** A draft showing a saved or recent ReadSpec; read options not in the spec keep their current values. */
export function specToDraft(spec: ReadSpec, base: Draft = emptyDraft()): Draft {
  const [s1, s2] = spec.sort?.values ?? [];
  return {
    ...base,
    index: spec.index ?? '',
    partition: spec.partition ? valueToText(spec.partition) : '',
    sortOp: spec.sort?.op ?? '',
    sort: s1 ? valueToText(s1) : '',
    sort2: s2 ? valueToText(s2) : '',
    filter: spec.filter ? groupDraft(spec.filter) : newGroup(),
    projection: spec.projection ? formatPathList(spec.projection) : '',
    descending: Boolean(spec.descending),
    consistent: Boolean(spec.consistent),
    pageSize: spec.pageSize ? String(spec.pageSize) : '',
  };
}

/** Editing helpers for the nested filter tree (immutable). */
export function updateNode(g: GroupDraft, id: string, fn: (n: ConditionDraft | GroupDraft) => ConditionDraft | GroupDraft | null): GroupDraft {
  if (g.id === id) {
    const r = fn(g);
    return r && r.kind === 'group' ? r : g;
  }
  const items: (ConditionDraft | GroupDraft)[] = [];
  for (const it of g.items) {
    if (it.id === id) {
      const r = fn(it);
      if (r) items.push(r);
    } else if (it.kind === 'group') {
      items.push(updateNode(it, id, fn));
    } else {
      items.push(it);
    }
  }
  return { ...g, items };
}

export function countConditions(g: GroupDraft): number {
  return g.items.reduce((n, it) => n + (it.kind === 'group' ? countConditions(it) : 1), 0);
}
