/**
 * Turns a parsed statement into the one DynamoDB request that performs it: SELECT → Query (when the
 * WHERE pins the partition key) or Scan; INSERT → conditional PutItem; UPDATE → UpdateItem;
 * DELETE → DeleteItem. Requests are in DynamoDB JSON (wire) form.
 */
import type { AttrValue, Item } from '../../../../preload/dynamodb';
import { typeOf } from '../../dynamodb/wire';
import { validation } from '../errors';
import type {
  CompareOp, Condition, DeleteStatement, InsertStatement, Operand, Path, SelectStatement, Statement, UpdateStatement,
} from './ast';
import { ExpressionBuilder } from './expression';

export interface KeySchema {
  partition: string;
  sort?: string;
}

export interface TableInfo {
  name: string;
  key: KeySchema;
  indexes: Record<string, KeySchema>;
  /** Key attribute name → 'S' | 'N' | 'B'. */
  attributeTypes: Record<string, string>;
}

interface ExpressionParts {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttrValue>;
}

export interface ReadRequest extends ExpressionParts {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ScanIndexForward?: boolean;
}

export interface PutRequest extends ExpressionParts {
  TableName: string;
  Item: Item;
  ConditionExpression: string;
}

export interface UpdateRequest extends ExpressionParts {
  TableName: string;
  Key: Item;
  UpdateExpression: string;
  ConditionExpression: string;
  ReturnValues?: string;
}

export interface DeleteRequest extends ExpressionParts {
  TableName: string;
  Key: Item;
  ConditionExpression?: string;
  ReturnValues?: string;
}

export type Plan =
  | { op: 'Query' | 'Scan'; request: ReadRequest }
  | { op: 'PutItem'; request: PutRequest }
  | { op: 'UpdateItem'; request: UpdateRequest }
  | { op: 'DeleteItem'; request: DeleteRequest };

const FLIP: Record<CompareOp, CompareOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

const conjuncts = (where: Condition | undefined): Condition[] =>
  where === undefined ? [] : where.kind === 'and' ? where.items : [where];

const joinAnd = (items: Condition[]): Condition | undefined =>
  items.length === 0 ? undefined : items.length === 1 ? items[0] : { kind: 'and', items };

const isAttribute = (o: Operand, name: string): boolean => o.kind === 'path' && o.path.length === 1 && o.path[0] === name;

/** `name = value` (either way round): the value, else undefined. */
function equalityOn(c: Condition, name: string): AttrValue | undefined {
  if (c.kind !== 'compare' || c.op !== '=') return undefined;
  if (isAttribute(c.left, name) && c.right.kind === 'value') return c.right.value;
  if (isAttribute(c.right, name) && c.left.kind === 'value') return c.left.value;
  return undefined;
}

function operandPaths(o: Operand): Path[] {
  return o.kind === 'value' ? [] : [o.path];
}

/** The paths a condition reads. */
export function conditionPaths(c: Condition): Path[] {
  switch (c.kind) {
    case 'and': case 'or': return c.items.flatMap(conditionPaths);
    case 'not': return conditionPaths(c.item);
    case 'compare': return [...operandPaths(c.left), ...operandPaths(c.right)];
    case 'between': return [c.operand, c.low, c.high].flatMap(operandPaths);
    case 'in': return [c.operand, ...c.values].flatMap(operandPaths);
    case 'function': return [c.path, ...operandPaths(c.operand)];
    case 'is': return [c.path];
  }
}

/** A sort-key condition Query can use, turned so the attribute is on the left; else undefined. */
function sortKeyCondition(c: Condition, sort: string, type: string | undefined): Condition | undefined {
  const matches = (v: Operand): boolean => v.kind === 'value' && typeOf(v.value) === type;
  if (c.kind === 'compare' && c.op !== '<>') {
    if (isAttribute(c.left, sort) && matches(c.right)) return c;
    if (isAttribute(c.right, sort) && matches(c.left)) return { kind: 'compare', op: FLIP[c.op], left: c.right, right: c.left };
  }
  if (c.kind === 'between' && isAttribute(c.operand, sort) && matches(c.low) && matches(c.high)) return c;
  if (c.kind === 'function' && c.name === 'begins_with' && c.path.length === 1 && c.path[0] === sort
    && matches(c.operand) && type !== 'N') return c;
  return undefined;
}

