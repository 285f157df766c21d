/**
 * TransactWriteItems and TransactGetItems on top of dynalite, which has neither.
 *
 * Atomicity comes from the write lock: every write through the embedded server (PutItem,
 * UpdateItem, DeleteItem, BatchWriteItem, PartiQL writes, transactions) holds it, so nothing
 * writes between the steps of a transaction. Inside the lock:
 *  1. snapshot every touched item (consistent GetItem);
 *  2. evaluate every condition without changing anything: on an existing item as an UpdateItem
 *     with only that ConditionExpression (no update: the item stays as it is), on a missing item as
 *     a conditional DeleteItem (deleting nothing). dynalite evaluates the condition either way, and
 *     as no two actions touch one item, each condition sees exactly the state the transaction starts from;
 *  3. if a condition failed: TransactionCanceledException with one reason per action, nothing written;
 *  4. else apply the actions in order (with their conditions, which now hold); should one still fail
 *     (a validation error dynalite finds only on write), restore the snapshots of those applied.
 * Reads outside the embedded server's lock (GetItem, Query, Scan) may see a transaction half-way;
 * TransactGetItems takes the lock, so it never does.
 */
import { DeleteItemCommand, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../../preload/dynamodb';
import { itemFromSdk, itemToSdk } from '../dynamodb/wire';
import { CAPACITY, capacityReport } from './capacity';
import type { CompatContext } from './context';
import { DynamoError, isConditionalCheckFailed, toDynamoError, validation } from './errors';
import { sdkValues, tableInfo } from './internal-client';
import type { TableInfo } from './partiql/translate';
import {
  optionalEnum, optionalNames, optionalItem, optionalString, requiredItem, requiredString,
} from './request-fields';
import { isObject, keyIdentity } from './wire';
import type { JsonObject } from './wire';

const MAX_ACTIONS = 100;
const ACTION_KINDS = ['ConditionCheck', 'Put', 'Update', 'Delete'] as const;
type ActionKind = typeof ACTION_KINDS[number];

interface WriteAction {
  kind: ActionKind;
  table: string;
  key: Item;
  item?: Item;
  updateExpression?: string;
  condition?: string;
  names?: Record<string, string>;
  values?: Item;
  returnOldOnFailure: boolean;
}

interface Reason {
  Code: string;
  Message?: string;
  Item?: Item;
}

/** Why action `index` failed its condition: ConditionalCheckFailed unless the caller says otherwise. */
export type ConditionFailure = (index: number) => { Code: string; Message: string } | undefined;

const CONDITION_FAILED = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };

function transactItems(body: JsonObject): JsonObject[] {
  const items = body.TransactItems;
  if (items === undefined || items === null) {
    throw validation('1 validation error detected: Value null at \'transactItems\' failed to satisfy constraint: Member must not be null');
  }
  if (!Array.isArray(items)) throw new DynamoError('SerializationException', 'Expected a list for TransactItems');
  if (items.length < 1 || items.length > MAX_ACTIONS) {
    const bound = items.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_ACTIONS}`;
    throw validation(`1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return items.map((it) => {
    if (!isObject(it)) throw new DynamoError('SerializationException', 'Expected an object in TransactItems');
    return it;
  });
}

/** The key of an item under a table's key schema. */
function keyOfItem(item: Item, info: TableInfo): Item {
  const key: Item = {};
  for (const name of [info.key.partition, info.key.sort]) {
    if (name === undefined) continue;
    const v = item[name];
    if (v === undefined) throw validation(`One or more parameter values were invalid: Missing the key ${name} in the item`);
    key[name] = v;
  }
  return key;
}

async function infoFor(ctx: CompatContext, cache: Map<string, TableInfo>, table: string): Promise<TableInfo> {
  let info = cache.get(table);
  if (!info) {
    info = await tableInfo(ctx.client, table);
    cache.set(table, info);
  }
  return info;
}

