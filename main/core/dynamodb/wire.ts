/**
 * Wire values (DynamoDB JSON: numbers as decimal text, binary as base64) ⇄ the SDK's AttributeValue.
 * Numbers stay text on both sides: a JS number would lose digits past 2^53 and DynamoDB keeps 38.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { AttrValue, Item } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';

export type SdkItem = Record<string, AttributeValue>;

/** The names of a table's (or an index's) key attributes. */
export interface KeyNames {
  partition: string;
  sort?: string;
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));
/** Only the view's bytes: an SDK Uint8Array may be a slice of a larger (pooled) buffer. */
const toBase64 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function toSdk(value: AttrValue): AttributeValue {
  if ('S' in value) return { S: value.S };
  if ('N' in value) return { N: value.N };
  if ('B' in value) return { B: fromBase64(value.B) };
  if ('BOOL' in value) return { BOOL: value.BOOL };
  if ('NULL' in value) return { NULL: true };
  if ('SS' in value) return { SS: [...value.SS] };
  if ('NS' in value) return { NS: [...value.NS] };
  if ('BS' in value) return { BS: value.BS.map(fromBase64) };
  if ('L' in value) return { L: value.L.map(toSdk) };
  return { M: itemToSdk(value.M) };
}

export function fromSdk(value: AttributeValue): AttrValue {
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: value.N };
  if (value.B !== undefined) return { B: toBase64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: [...value.SS] };
  if (value.NS !== undefined) return { NS: [...value.NS] };
  if (value.BS !== undefined) return { BS: value.BS.map(toBase64) };
  if (value.L !== undefined) return { L: value.L.map(fromSdk) };
  if (value.M !== undefined) return { M: itemFromSdk(value.M) };
  // A type added to DynamoDB after this SDK was built: refuse rather than drop it silently.
  throw new AirlockError('BAD_ITEM', `Unsupported DynamoDB attribute type: ${Object.keys(value).join(', ')}`);
}

export function itemToSdk(item: Item): SdkItem {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, toSdk(value)]));
}

export function itemFromSdk(item: SdkItem): Item {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, fromSdk(value)]));
}

/** The key attributes of `item`, which must be present and of a key type (S, N or B). */
export function keyOf(item: Item, keyNames: KeyNames): Item {
  const key: Item = {};
  for (const name of [keyNames.partition, keyNames.sort]) {
    if (name === undefined) continue;
    const value = item[name];
    if (value === undefined) {
      throw new AirlockError('BAD_ITEM', `The item has no value for its key attribute "${name}"`);
    }
    if (!('S' in value || 'N' in value || 'B' in value)) {
      throw new AirlockError('BAD_ITEM', `Key attribute "${name}" must be a string, number or binary, not ${typeOf(value)}`);
    }
    key[name] = value;
  }
  return key;
}

/** The DynamoDB type name of a value (S, N, SS, M…). */
export function typeOf(value: AttrValue): string {
  return Object.keys(value)[0] ?? '?';
}

/**
 * Deep equality as DynamoDB sees it: numbers by value ("1.0" = "1"), binary by bytes, sets
 * regardless of order, lists in order, maps by keys.
 */
export function sameValue(a: AttrValue, b: AttrValue): boolean {
  if ('S' in a) return 'S' in b && a.S === b.S;
  if ('N' in a) return 'N' in b && canonicalDecimal(a.N) === canonicalDecimal(b.N);
  if ('B' in a) return 'B' in b && canonicalBase64(a.B) === canonicalBase64(b.B);
  if ('BOOL' in a) return 'BOOL' in b && a.BOOL === b.BOOL;
  if ('NULL' in a) return 'NULL' in b;
  if ('SS' in a) return 'SS' in b && sameSet(a.SS, b.SS, (s) => s);
  if ('NS' in a) return 'NS' in b && sameSet(a.NS, b.NS, canonicalDecimal);
  if ('BS' in a) return 'BS' in b && sameSet(a.BS, b.BS, canonicalBase64);
  if ('L' in a) return 'L' in b && a.L.length === b.L.length && a.L.every((v, i) => sameValue(v, b.L[i]!));
  if (!('M' in b)) return false;
  const keys = Object.keys(a.M);
  return keys.length === Object.keys(b.M).length
    && keys.every((k) => Object.hasOwn(b.M, k) && sameValue(a.M[k]!, b.M[k]!));
}

function sameSet(a: string[], b: string[], canon: (s: string) => string): boolean {
  const left = new Set(a.map(canon));
  const right = new Set(b.map(canon));
  return left.size === right.size && [...left].every((v) => right.has(v));
}

const canonicalBase64 = (text: string): string => Buffer.from(text, 'base64').toString('base64');

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * One spelling per numeric value, computed on the text so nothing is rounded: "100", "1e2" and
 * "100.0" all become "1e2"; zero (of any sign) is "0". The exponent is a BigInt, so "1e99999999999"
 * is exact too.
 */
export function canonicalDecimal(text: string): string {
  const match = DECIMAL.exec(text);
  const [, sign = '', int = '', frac = '', exp = '0'] = match ?? [];
  if (!match || (int === '' && frac === '')) {
    throw new AirlockError('BAD_ITEM', `"${text}" is not a decimal number`);
  }
  const allDigits = (int + frac).replace(/^0+/, '');
  const digits = allDigits.replace(/0+$/, '');
  if (digits === '') return '0';
  // value = digits × 10^(exponent − digits after the point + trailing zeros dropped)
  const exponent = BigInt(exp) - BigInt(frac.length) + BigInt(allDigits.length - digits.length);
  return `${sign === '-' ? '-' : ''}${digits}e${exponent}`;
}
