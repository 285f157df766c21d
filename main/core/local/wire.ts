/**
 * DynamoDB JSON as it travels on the wire (numbers as decimal text, binary as base64) and the
 * conversions to and from the SDK's shapes (binary as bytes), so nothing is lost in between.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoError } from './errors';

export type WireValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: WireValue[] }
  | { M: WireItem };

/** An item or a key: attribute name → value. */
export type WireItem = Record<string, WireValue>;

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
export function toWireValue(value: unknown): WireValue {
  if (!isObject(value)) throw new DynamoError('ValidationException', EMPTY);
  const keys = Object.keys(value);
  if (keys.length !== 1) throw new DynamoError('ValidationException', EMPTY);
  const v = value[keys[0] as string];
  switch (keys[0]) {
    case 'S': case 'N': case 'B':
      if (typeof v !== 'string') throw new DynamoError('SerializationException', `Expected a string in ${keys[0]}`);
      return { [keys[0]]: v } as WireValue;
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

export function toWireItem(value: unknown): WireItem {
  if (!isObject(value)) throw new DynamoError('SerializationException', 'Expected a map of attribute values');
  const out: WireItem = {};
  for (const [k, v] of Object.entries(value)) out[k] = toWireValue(v);
  return out;
}

const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));
const toBase64 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64');

export function wireToSdk(value: WireValue): AttributeValue {
  if ('S' in value) return { S: value.S };
  if ('N' in value) return { N: value.N };
  if ('B' in value) return { B: fromBase64(value.B) };
  if ('BOOL' in value) return { BOOL: value.BOOL };
  if ('NULL' in value) return { NULL: true };
  if ('SS' in value) return { SS: value.SS };
  if ('NS' in value) return { NS: value.NS };
  if ('BS' in value) return { BS: value.BS.map(fromBase64) };
  if ('L' in value) return { L: value.L.map(wireToSdk) };
  return { M: wireItemToSdk(value.M) };
}

export function wireItemToSdk(item: WireItem): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(item)) out[k] = wireToSdk(v);
  return out;
}

export function sdkToWire(value: AttributeValue): WireValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: value.SS };
  if (value.NS !== undefined) return { NS: value.NS };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.L !== undefined) return { L: value.L.map(sdkToWire) };
  if (value.M !== undefined) return { M: sdkItemToWire(value.M) };
  throw new DynamoError('InternalServerError', 'Unknown attribute value type from the store', 500);
}

export function sdkItemToWire(item: Record<string, AttributeValue>): WireItem {
  const out: WireItem = {};
  for (const [k, v] of Object.entries(item)) out[k] = sdkToWire(v);
  return out;
}

/**
 * A number's canonical text ("1.50" and "15e-1" → "15e-1"), so keys that DynamoDB treats as equal
 * compare equal here too. Works on the text: never through a float.
 */
export function canonicalNumber(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return text;
  const digits = `${m[2] ?? ''}${m[3] ?? ''}`;
  let exp = Number(m[4] ?? '0') - (m[3] ?? '').length;
  const lead = digits.replace(/^0+/, '');
  if (lead === '') return '0';
  const trimmed = lead.replace(/0+$/, '');
  exp += lead.length - trimmed.length;
  return `${m[1] === '-' ? '-' : ''}${trimmed}e${exp}`;
}

/** A stable identity for a key: table name plus its attributes in name order. */
export function keyIdentity(table: string, key: WireItem): string {
  const parts = Object.keys(key).sort().map((name) => {
    const v = key[name] as WireValue;
    const text = 'N' in v ? `N:${canonicalNumber(v.N)}` : 'S' in v ? `S:${v.S}` : 'B' in v ? `B:${v.B}` : JSON.stringify(v);
    return [name, text];
  });
  return JSON.stringify([table, parts]);
}
