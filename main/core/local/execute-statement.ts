/**
 * ExecuteStatement: parse the PartiQL statement, plan the one DynamoDB request that performs it,
 * and run that request against dynalite. Writes hold the write lock like every other write.
 */
import { DeleteItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../../preload/dynamodb';
import { itemFromSdk, itemToSdk } from '../dynamodb/wire';
import { CAPACITY } from './capacity';
import type { CapacityMode } from './capacity';
import type { CompatContext } from './context';
import { DynamoError, isConditionalCheckFailed, validation } from './errors';
import { sdkValues, tableInfo } from './internal-client';
import type { Statement } from './partiql/ast';
import { plan } from './partiql/translate';
import type { Plan, ReadRequest } from './partiql/translate';
import { optionalBoolean, optionalEnum, optionalInteger, optionalString } from './request-fields';
import { parseInput, statementInput } from './statement-input';
import { toWireItem } from './wire';
import type { JsonObject } from './wire';

interface Options {
  limit?: number;
  nextToken?: string;
  consistent?: boolean;
  capacity?: CapacityMode;
}

/** NextToken is opaque to clients: base64 of the LastEvaluatedKey in DynamoDB JSON. */
export function encodeNextToken(key: Record<string, AttributeValue>): string {
  return Buffer.from(JSON.stringify(itemFromSdk(key))).toString('base64');
}

export function decodeNextToken(token: string): Record<string, AttributeValue> {
  try {
    return itemToSdk(toWireItem(JSON.parse(Buffer.from(token, 'base64').toString('utf8'))));
  } catch {
    throw validation('The provided NextToken is not valid');
  }
}

const capacityOf = (c: ConsumedCapacity | undefined): JsonObject => (c ? { ConsumedCapacity: c } : {});

async function read(ctx: CompatContext, op: 'Query' | 'Scan', request: ReadRequest, o: Options): Promise<JsonObject> {
  const input = {
    ...request,
    ExpressionAttributeValues: sdkValues(request.ExpressionAttributeValues),
    Limit: o.limit,
    ConsistentRead: o.consistent,
    ReturnConsumedCapacity: o.capacity,
    ExclusiveStartKey: o.nextToken === undefined ? undefined : decodeNextToken(o.nextToken),
  };
  const out = op === 'Query' ? await ctx.client.send(new QueryCommand(input)) : await ctx.client.send(new ScanCommand(input));
  return {
    Items: (out.Items ?? []).map(itemFromSdk),
    ...(out.LastEvaluatedKey ? { NextToken: encodeNextToken(out.LastEvaluatedKey) } : {}),
    ...capacityOf(out.ConsumedCapacity),
  };
}

/** What a write returned: the RETURNING item, if any, and the capacity it used. */
export interface WriteResult {
  items: Item[];
  consumed?: ConsumedCapacity;
}

/**
 * Performs a planned write. The caller holds the write lock. An INSERT whose key exists is
 * DuplicateItemException, as DynamoDB answers it.
 */
export async function applyWrite(ctx: CompatContext, p: Plan, capacity: CapacityMode | undefined): Promise<WriteResult> {
  const ReturnConsumedCapacity = capacity;
  const result = (attributes: Record<string, AttributeValue> | undefined, consumed: ConsumedCapacity | undefined): WriteResult => ({
    items: attributes ? [itemFromSdk(attributes)] : [],
    ...(consumed ? { consumed } : {}),
  });
  if (p.op === 'PutItem') {
    const r = p.request;
    try {
      const out = await ctx.client.send(new PutItemCommand({
        ...r, Item: itemToSdk(r.Item), ExpressionAttributeValues: sdkValues(r.ExpressionAttributeValues), ReturnConsumedCapacity,
      }));
      return result(undefined, out.ConsumedCapacity);
    } catch (err) {
      if (isConditionalCheckFailed(err)) throw new DynamoError('DuplicateItemException', 'Duplicate primary key exists in table');
      throw err;
    }
  }
  if (p.op === 'UpdateItem') {
    const r = p.request;
    const out = await ctx.client.send(new UpdateItemCommand({
      ...r,
      Key: itemToSdk(r.Key),
      ExpressionAttributeValues: sdkValues(r.ExpressionAttributeValues),
      ReturnValues: r.ReturnValues as 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW' | undefined,
      ReturnConsumedCapacity,
    }));
    return result(out.Attributes, out.ConsumedCapacity);
  }
  if (p.op !== 'DeleteItem') throw new DynamoError('InternalServerError', `Unplanned operation ${p.op}`, 500);
  const r = p.request;
  const out = await ctx.client.send(new DeleteItemCommand({
    ...r,
    Key: itemToSdk(r.Key),
    ExpressionAttributeValues: sdkValues(r.ExpressionAttributeValues),
    ReturnValues: r.ReturnValues as 'ALL_OLD' | undefined,
    ReturnConsumedCapacity,
  }));
  return result(out.Attributes, out.ConsumedCapacity);
}

async function run(ctx: CompatContext, stmt: Statement, o: Options): Promise<JsonObject> {
  const p = plan(stmt, await tableInfo(ctx.client, stmt.table));
  if (p.op === 'Query' || p.op === 'Scan') return read(ctx, p.op, p.request, o);
  const out = await ctx.writeLock.run(() => applyWrite(ctx, p, o.capacity));
  return { Items: out.items, ...capacityOf(out.consumed) };
}

export async function executeStatement(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const input = statementInput(body, 'statement');
  const o: Options = {};
  const limit = optionalInteger(body, 'Limit', 1);
  if (limit !== undefined) o.limit = limit;
  const nextToken = optionalString(body, 'NextToken');
  if (nextToken !== undefined) o.nextToken = nextToken;
  const consistent = optionalBoolean(body, 'ConsistentRead');
  if (consistent !== undefined) o.consistent = consistent;
  const capacity = optionalEnum(body, 'ReturnConsumedCapacity', CAPACITY);
  if (capacity !== undefined) o.capacity = capacity;
  optionalEnum(body, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE'] as const);
  return run(ctx, parseInput(input), o);
}
