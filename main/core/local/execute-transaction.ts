/**
 * ExecuteTransaction: 1–100 PartiQL statements, all reads or all writes, as one transaction. The
 * statements become TransactGetItems / TransactWriteItems items and run through that very code
 * (transactions.ts): the same write lock, every condition checked before anything is written,
 * rollback, and CancellationReasons in statement order. An INSERT is a Put on the condition that
 * its key is absent; should that fail, its reason is DuplicateItem, as DynamoDB reports it.
 */
import { CAPACITY } from './capacity';
import type { CompatContext } from './context';
import { DynamoError, validation } from './errors';
import { tableInfo } from './internal-client';
import type { Statement } from './partiql/ast';
import { singleItemGet, singleItemTransactGet } from './partiql/single-item';
import { plan } from './partiql/translate';
import type { Plan, TableInfo } from './partiql/translate';
import { optionalEnum, optionalString } from './request-fields';
import { memberList, parseInput, statementInput } from './statement-input';
import { transactGetItems, transactWrite } from './transactions';
import type { JsonObject } from './wire';

const MAX_STATEMENTS = 100;
const MAX_TOKEN = 36;
const NOT_A_GET = 'Select statements within ExecuteTransaction must specify the primary key in the where clause.';
const INDEX_READ = 'Reads on indices are not supported within transactions.';
const MIXED = 'A transaction must contain only read statements (SELECT) or only write statements (INSERT, UPDATE, DELETE)';
// A transaction answers no items for its writes, so there is nothing to return.
const NO_RETURNING = 'RETURNING is not supported in a transaction';
const DUPLICATE_ITEM = { Code: 'DuplicateItem', Message: 'Duplicate primary key exists in table' };

/** Runs `task`; a validation error it raises is located at statement `i`, as DynamoDB locates it. */
async function at<T>(i: number, task: () => T | Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (err) {
    if (err instanceof DynamoError && err.type === 'ValidationException') {
      throw validation(`Validation failed in TransactStatements[${i}]: ${err.message}`);
    }
    throw err;
  }
}

/** The TransactWriteItems item that performs a planned write. */
function writeItem(p: Plan, onFailure: string | undefined): JsonObject {
  const extra = onFailure === undefined ? {} : { ReturnValuesOnConditionCheckFailure: onFailure };
  if (p.op === 'PutItem') return { Put: { ...p.request, ...extra } };
  if (p.op === 'UpdateItem' || p.op === 'DeleteItem') {
    const { ReturnValues, ...request } = p.request;
    if (ReturnValues !== undefined) throw validation(NO_RETURNING);
    return { [p.op === 'UpdateItem' ? 'Update' : 'Delete']: { ...request, ...extra } };
  }
  // Reads never reach here: the caller sorts them out first.
  throw new DynamoError('InternalServerError', `Unplanned operation ${p.op}`, 500);
}

export async function executeTransaction(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const members = memberList(body, 'TransactStatements', MAX_STATEMENTS);
  const capacity = optionalEnum(body, 'ReturnConsumedCapacity', CAPACITY);
  // Accepted and not remembered (like TransactWriteItems here): a retry applies again.
  const token = optionalString(body, 'ClientRequestToken');
  if (token !== undefined && (token.length < 1 || token.length > MAX_TOKEN)) {
    const bound = token.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_TOKEN}`;
    throw validation(`1 validation error detected: Value '${token}' at 'clientRequestToken' failed to satisfy constraint: Member must have length ${bound}`);
  }
  const inputs = members.map((m, i) => ({
    input: statementInput(m, `transactStatements.${i + 1}.member.statement`),
    onFailure: optionalEnum(m, 'ReturnValuesOnConditionCheckFailure', ['ALL_OLD', 'NONE'] as const),
  }));
  const statements: Statement[] = [];
  for (const [i, { input }] of inputs.entries()) statements.push(await at(i, () => parseInput(input)));
  const reads = statements.filter((s) => s.kind === 'select').length;
  if (reads !== 0 && reads !== statements.length) throw validation(MIXED);

  const infos = new Map<string, Promise<TableInfo>>();
  const infoFor = (table: string): Promise<TableInfo> => {
    let info = infos.get(table);
    if (!info) {
      info = tableInfo(ctx.client, table);
      infos.set(table, info);
    }
    return info;
  };
  const withCapacity = (request: JsonObject): JsonObject => (capacity === undefined ? request : { ...request, ReturnConsumedCapacity: capacity });

  const TransactItems: JsonObject[] = [];
  if (reads !== 0) {
    for (const [i, stmt] of statements.entries()) {
      if (stmt.kind !== 'select') continue;
      const info = await infoFor(stmt.table);
      const get = await at(i, () => {
        if (stmt.index !== undefined) throw validation(INDEX_READ);
        const g = singleItemGet(stmt, info);
        // TransactGetItems reads by key alone: no filter to apply.
        if (!g || g.filter.length) throw validation(NOT_A_GET);
        return g;
      });
      TransactItems.push({ Get: singleItemTransactGet(get) });
    }
    return transactGetItems(ctx, withCapacity({ TransactItems }));
  }

  const inserts = new Set<number>();
  for (const [i, stmt] of statements.entries()) {
    const info = await infoFor(stmt.table);
    TransactItems.push(await at(i, () => writeItem(plan(stmt, info), inputs[i]?.onFailure)));
    if (stmt.kind === 'insert') inserts.add(i);
  }
  return transactWrite(ctx, withCapacity({ TransactItems }), (i) => (inserts.has(i) ? DUPLICATE_ITEM : undefined));
}
