import {
  BatchWriteItemCommand, ConditionalCheckFailedException, DeleteItemCommand, GetItemCommand, PutItemCommand,
  TransactWriteItemsCommand, TransactionCanceledException, UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { BatchWriteItemCommandOutput, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { Item, SaveResult } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';
import { DEFAULT_RETRY, pause } from './retry';
import type { RetryPolicy } from './retry';
import { buildCreate, buildExpectedCondition, buildUpdate } from './write-plan';
import { itemFromSdk, itemToSdk, keyOf, sameValue } from './wire';
import type { KeyNames } from './wire';

const conditionFailed = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException || (err instanceof Error && err.name === 'ConditionalCheckFailedException');

export async function getItem(client: DynamoDBClient, table: string, key: Item, consistent = true): Promise<Item | null> {
  const out = await client.send(new GetItemCommand({ TableName: table, Key: itemToSdk(key), ConsistentRead: consistent }));
  return out.Item ? itemFromSdk(out.Item) : null;
}

/** A new item: an item with the same key is a conflict (shown), never replaced. */
export async function createItem(client: DynamoDBClient, table: string, keys: KeyNames, item: Item): Promise<SaveResult> {
  try {
    await client.send(new PutItemCommand(buildCreate(table, keys, item)));
    return { status: 'saved', item };
  } catch (err) {
    if (!conditionFailed(err)) throw err;
    return { status: 'conflict', current: await getItem(client, table, keyOf(item, keys)) };
  }
}

function sameKey(a: Item, b: Item, keys: KeyNames): boolean {
  return [keys.partition, keys.sort].every((n) => !n || (a[n] !== undefined && b[n] !== undefined && sameValue(a[n], b[n])));
}

/**
 * Saves an edited item: the diff as one UpdateItem conditioned on every attribute as loaded, or,
 * when the key changed, a transaction that deletes the old item (same condition) and puts the new
 * one only where no item has that key. A failed condition returns the item as it is now.
 */
export async function saveItem(client: DynamoDBClient, table: string, keys: KeyNames, original: Item, updated: Item): Promise<SaveResult> {
  keyOf(updated, keys); // a clear error when a key attribute is missing or of the wrong type
  if (sameKey(original, updated, keys)) {
    const input = buildUpdate(table, keys, original, updated);
    if (!input) return { status: 'saved', item: original };
    try {
      const out = await client.send(new UpdateItemCommand(input));
      return { status: 'saved', item: out.Attributes ? itemFromSdk(out.Attributes) : updated };
    } catch (err) {
      if (!conditionFailed(err)) throw err;
      return { status: 'conflict', current: await getItem(client, table, keyOf(original, keys)) };
    }
  }
  const expected = buildExpectedCondition(original);
  const put = buildCreate(table, keys, updated);
  try {
    await client.send(new TransactWriteItemsCommand({
      TransactItems: [
        { Delete: { TableName: table, Key: itemToSdk(keyOf(original, keys)), ...expected } },
        {
          Put: {
            TableName: table, Item: put.Item!, ConditionExpression: put.ConditionExpression,
            ExpressionAttributeNames: put.ExpressionAttributeNames,
          },
        },
      ],
    }));
    return { status: 'saved', item: updated };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException || (err instanceof Error && err.name === 'TransactionCanceledException'))) throw err;
    const reasons = (err as TransactionCanceledException).CancellationReasons ?? [];
    if (reasons[1]?.Code === 'ConditionalCheckFailed') {
      throw new AirlockError('ITEM_EXISTS', `an item with the new key already exists in ${table}: nothing was changed`,
        'choose another key, or edit that item instead');
    }
    if (reasons[0]?.Code === 'ConditionalCheckFailed') {
      return { status: 'conflict', current: await getItem(client, table, keyOf(original, keys)) };
    }
    throw err;
  }
}

/** Deletes one item; with `expected`, only if it is still as the user saw it. */
export async function deleteItem(client: DynamoDBClient, table: string, key: Item, expected?: Item):
  Promise<{ status: 'deleted' } | { status: 'conflict'; current: Item | null }> {
  try {
    await client.send(new DeleteItemCommand({ TableName: table, Key: itemToSdk(key), ...(expected ? buildExpectedCondition(expected) : {}) }));
    return { status: 'deleted' };
  } catch (err) {
    if (!conditionFailed(err)) throw err;
    return { status: 'conflict', current: await getItem(client, table, key) };
  }
}

/**
 * Deletes many items with BatchWriteItem (25 per request, a few requests in flight); unprocessed
 * items are retried with backoff, and what is still left after that is reported, never dropped silently.
 */
export async function deleteItems(client: DynamoDBClient, table: string, keys: Item[], policy: RetryPolicy = DEFAULT_RETRY):
  Promise<{ deleted: number; failed: { key: Item; reason: string }[] }> {
  // BatchWriteItem refuses two requests for one key: send each key once.
  const unique = new Map(keys.map((k) => [JSON.stringify(Object.entries(k).sort(([a], [b]) => a.localeCompare(b))), k]));
  const all = [...unique.values()];
  const failed: { key: Item; reason: string }[] = [];
  let deleted = 0;
  const batches: Item[][] = [];
  for (let i = 0; i < all.length; i += 25) batches.push(all.slice(i, i + 25));
  const worker = async (): Promise<void> => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending: WriteRequest[] = batch.map((k) => ({ DeleteRequest: { Key: itemToSdk(k) } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= policy.attempts) {
          failed.push(...pending.map((r) => ({ key: itemFromSdk(r.DeleteRequest!.Key!), reason: `still unprocessed after ${policy.attempts} attempts (throttled)` })));
          break;
        }
        if (attempt > 0) await pause(attempt - 1, policy);
        let out: BatchWriteItemCommandOutput;
        try {
          out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
        } catch (err) {
          const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          failed.push(...pending.map((r) => ({ key: itemFromSdk(r.DeleteRequest!.Key!), reason })));
          break;
        }
        const left = out.UnprocessedItems?.[table] ?? [];
        deleted += pending.length - left.length;
        pending = left;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, batches.length) }, worker));
  return { deleted, failed };
}
