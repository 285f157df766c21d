/**
 * Query or Scan? A read is a Query whenever a partition key value is known (given, or an `=` on the
 * partition key at the top of an AND filter), because a Scan reads and bills for the whole table.
 */
import type { QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import { SORT_KEY_OPS } from '../../../preload/dynamodb';
import type { AttrValue, Condition, ConditionGroup, ReadPlan, ReadSpec } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';
import { conditionExpression, conditionProblem, Placeholders, renderCondition, usesAttribute } from './conditions';
import type { KeyNames } from './wire';
import { typeOf } from './wire';

export interface TableKeys {
  key: KeyNames;
  indexes: { name: string; kind: 'GSI' | 'LSI'; key: KeyNames }[];
}

export type BuiltRead =
  | { plan: ReadPlan; operation: 'Query'; input: QueryCommandInput }
  | { plan: ReadPlan; operation: 'Scan'; input: ScanCommandInput };

type Filter = Condition | ConditionGroup;

/** The plan plus what the Query's key condition is made of. */
interface Resolved {
  plan: ReadPlan;
  partition?: AttrValue;
  sort?: Condition;
  filter?: Filter;
}

const KEY_TYPES = new Set(['S', 'N', 'B']);

export function planRead(spec: ReadSpec, table: TableKeys): ReadPlan {
  return resolveRead(spec, table).plan;
}

export function buildRead(spec: ReadSpec, table: TableKeys): BuiltRead {
  const { plan, partition, sort, filter } = resolveRead(spec, table);
  const alloc = new Placeholders();
  // Key condition first, so its placeholders read #n0 = :v0 in the generated code.
  const keyCondition = partition === undefined ? undefined : [
    `${alloc.name(plan.keyNames.partition)} = ${alloc.value(partition)}`,
    ...(sort === undefined ? [] : [renderCondition(sort, alloc)]),
  ].join(' AND ');
  const filterExpression = filter === undefined ? undefined : conditionExpression(filter, alloc);
  const projection = spec.projection?.length ? spec.projection.map((p) => alloc.path(p)).join(', ') : undefined;
  const common = {
    TableName: spec.table,
    ...(spec.index === undefined ? {} : { IndexName: spec.index }),
    ...(filterExpression === undefined ? {} : { FilterExpression: filterExpression }),
    ...(projection === undefined ? {} : { ProjectionExpression: projection }),
    ...(alloc.attributeNames ? { ExpressionAttributeNames: alloc.attributeNames } : {}),
    ...(alloc.attributeValues ? { ExpressionAttributeValues: alloc.attributeValues } : {}),
    ...(spec.consistent ? { ConsistentRead: true } : {}),
    ...(spec.pageSize === undefined ? {} : { Limit: spec.pageSize }),
    ReturnConsumedCapacity: 'TOTAL' as const,
  };
  if (keyCondition === undefined) return { plan, operation: 'Scan', input: common };
  return {
    plan,
    operation: 'Query',
    input: { ...common, KeyConditionExpression: keyCondition, ...(spec.descending ? { ScanIndexForward: false } : {}) },
  };
}

function resolveRead(spec: ReadSpec, table: TableKeys): Resolved {
  const index = spec.index === undefined ? undefined : table.indexes.find((i) => i.name === spec.index);
  if (spec.index !== undefined && index === undefined) {
    throw new AirlockError('BAD_QUERY', `Table ${spec.table} has no index named "${spec.index}"`);
  }
  const keyNames = index?.key ?? table.key;
  const target = index === undefined ? spec.table : `index ${index.name} of ${spec.table}`;
  if (spec.consistent && index?.kind === 'GSI') {
    throw new AirlockError('BAD_QUERY', 'strongly consistent reads are not supported on global secondary indexes');
  }
  const specSort = sortCondition(spec, keyNames, target);

  let query: QueryParts | undefined;
  let reason = '';
  if (spec.partition !== undefined) {
    if (!KEY_TYPES.has(typeOf(spec.partition))) {
      throw new AirlockError('BAD_QUERY', `The partition key ${keyNames.partition} must be a string, number or binary`);
    }
    query = splitQuery(spec.partition, spec.filter, keyNames, specSort);
    reason = `the partition key ${keyNames.partition} has a value, so only that partition is read`;
    if (query.clash !== undefined) {
      // The user named the partition: silently turning that into a Scan would hide a costly read.
      throw new AirlockError('BAD_QUERY', `A Query cannot filter on its key attribute ${query.clash}: DynamoDB takes key attributes only in the key condition (the sort key with ${SORT_KEY_OPS.join(' ')})`);
    }
  } else {
    const promoted = promote(spec.filter, (c) => isPartitionCondition(c, keyNames.partition));
    if (promoted !== undefined) {
      query = splitQuery(promoted.condition.values[0]!, promoted.rest, keyNames, specSort);
      reason = `the filter's ${keyNames.partition} = … gives the partition key value, so only that partition is read`;
    }
  }
  if (query !== undefined && query.clash === undefined) {
    const sortNote = query.sortPromoted ? `; its condition on ${keyNames.sort} is the sort key condition` : '';
    return {
      plan: { operation: 'Query', explanation: `Query on ${target}: ${reason}${sortNote}.`, keyNames },
      partition: query.partition,
      ...(query.sort === undefined ? {} : { sort: query.sort }),
      ...(query.filter === undefined ? {} : { filter: query.filter }),
    };
  }

  const why = query?.clash !== undefined
    ? `the filter uses the key attribute ${query.clash} in a way a Query cannot (a Query takes key attributes only in its key condition), so every item is read and then filtered`
    : `no partition key value for ${keyNames.partition}, so every item is read and then filtered`;
  if (spec.descending) {
    throw new AirlockError('BAD_QUERY', `Descending order needs a Query (ScanIndexForward), and this read is a Scan: ${why}`);
  }
  const filter = specSort === undefined ? spec.filter
    : { kind: 'group' as const, join: 'AND' as const, items: [specSort, ...(spec.filter === undefined ? [] : [spec.filter])] };
  const sortNote = specSort === undefined ? '' : ` The sort key condition on ${keyNames.sort} is applied as a filter.`;
  return {
    plan: { operation: 'Scan', explanation: `This will Scan ${target}: ${why}.${sortNote}`, keyNames },
    ...(filter === undefined ? {} : { filter }),
  };
}

/** spec.sort as a condition on the sort key, checked. */
function sortCondition(spec: ReadSpec, keyNames: KeyNames, target: string): Condition | undefined {
  if (spec.sort === undefined) return undefined;
  if (keyNames.sort === undefined) {
    throw new AirlockError('BAD_QUERY', `${target} has no sort key, so it cannot take a sort key condition`);
  }
  const condition: Condition = { kind: 'condition', path: [keyNames.sort], op: spec.sort.op, values: spec.sort.values };
  const problem = conditionProblem(condition);
  if (problem !== undefined) throw new AirlockError('BAD_QUERY', problem);
  if (!condition.values.every((v) => KEY_TYPES.has(typeOf(v)))) {
    throw new AirlockError('BAD_QUERY', `The sort key ${keyNames.sort} must be compared with a string, number or binary`);
  }
  return condition;
}

interface QueryParts {
  partition: AttrValue;
  sort?: Condition;
  sortPromoted: boolean;
  filter?: Filter;
  /** A key attribute the remaining filter still uses: DynamoDB refuses such a Query. */
  clash?: string;
}

function splitQuery(partition: AttrValue, filter: Filter | undefined, keyNames: KeyNames, specSort: Condition | undefined): QueryParts {
  const sortName = keyNames.sort;
  const promoted = specSort !== undefined || sortName === undefined ? undefined
    : promote(filter, (c) => isSortCondition(c, sortName));
  const rest = promoted === undefined ? filter : promoted.rest;
  const sort = specSort ?? promoted?.condition;
  const clash = rest === undefined ? undefined
    : usesAttribute(rest, new Set([keyNames.partition, ...(sortName === undefined ? [] : [sortName])]));
  return {
    partition,
    sortPromoted: promoted !== undefined,
    ...(sort === undefined ? {} : { sort }),
    ...(rest === undefined ? {} : { filter: rest }),
    ...(clash === undefined ? {} : { clash }),
  };
}

/** Conditions at the top of an AND group (or a group of one) hold for every item read. */
function promote(filter: Filter | undefined, fits: (c: Condition) => boolean): { condition: Condition; rest: Filter | undefined } | undefined {
  if (filter === undefined) return undefined;
  if (filter.kind === 'condition') return fits(filter) ? { condition: filter, rest: undefined } : undefined;
  if (filter.join !== 'AND' && filter.items.length !== 1) return undefined;
  const at = filter.items.findIndex((item) => item.kind === 'condition' && fits(item));
  if (at < 0) return undefined;
  const items = filter.items.filter((_, i) => i !== at);
  return { condition: filter.items[at] as Condition, rest: items.length === 0 ? undefined : { ...filter, items } };
}

function isPartitionCondition(c: Condition, name: string): boolean {
  return c.path.length === 1 && c.path[0] === name && c.op === '=' && c.values.length === 1 && KEY_TYPES.has(typeOf(c.values[0]!));
}

function isSortCondition(c: Condition, name: string): boolean {
  return c.path.length === 1 && c.path[0] === name && (SORT_KEY_OPS as readonly string[]).includes(c.op)
    && conditionProblem(c) === undefined && c.values.every((v) => KEY_TYPES.has(typeOf(v)));
}
