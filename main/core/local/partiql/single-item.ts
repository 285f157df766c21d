/**
 * The one kind of SELECT that BatchExecuteStatement and ExecuteTransaction accept: a single-item
 * get. DynamoDB asks for an equality on every key attribute of the table itself (not an index), so
 * the statement reads at most one item.
 */
import type { Item } from '../../../../preload/dynamodb';
import type { Condition, Path, SelectStatement } from './ast';
import { ExpressionBuilder } from './expression';
import { conditionPaths, splitKey } from './translate';
import type { ReadRequest, TableInfo } from './translate';

export interface SingleItemGet {
  table: string;
  key: Item;
  /** The rest of WHERE (non-key attributes only): the item is returned only where it holds. */
  filter: Condition[];
  /** Undefined for `*`. */
  projection?: Path[];
}

/** The get a SELECT performs, or undefined when it is not a single-item get. */
export function singleItemGet(stmt: SelectStatement, table: TableInfo): SingleItemGet | undefined {
  if (stmt.index !== undefined) return undefined;
  const split = splitKey(stmt.where, table);
  if (!split) return undefined;
  // Another condition on a key attribute (`pk = 'a' AND pk = 'b'`) is not a plain get.
  const keyNames = new Set(Object.keys(split.key));
  if (split.rest.flatMap(conditionPaths).some((p) => keyNames.has(p[0]))) return undefined;
  const get: SingleItemGet = { table: stmt.table, key: split.key, filter: split.rest };
  if (stmt.projection) get.projection = stmt.projection;
  return get;
}

/**
 * The get as a Query on its full key: unlike GetItem, a Query can also apply the filter, and it
 * still reads one item at most.
 */
export function singleItemQuery(get: SingleItemGet): ReadRequest {
  const b = new ExpressionBuilder();
  const request: ReadRequest = {
    TableName: get.table,
    KeyConditionExpression: Object.entries(get.key).map(([name, value]) => `${b.name(name)} = ${b.value(value)}`).join(' AND '),
  };
  const [first, ...more] = get.filter;
  if (first) request.FilterExpression = b.condition(more.length ? { kind: 'and', items: get.filter } : first);
  if (get.projection) request.ProjectionExpression = b.projection(get.projection);
  return Object.assign(request, b.attributes());
}

/** The get as TransactGetItems' `Get` (which has no filter: the caller refuses one). */
export function singleItemTransactGet(get: SingleItemGet): { TableName: string; Key: Item; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> } {
  const out: ReturnType<typeof singleItemTransactGet> = { TableName: get.table, Key: get.key };
  if (get.projection) {
    const b = new ExpressionBuilder();
    out.ProjectionExpression = b.projection(get.projection);
    out.ExpressionAttributeNames = b.names;
  }
  return out;
}
