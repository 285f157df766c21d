/**
 * DynamoDB JSON for files (what `aws dynamodb scan` prints: N as decimal text, B as base64),
 * to and from the SDK's AttributeValue, and checks of values read from a file with reasons a
 * user can act on. Private to export/import: numbers are never parsed, only checked.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttrValue, Item } from '../../../preload/dynamodb';

export type SdkItem = Record<string, AttributeValue>;

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** DynamoDB nests at most 32 levels; deeper input is rejected here rather than by the service. */
const MAX_DEPTH = 32;

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function toWire(v: AttributeValue): AttrValue {
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.B !== undefined) return { B: base64(v.B) };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  if (v.NULL !== undefined) return { NULL: true };
  if (v.SS !== undefined) return { SS: v.SS };
  if (v.NS !== undefined) return { NS: v.NS };
  if (v.BS !== undefined) return { BS: v.BS.map(base64) };
  if (v.L !== undefined) return { L: v.L.map(toWire) };
  if (v.M !== undefined) return { M: toWireItem(v.M) };
  throw new Error(`unsupported attribute value: ${Object.keys(v).join(',')}`);
}

export function toWireItem(item: SdkItem): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(item)) out[name] = toWire(value);
  return out;
}

export function fromWire(v: AttrValue): AttributeValue {
  if ('S' in v) return { S: v.S };
  if ('N' in v) return { N: v.N };
  if ('B' in v) return { B: Buffer.from(v.B, 'base64') };
  if ('BOOL' in v) return { BOOL: v.BOOL };
  if ('NULL' in v) return { NULL: true };
  if ('SS' in v) return { SS: v.SS };
  if ('NS' in v) return { NS: v.NS };
  if ('BS' in v) return { BS: v.BS.map((b) => Buffer.from(b, 'base64')) };
  if ('L' in v) return { L: v.L.map(fromWire) };
  return { M: fromWireItem(v.M) };
}

export function fromWireItem(item: Item): SdkItem {
  const out: SdkItem = {};
  for (const [name, value] of Object.entries(item)) out[name] = fromWire(value);
  return out;
}

export function typeOf(v: AttrValue): string {
  return Object.keys(v)[0] ?? '';
}

/** A value read from a file that is not valid DynamoDB JSON; `message` says where and why. */
export class InvalidValue extends Error {}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function set(x: unknown, where: string, tag: string, check: (s: string) => boolean, what: string): string[] {
  if (!Array.isArray(x) || x.length === 0) throw new InvalidValue(`${where}: ${tag} must be a non-empty array`);
  const seen = new Set<string>();
  for (const s of x) {
    if (typeof s !== 'string' || !check(s)) throw new InvalidValue(`${where}: ${tag} members must be ${what}`);
    // The service refuses sets with repeated members: say which one here.
    if (seen.has(s)) throw new InvalidValue(`${where}: ${tag} contains ${JSON.stringify(s)} twice`);
    seen.add(s);
  }
  return x as string[];
}

/** Checks one DynamoDB JSON value ({ "S": "…" } etc.) and returns it typed. */
export function checkValue(x: unknown, where: string, depth = 0): AttrValue {
  if (depth > MAX_DEPTH) throw new InvalidValue(`${where}: nested deeper than ${MAX_DEPTH} levels`);
  if (!isRecord(x)) throw new InvalidValue(`${where}: expected a DynamoDB JSON value such as {"S":"text"}`);
  const tags = Object.keys(x);
  if (tags.length !== 1) throw new InvalidValue(`${where}: expected exactly one type tag, got ${tags.length === 0 ? 'none' : tags.join(', ')}`);
  const tag = tags[0] as string;
  const v = x[tag];
  const isString = typeof v === 'string';
  switch (tag) {
    case 'S':
      if (!isString) throw new InvalidValue(`${where}: S must be a string`);
      return { S: v };
    case 'N':
      if (!isString || !NUMBER.test(v)) throw new InvalidValue(`${where}: N must be a number as text, such as "1.5"`);
      return { N: v };
    case 'B':
      if (!isString || !BASE64.test(v)) throw new InvalidValue(`${where}: B must be base64 text`);
      return { B: v };
    case 'BOOL':
      if (typeof v !== 'boolean') throw new InvalidValue(`${where}: BOOL must be true or false`);
      return { BOOL: v };
    case 'NULL':
      if (v !== true) throw new InvalidValue(`${where}: NULL must be true`);
      return { NULL: true };
    case 'SS':
      return { SS: set(v, where, 'SS', () => true, 'strings') };
    case 'NS':
      return { NS: set(v, where, 'NS', (s) => NUMBER.test(s), 'numbers as text') };
    case 'BS':
      return { BS: set(v, where, 'BS', (s) => BASE64.test(s), 'base64 text') };
    case 'L':
      if (!Array.isArray(v)) throw new InvalidValue(`${where}: L must be an array`);
      return { L: v.map((e: unknown, i) => checkValue(e, `${where}[${i}]`, depth + 1)) };
    case 'M':
      if (!isRecord(v)) throw new InvalidValue(`${where}: M must be an object`);
      return { M: checkMap(v, where, depth + 1) };
    default:
      throw new InvalidValue(`${where}: unknown type tag ${JSON.stringify(tag)} (expected S, N, B, BOOL, NULL, SS, NS, BS, L or M)`);
  }
}

function checkMap(x: Record<string, unknown>, where: string, depth: number): Item {
  const out: Item = {};
  for (const [name, value] of Object.entries(x)) out[name] = checkValue(value, where ? `${where}.${name}` : `attribute ${name}`, depth);
  return out;
}

/** Checks a parsed line: an object of attribute name → DynamoDB JSON value. */
export function checkItem(x: unknown): Item {
  if (!isRecord(x)) throw new InvalidValue(`expected an object of attributes, got ${Array.isArray(x) ? 'an array' : x === null ? 'null' : typeof x}`);
  for (const name of Object.keys(x)) {
    if (name.length === 0) throw new InvalidValue('an attribute name is empty');
  }
  return checkMap(x, '', 0);
}
