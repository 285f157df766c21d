/**
 * Checks of DynamoDB JSON from a request body (numbers as decimal text, binary as base64), with
 * the errors DynamoDB answers. Conversion to and from the SDK's AttributeValue is in
 * ../dynamodb/wire.
 */
import type { AttrValue, Item } from '../../../preload/dynamodb';
import { canonicalDecimal } from '../dynamodb/wire';
import { DynamoError } from './errors';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const EMPTY = 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes';

function stringArray(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw new DynamoError('SerializationException', 'Expected a list of strings in a set value');
  }
  return value;
}

/** Checks that `value` is one AttributeValue (nested ones included) and returns it typed. */
export function toWireValue(value: unknown): AttrValue {
  if (!isObject(value)) throw new DynamoError('ValidationException', EMPTY);
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new DynamoError('ValidationException', EMPTY);
  const v = value[keys[0] as string];
  switch (keys[0]) {
    case 'S': case 'N': case 'B':
      if (typeof v !== 'string') throw new DynamoError('SerializationException', `Expected a string in ${keys[0]}`);
      return { [keys[0]]: v } as AttrValue;
    case 'BOOL':
      if (typeof v !== 'boolean') throw new DynamoError('SerializationException', 'Expected a boolean in BOOL');
      return { BOOL: v };
    case 'NULL':
      if (v !== true) throw new DynamoError('ValidationException', 'One or more parameter values were invalid: Null attribute value types must have the value of true');
      return { NULL: true };
    case 'SS': return { SS: stringArray(v) };
    case 'NS': return { NS: stringArray(v) };
    case 'BS': return { BS: stringArray(v) };
    case 'L':
      if (!Array.isArray(v)) throw new DynamoError('SerializationException', 'Expected a list in L');
      return { L: v.map(toWireValue) };
    case 'M': return { M: toWireItem(v) };
    default: throw new DynamoError('ValidationException', EMPTY);
  }
}

export function toWireItem(value: unknown): Item {
  if (!isObject(value)) throw new DynamoError('SerializationException', 'Expected a map of attribute values');
  const out: Item = {};
  for (const [k, v] of Object.entries(value)) out[k] = toWireValue(v);
  return out;
}

/**
 * A number's canonical text ("1.50" and "15e-1" → "15e-1"), so keys that DynamoDB treats as equal
 * compare equal here too. Text that is not a number stays as it is: the store refuses it later.
 */
function numberIdentity(text: string): string {
  try {
    return canonicalDecimal(text.trim());
  } catch {
    return text;
  }
}

/** A stable identity for a key: table name plus its attributes in name order. */
export function keyIdentity(table: string, key: Item): string {
  const parts = Object.keys(key).sort().map((name) => {
    const v = key[name] as AttrValue;
    const text = 'N' in v ? `N:${numberIdentity(v.N)}` : 'S' in v ? `S:${v.S}` : 'B' in v ? `B:${v.B}` : JSON.stringify(v);
    return [name, text];
  });
  return JSON.stringify([table, parts]);
}
