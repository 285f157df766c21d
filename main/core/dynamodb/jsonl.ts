/**
 * Checks of DynamoDB JSON values read from a file (what `aws dynamodb scan` prints: N as decimal
 * text, B as base64), with reasons a user can act on. Numbers are never parsed, only checked.
 * Conversion to and from the SDK's AttributeValue is in ./wire.
 */
import type { AttrValue, Item } from '../../../preload/dynamodb';

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** DynamoDB nests at most 32 levels; deeper input is rejected here rather than by the service. */
const MAX_DEPTH = 32;

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
