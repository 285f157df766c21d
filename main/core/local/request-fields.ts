/** Reading fields of a JSON request body, failing with DynamoDB's validation wording. */
import type { Item } from '../../../preload/dynamodb';
import { DynamoError, validation } from './errors';
import { isObject, toWireItem } from './wire';
import type { JsonObject } from './wire';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

const typeError = (field: string, expected: string): DynamoError =>
  new DynamoError('SerializationException', `Expected ${expected} for ${field}`);

export function requiredString(body: JsonObject, field: string): string {
  const v = body[field];
  if (v === undefined || v === null) {
    throw validation(`1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`);
  }
  if (typeof v !== 'string') throw typeError(field, 'a string');
  return v;
}

export function optionalString(body: JsonObject, field: string): string | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw typeError(field, 'a string');
  return v;
}

export function optionalBoolean(body: JsonObject, field: string): boolean | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw typeError(field, 'a boolean');
  return v;
}

export function optionalInteger(body: JsonObject, field: string, min: number): number | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw typeError(field, 'an integer');
  if (v < min) {
    throw validation(`1 validation error detected: Value '${v}' at '${lowerFirst(field)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  }
  return v;
}

export function optionalObject(body: JsonObject, field: string): JsonObject | undefined {
  const v = body[field];
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw typeError(field, 'an object');
  return v;
}

export function requiredObject(body: JsonObject, field: string): JsonObject {
  const v = optionalObject(body, field);
  if (v === undefined) {
    throw validation(`1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

export function optionalNames(body: JsonObject, field: string): Record<string, string> | undefined {
  const v = optionalObject(body, field);
  if (v === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, name] of Object.entries(v)) {
    if (typeof name !== 'string') throw typeError(`${field}.${k}`, 'a string');
    out[k] = name;
  }
  return out;
}

export function optionalItem(body: JsonObject, field: string): Item | undefined {
  const v = body[field];
  return v === undefined || v === null ? undefined : toWireItem(v);
}

export function requiredItem(body: JsonObject, field: string): Item {
  const v = optionalItem(body, field);
  if (v === undefined) {
    throw validation(`1 validation error detected: Value null at '${lowerFirst(field)}' failed to satisfy constraint: Member must not be null`);
  }
  return v;
}

export function optionalEnum<T extends string>(body: JsonObject, field: string, allowed: readonly T[]): T | undefined {
  const v = optionalString(body, field);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) {
    throw validation(`1 validation error detected: Value '${v}' at '${lowerFirst(field)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`);
  }
  return v as T;
}
