/**
 * Writes from the item editor, each guarded by a condition so a save never overwrites what someone
 * else changed since the item was loaded (optimistic concurrency without a version attribute).
 */
import type { AttributeValue, PutItemCommandInput, UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';
import { Placeholders } from './conditions';
import type { KeyNames } from './wire';
import { itemToSdk, keyOf, sameValue } from './wire';

export interface ExpectedCondition {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, AttributeValue>;
}

/**
 * "Every attribute still has the value it had": `#a = :v` compares any type in DynamoDB (sets as
 * sets, lists and maps deeply), and a deleted item fails it too since its key attributes are gone.
 */
function expectedCondition(original: Item, alloc: Placeholders): string {
  const names = Object.keys(original);
  if (names.length === 0) throw new AirlockError('BAD_ITEM', 'The original item has no attributes to compare with');
  return names.map((name) => `${alloc.name(name)} = ${alloc.value(original[name]!)}`).join(' AND ');
}

/** The condition alone: for a conditional DeleteItem or a transaction's Delete. */
export function buildExpectedCondition(original: Item): ExpectedCondition {
  const alloc = new Placeholders();
  const ConditionExpression = expectedCondition(original, alloc);
  return { ConditionExpression, ExpressionAttributeNames: alloc.attributeNames ?? {}, ExpressionAttributeValues: alloc.attributeValues ?? {} };
}

/**
 * The diff from `original` to `updated` as one conditional UpdateItem; undefined when nothing
 * changed. A changed key is a different item: the caller writes a Put + Delete transaction instead.
 */
export function buildUpdate(table: string, keyNames: KeyNames, original: Item, updated: Item): UpdateItemCommandInput | undefined {
  const key = keyOf(original, keyNames);
  const newKey = keyOf(updated, keyNames);
  const changed = Object.keys(key).find((name) => !sameValue(key[name]!, newKey[name]!));
  if (changed !== undefined) {
    throw new AirlockError('KEY_CHANGED', `The key attribute ${changed} changed: that is a new item, not an update`);
  }
  const alloc = new Placeholders();
  const sets: string[] = [];
  for (const [name, value] of Object.entries(updated)) {
    const before = original[name];
    if (before !== undefined && sameValue(before, value)) continue;
    sets.push(`${alloc.name(name)} = ${alloc.value(value)}`);
  }
  const removes = Object.keys(original).filter((name) => !Object.hasOwn(updated, name)).map((name) => alloc.name(name));
  if (sets.length === 0 && removes.length === 0) return undefined;
  const clauses = [...(sets.length ? [`SET ${sets.join(', ')}`] : []), ...(removes.length ? [`REMOVE ${removes.join(', ')}`] : [])];
  const ConditionExpression = expectedCondition(original, alloc);
  return {
    TableName: table,
    Key: itemToSdk(key),
    UpdateExpression: clauses.join(' '),
    ConditionExpression,
    ExpressionAttributeNames: alloc.attributeNames,
    ExpressionAttributeValues: alloc.attributeValues,
    ReturnValues: 'ALL_NEW',
    // On a conflict DynamoDB hands back the current item, so the editor can show it without a read.
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

/** A new item that must not overwrite an existing one with the same key. */
export function buildCreate(table: string, keyNames: KeyNames, item: Item): PutItemCommandInput {
  keyOf(item, keyNames);
  return {
    TableName: table,
    Item: itemToSdk(item),
    ConditionExpression: 'attribute_not_exists(#n0)',
    ExpressionAttributeNames: { '#n0': keyNames.partition },
  };
}