async function parseWriteActions(ctx: CompatContext, body: JsonObject): Promise<WriteAction[]> {
  const cache = new Map<string, TableInfo>();
  const seen = new Set<string>();
  const actions: WriteAction[] = [];
  for (const entry of transactItems(body)) {
    const kinds = ACTION_KINDS.filter((k) => entry[k] !== undefined && entry[k] !== null);
    const kind = kinds[0];
    const raw = kind === undefined ? undefined : entry[kind];
    if (kinds.length !== 1 || kind === undefined || !isObject(raw)) {
      throw validation('TransactItems can only contain one of Check, Put, Update or Delete');
    }
    const table = requiredString(raw, 'TableName');
    const item = kind === 'Put' ? requiredItem(raw, 'Item') : undefined;
    const key = item ? keyOfItem(item, await infoFor(ctx, cache, table)) : requiredItem(raw, 'Key');
    const action: WriteAction = {
      kind,
      table,
      key,
      returnOldOnFailure: optionalEnum(raw, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE'] as const) === 'ALL_OLD',
    };
    if (item) action.item = item;
    const condition = optionalString(raw, 'ConditionExpression');
    if (kind === 'ConditionCheck' && condition === undefined) requiredString(raw, 'ConditionExpression');
    if (condition !== undefined) action.condition = condition;
    if (kind === 'Update') action.updateExpression = requiredString(raw, 'UpdateExpression');
    const names = optionalNames(raw, 'ExpressionAttributeNames');
    if (names) action.names = names;
    const values = optionalItem(raw, 'ExpressionAttributeValues');
    if (values) action.values = values;
    const id = keyIdentity(table, key);
    if (seen.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    actions.push(action);
  }
  return actions;
}

/** Only the placeholders an expression uses (dynalite rejects unused ones). */
function pick<T>(map: Record<string, T> | undefined, expression: string, sigil: string): Record<string, T> | undefined {
  if (!map) return undefined;
  const used = new Set(expression.match(new RegExp(`${sigil}[A-Za-z0-9_]+`, 'g')) ?? []);
  const out = Object.fromEntries(Object.entries(map).filter(([k]) => used.has(k)));
  return Object.keys(out).length ? out : undefined;
}

async function snapshot(ctx: CompatContext, table: string, key: Item): Promise<Record<string, AttributeValue> | undefined> {
  const out = await ctx.client.send(new GetItemCommand({ TableName: table, Key: itemToSdk(key), ConsistentRead: true }));
  return out.Item;
}

/** Does the action's condition hold on the current item? Evaluated by dynalite, writing nothing. */
async function conditionHolds(ctx: CompatContext, a: WriteAction, exists: boolean): Promise<boolean> {
  if (a.condition === undefined) return true;
  const input = {
    TableName: a.table,
    Key: itemToSdk(a.key),
    ConditionExpression: a.condition,
    ExpressionAttributeNames: pick(a.names, a.condition, '#'),
    ExpressionAttributeValues: sdkValues(pick(a.values, a.condition, ':')),
  };
  try {
    await ctx.client.send(exists ? new UpdateItemCommand(input) : new DeleteItemCommand(input));
    return true;
  } catch (err) {
    if (isConditionalCheckFailed(err)) return false;
    throw err;
  }
}

async function apply(ctx: CompatContext, a: WriteAction): Promise<ConsumedCapacity | undefined> {
  const common = {
    TableName: a.table,
    ConditionExpression: a.condition,
    ExpressionAttributeNames: a.names,
    ExpressionAttributeValues: sdkValues(a.values),
    ReturnConsumedCapacity: 'TOTAL' as const,
  };
  if (a.kind === 'Put') return (await ctx.client.send(new PutItemCommand({ ...common, Item: itemToSdk(a.item ?? {}) }))).ConsumedCapacity;
  if (a.kind === 'Delete') return (await ctx.client.send(new DeleteItemCommand({ ...common, Key: itemToSdk(a.key) }))).ConsumedCapacity;
  if (a.kind === 'Update') {
    const input = { ...common, Key: itemToSdk(a.key), UpdateExpression: a.updateExpression };
    return (await ctx.client.send(new UpdateItemCommand(input))).ConsumedCapacity;
  }
  return undefined;
}

const RESTORE_ATTEMPTS = 3;

/** Puts back an item as it was; retried, since a restore that fails would leave half a transaction. */
async function restore(ctx: CompatContext, a: WriteAction, before: Record<string, AttributeValue> | undefined): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (before) await ctx.client.send(new PutItemCommand({ TableName: a.table, Item: before }));
      else await ctx.client.send(new DeleteItemCommand({ TableName: a.table, Key: itemToSdk(a.key) }));
      return;
    } catch (err) {
      if (attempt >= RESTORE_ATTEMPTS) throw err;
    }
  }
}

