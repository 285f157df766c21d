/**
 * One PartiQL statement of a request (ExecuteStatement, a BatchExecuteStatement or ExecuteTransaction
 * member): its text and `?` parameters, checked as DynamoDB checks the request, then parsed.
 */
import type { AttrValue } from '../../../preload/dynamodb';
import { DynamoError, validation } from './errors';
import type { Statement } from './partiql/ast';
import { parseStatement } from './partiql/parser';
import { requiredString } from './request-fields';
import { isObject, toWireValue } from './wire';
import type { JsonObject } from './wire';

const MAX_STATEMENT = 8192;

export interface StatementInput {
  text: string;
  params: AttrValue[];
}

/** `at` names the member in validation messages ('statement', 'statements.1.member.statement'). */
export function statementInput(body: JsonObject, at: string): StatementInput {
  const text = requiredString(body, 'Statement');
  if (text.length < 1 || text.length > MAX_STATEMENT) {
    const bound = text.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_STATEMENT}`;
    throw validation(`1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must have length ${bound}`);
  }
  const raw = body.Parameters;
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) {
    throw new DynamoError('SerializationException', 'Expected a list for Parameters');
  }
  return { text, params: Array.isArray(raw) ? raw.map(toWireValue) : [] };
}

/** Parses; a statement DynamoDB would not accept is a ValidationException. */
export function parseInput(input: StatementInput): Statement {
  try {
    return parseStatement(input.text, input.params);
  } catch (err) {
    if (err instanceof Error && err.name === 'ValidationException') throw validation(err.message);
    throw err;
  }
}

/** The members of a list field (Statements, TransactStatements), with DynamoDB's length limits. */
export function memberList(body: JsonObject, field: string, max: number): JsonObject[] {
  const at = field.charAt(0).toLowerCase() + field.slice(1);
  const list = body[field];
  if (list === undefined || list === null) {
    throw validation(`1 validation error detected: Value null at '${at}' failed to satisfy constraint: Member must not be null`);
  }
  if (!Array.isArray(list)) throw new DynamoError('SerializationException', `Expected a list for ${field}`);
  if (list.length < 1 || list.length > max) {
    const bound = list.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${max}`;
    throw validation(`1 validation error detected: Value at '${at}' failed to satisfy constraint: Member must have length ${bound}`);
  }
  return list.map((m) => {
    if (!isObject(m)) throw new DynamoError('SerializationException', `Expected an object in ${field}`);
    return m;
  });
}