function planSelect(stmt: SelectStatement, table: TableInfo): Plan {
  let key = table.key;
  if (stmt.index !== undefined) {
    const indexKey = table.indexes[stmt.index];
    if (!indexKey) throw validation(`The table does not have the specified index: ${stmt.index}`);
    key = indexKey;
  }
  const b = new ExpressionBuilder();
  const request: ReadRequest = { TableName: stmt.table };
  if (stmt.index !== undefined) request.IndexName = stmt.index;
  const all = conjuncts(stmt.where);

  // Query when one conjunct pins the partition key (with its schema type: else nothing can match
  // and a Scan says so without a type error), at most one more narrows the sort key, and the rest
  // leave the key alone (a Query filter may not name key attributes).
  const pkType = table.attributeTypes[key.partition];
  const pkIndex = all.findIndex((c) => {
    const v = equalityOn(c, key.partition);
    return v !== undefined && typeOf(v) === pkType;
  });
  let keyConditions: Condition[] | undefined;
  let rest = all;
  if (pkIndex !== -1) {
    const others = all.filter((_, i) => i !== pkIndex);
    const sort = key.sort;
    let sortIndex = -1;
    let sortCond: Condition | undefined;
    if (sort !== undefined) {
      sortIndex = others.findIndex((c) => sortKeyCondition(c, sort, table.attributeTypes[sort]) !== undefined);
      if (sortIndex !== -1) sortCond = sortKeyCondition(others[sortIndex] as Condition, sort, table.attributeTypes[sort]);
    }
    const remaining = others.filter((_, i) => i !== sortIndex);
    const keyNames = new Set([key.partition, ...(sort === undefined ? [] : [sort])]);
    if (!remaining.flatMap(conditionPaths).some((p) => keyNames.has(p[0]))) {
      const pkValue = equalityOn(all[pkIndex] as Condition, key.partition) as AttrValue;
      const pkCond: Condition = { kind: 'compare', op: '=', left: { kind: 'path', path: [key.partition] }, right: { kind: 'value', value: pkValue } };
      keyConditions = [pkCond, ...(sortCond ? [sortCond] : [])];
      rest = remaining;
    }
  }

  if (keyConditions) request.KeyConditionExpression = keyConditions.map((c) => b.condition(c)).join(' AND ');
  const filter = joinAnd(rest);
  if (filter) request.FilterExpression = b.condition(filter);
  if (stmt.projection) request.ProjectionExpression = b.projection(stmt.projection);
  if (stmt.orderBy) {
    const { path, descending } = stmt.orderBy;
    if (!keyConditions) throw validation('ORDER BY needs a WHERE clause with an equality on the partition key');
    if (key.sort === undefined || path.length !== 1 || path[0] !== key.sort) {
      throw validation(`ORDER BY works on the sort key only${key.sort === undefined ? '' : ` (${key.sort})`}`);
    }
    if (descending) request.ScanIndexForward = false;
  }
  Object.assign(request, b.attributes());
  return { op: keyConditions ? 'Query' : 'Scan', request };
}

function keyValue(item: Item, name: string): AttrValue {
  const v = item[name];
  if (v === undefined) throw validation(`One or more parameter values were invalid: Missing the key ${name} in the item`);
  return v;
}

function planInsert(stmt: InsertStatement, table: TableInfo): Plan {
  keyValue(stmt.item, table.key.partition);
  if (table.key.sort !== undefined) keyValue(stmt.item, table.key.sort);
  const b = new ExpressionBuilder();
  // The key's absence is the condition: an existing item makes INSERT fail (DuplicateItemException).
  const ConditionExpression = `attribute_not_exists(${b.name(table.key.partition)})`;
  return { op: 'PutItem', request: { TableName: stmt.table, Item: stmt.item, ConditionExpression, ...b.attributes() } };
}

/**
 * Splits WHERE into the full primary key (an equality on each key attribute) and the rest (a
 * condition on the item); undefined when a key attribute has no equality.
 */
export function splitKey(where: Condition | undefined, table: TableInfo): { key: Item; rest: Condition[] } | undefined {
  const names = [table.key.partition, ...(table.key.sort === undefined ? [] : [table.key.sort])];
  const rest = [...conjuncts(where)];
  const key: Item = {};
  for (const name of names) {
    const i = rest.findIndex((c) => equalityOn(c, name) !== undefined);
    if (i === -1) return undefined;
    key[name] = equalityOn(rest[i] as Condition, name) as AttrValue;
    rest.splice(i, 1);
  }
  return { key, rest };
}

function keyAndCondition(where: Condition, table: TableInfo): { key: Item; rest: Condition[] } {
  const split = splitKey(where, table);
  if (!split) throw validation('Where clause does not contain a mandatory equality on all key attributes');
  return split;
}

function planUpdate(stmt: UpdateStatement, table: TableInfo): Plan {
  const { key, rest } = keyAndCondition(stmt.where, table);
  const b = new ExpressionBuilder();
  const UpdateExpression = b.update(stmt.actions);
  // UPDATE changes an existing item only; it never creates one.
  const exists: Condition = { kind: 'is', test: 'missing', path: [table.key.partition], negated: true };
  const ConditionExpression = b.condition(joinAnd([exists, ...rest]) as Condition);
  const request: UpdateRequest = { TableName: stmt.table, Key: key, UpdateExpression, ConditionExpression, ...b.attributes() };
  if (stmt.returning) request.ReturnValues = stmt.returning;
  return { op: 'UpdateItem', request };
}

function planDelete(stmt: DeleteStatement, table: TableInfo): Plan {
  const { key, rest } = keyAndCondition(stmt.where, table);
  const b = new ExpressionBuilder();
  const request: DeleteRequest = { TableName: stmt.table, Key: key };
  const condition = joinAnd(rest);
  if (condition) request.ConditionExpression = b.condition(condition);
  if (stmt.returning) {
    if (stmt.returning !== 'ALL_OLD') throw validation('DELETE supports RETURNING ALL OLD * only');
    request.ReturnValues = 'ALL_OLD';
  }
  Object.assign(request, b.attributes());
  return { op: 'DeleteItem', request };
}

export function plan(stmt: Statement, table: TableInfo): Plan {
  switch (stmt.kind) {
    case 'select': return planSelect(stmt, table);
    case 'insert': return planInsert(stmt, table);
    case 'update': return planUpdate(stmt, table);
    case 'delete': return planDelete(stmt, table);
  }
}