function cancelled(reasons: Reason[]): DynamoError {
  const codes = reasons.map((r) => r.Code).join(', ');
  return new DynamoError(
    'TransactionCanceledException',
    `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`,
    400,
    { CancellationReasons: reasons },
  );
}

// Transactional operations cost double.
const TRANSACTIONAL = 2;

export function transactWriteItems(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  return transactWrite(ctx, body);
}

/**
 * TransactWriteItems with a say in the cancellation code of a failed condition (ExecuteTransaction's
 * INSERT reports DuplicateItem, not ConditionalCheckFailed); otherwise the very same transaction.
 */
export async function transactWrite(ctx: CompatContext, body: JsonObject, failure: ConditionFailure = () => undefined): Promise<JsonObject> {
  const capacityMode = optionalEnum(body, 'ReturnConsumedCapacity', CAPACITY);
  optionalEnum(body, 'ReturnItemCollectionMetrics', ['SIZE', 'NONE'] as const);
  // ClientRequestToken (idempotency) is accepted and not remembered: a retry applies again.
  optionalString(body, 'ClientRequestToken');
  const actions = await parseWriteActions(ctx, body);

  return ctx.writeLock.run(async () => {
    const before = await Promise.all(actions.map((a) => snapshot(ctx, a.table, a.key)));
    const reasons: Reason[] = [];
    for (const [i, a] of actions.entries()) {
      const current = before[i];
      if (await conditionHolds(ctx, a, current !== undefined)) {
        reasons.push({ Code: 'None' });
      } else {
        const reason: Reason = { ...(failure(i) ?? CONDITION_FAILED) };
        if (a.returnOldOnFailure && current) reason.Item = itemFromSdk(current);
        reasons.push(reason);
      }
    }
    if (reasons.some((r) => r.Code !== 'None')) throw cancelled(reasons);

    const used: { table: string; units: number }[] = [];
    let applied = 0;
    try {
      for (const a of actions) {
        const consumed = await apply(ctx, a);
        applied += 1;
        used.push({ table: a.table, units: consumed?.CapacityUnits ?? (a.kind === 'ConditionCheck' ? 1 : 0) });
      }
    } catch (err) {
      for (let i = applied - 1; i >= 0; i -= 1) await restore(ctx, actions[i] as WriteAction, before[i]);
      // Nothing else wrote in between, so a failed condition here would be a bug; report it as AWS would.
      if (isConditionalCheckFailed(err)) {
        throw cancelled(actions.map((_, i) => (i === applied ? { ...(failure(i) ?? CONDITION_FAILED) } : { Code: 'None' })));
      }
      throw toDynamoError(err);
    }
    return capacityReport(capacityMode, used, TRANSACTIONAL);
  });
}

export async function transactGetItems(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const capacityMode = optionalEnum(body, 'ReturnConsumedCapacity', CAPACITY);
  const seen = new Set<string>();
  const gets = transactItems(body).map((entry) => {
    const get = entry.Get;
    if (!isObject(get) || Object.keys(entry).length !== 1) throw validation('TransactItems can only contain Get');
    const table = requiredString(get, 'TableName');
    const key = requiredItem(get, 'Key');
    const id = keyIdentity(table, key);
    if (seen.has(id)) throw validation('Transaction request cannot include multiple operations on one item');
    seen.add(id);
    return {
      TableName: table,
      Key: itemToSdk(key),
      ProjectionExpression: optionalString(get, 'ProjectionExpression'),
      ExpressionAttributeNames: optionalNames(get, 'ExpressionAttributeNames'),
    };
  });
  // Under the write lock: the items are read as of one moment, never half-way through a transaction.
  const results = await ctx.writeLock.run(() =>
    Promise.all(gets.map((g) => ctx.client.send(new GetItemCommand({ ...g, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' })))));
  return {
    Responses: results.map((r) => (r.Item ? { Item: itemFromSdk(r.Item) } : {})),
    ...capacityReport(capacityMode, results.map((r, i) => ({ table: gets[i]?.TableName ?? '', units: r.ConsumedCapacity?.CapacityUnits ?? 0 })), TRANSACTIONAL),
  };
}
