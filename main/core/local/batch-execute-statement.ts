/**
 * BatchExecuteStatement: 1–25 PartiQL statements, all reads (single-item gets) or all writes, each
 * run on its own in order. A statement that fails answers an Error in its slot and the others still
 * run, so the response is 200 unless the request as a whole is malformed (or mixes reads and
 * writes). Not a transaction: each write holds the write lock only for itself.
 */
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { itemFromSdk, itemToSdk } from '../dynamodb/wire';
import { CAPACITY, capacityReport } from './capacity';
import type { CapacityMode, TableUse } from './capacity';
import type { CompatContext } from './context';
import { DynamoError, isConditionalCheckFailed, toDynamoError, validation } from './errors';
import { applyWrite } from './execute-statement';
import type { WriteResult } from './execute-statement';
import { sdkValues, tableInfo } from './internal-client';
import type { Statement } from './partiql/ast';
import { singleItemGet, singleItemQuery } from './partiql/single-item';
import { plan } from './partiql/translate';
import type { Plan } from './partiql/translate';
import { optionalBoolean, optionalEnum } from './request-fields';
import { memberList, parseInput, statementInput } from './statement-input';
import type { JsonObject } from './wire';

const MAX_STATEMENTS = 25;
const NOT_A_GET = 'Select statements within BatchExecuteStatement must specify the primary key in the where clause.';
const MIXED = 'A batch must contain only read statements (SELECT) or only write statements (INSERT, UPDATE, DELETE)';

/** DynamoDB's exception names → the codes a batch slot reports them by; anything else is InternalServerError. */
const ERROR_CODES: Record<string, string> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailed',
  DuplicateItemException: 'DuplicateItem',
  ValidationException: 'ValidationError',
  ResourceNotFoundException: 'ResourceNotFound',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceeded',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceeded',
  RequestLimitExceeded: 'RequestLimitExceeded',
  TransactionConflictException: 'TransactionConflict',
  ThrottlingException: 'ThrottlingError',
  AccessDeniedException: 'AccessDenied',
};

interface Member {
  /** The parsed statement, or why it did not parse (an error of its slot, not of the request). */
  parsed: Statement | DynamoError;
  consistent: boolean | undefined;
  returnOldOnFailure: boolean;
}

function readMember(body: JsonObject, i: number): Member {
  const input = statementInput(body, `statements.${i + 1}.member.statement`);
  const consistent = optionalBoolean(body, 'ConsistentRead');
  const returnOldOnFailure = optionalEnum(body, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE'] as const) === 'ALL_OLD';
  let parsed: Statement | DynamoError;
  try {
    parsed = parseInput(input);
  } catch (err) {
    parsed = toDynamoError(err);
  }
  return { parsed, consistent, returnOldOnFailure };
}

/**
 * `table` is named once the statement ran against it; a statement refused before it ran (does
 * not parse, unknown table, not a single-item get) answers only its Error.
 */
function failed(err: DynamoError, table: string | undefined): JsonObject {
  const error: JsonObject = { Code: ERROR_CODES[err.type] ?? 'InternalServerError', Message: err.message };
  if (err.extra.Item !== undefined) error.Item = err.extra.Item;
  return { ...(table === undefined ? {} : { TableName: table }), Error: error };
}

/**
 * A write under the lock. With ReturnValuesOnConditionCheckFailure ALL_OLD a failed condition
 * carries the item it failed on, read before the lock lets anything else change it.
 */
async function write(ctx: CompatContext, p: Plan, returnOld: boolean, capacity: CapacityMode | undefined): Promise<WriteResult> {
  try {
    return await applyWrite(ctx, p, capacity);
  } catch (err) {
    if (!returnOld || !isConditionalCheckFailed(err) || (p.op !== 'UpdateItem' && p.op !== 'DeleteItem')) throw err;
    const current = await ctx.client.send(new GetItemCommand({ TableName: p.request.TableName, Key: itemToSdk(p.request.Key), ConsistentRead: true }));
    if (!current.Item) throw err;
    throw new DynamoError('ConditionalCheckFailedException', (err as Error).message, 400, { Item: itemFromSdk(current.Item) });
  }
}

async function runMember(ctx: CompatContext, m: Member, capacity: CapacityMode | undefined, used: TableUse[]): Promise<JsonObject> {
  if (m.parsed instanceof DynamoError) return failed(m.parsed, undefined);
  const stmt = m.parsed;
  const track = capacity === 'TOTAL' || capacity === 'INDEXES' ? 'TOTAL' : undefined;
  const record = (c: ConsumedCapacity | undefined): void => {
    if (track) used.push({ table: stmt.table, units: c?.CapacityUnits ?? 0 });
  };
  let ran = false;
  try {
    const info = await tableInfo(ctx.client, stmt.table);
    if (stmt.kind === 'select') {
      const get = singleItemGet(stmt, info);
      if (!get) throw validation(NOT_A_GET);
      ran = true;
      const q = singleItemQuery(get);
      const out = await ctx.client.send(new QueryCommand({
        ...q, ExpressionAttributeValues: sdkValues(q.ExpressionAttributeValues), ConsistentRead: m.consistent, ReturnConsumedCapacity: track,
      }));
      record(out.ConsumedCapacity);
      const item = out.Items?.[0];
      return { TableName: stmt.table, ...(item ? { Item: itemFromSdk(item) } : {}) };
    }
    const p = plan(stmt, info);
    ran = true;
    const out = await ctx.writeLock.run(() => write(ctx, p, m.returnOldOnFailure, track));
    record(out.consumed);
    return { TableName: stmt.table };
  } catch (err) {
    return failed(toDynamoError(err), ran ? stmt.table : undefined);
  }
}

export async function batchExecuteStatement(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const members = memberList(body, 'Statements', MAX_STATEMENTS).map(readMember);
  const capacity = optionalEnum(body, 'ReturnConsumedCapacity', CAPACITY);
  const kinds = new Set(members.flatMap((m) => (m.parsed instanceof DynamoError ? [] : [m.parsed.kind === 'select'])));
  if (kinds.size > 1) throw validation(MIXED);

  const used: TableUse[] = [];
  const Responses: JsonObject[] = [];
  // In order, one at a time: a later statement sees what an earlier one wrote.
  for (const m of members) Responses.push(await runMember(ctx, m, capacity, used));
  return { Responses, ...capacityReport(capacity, used) };
}
