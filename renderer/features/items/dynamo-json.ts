/**
 * The "DynamoDB JSON" editing mode of an item: the wire Item (preload/dynamodb.ts) as pretty JSON,
 * and its validation. Also the pieces both editing modes share: parsing JSON without ever turning
 * a number into a float (lossless-json), line/column of syntax errors, attribute paths, DynamoDB's
 * number and base64 rules, key checks and item comparison. Pure functions: no DOM, no React.
 */
import { isLosslessNumber, parse } from 'lossless-json';
import type { AttrValue, Item } from '../../../preload/dynamodb';

export type PathSegment = string | number;

/** A problem in the item text: `message` is complete and ready to show (it starts with the location). */
export interface ItemJsonError {
  message: string;
  /** The attribute path the problem is about, as shown in `message` (e.g. `tags[2]`). */
  path?: string;
  /** 1-based, for syntax errors. */
  line?: number;
  column?: number;
}

export type ItemJsonResult = { ok: true; item: Item } | { ok: false; error: ItemJsonError };

export interface KeyNames {
  partition: string;
  sort?: string;
}

export const TYPE_KEYS = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'] as const;
type TypeKey = (typeof TYPE_KEYS)[number];

/** Thrown inside the converters, turned into an ItemJsonError at the top. */
export class PathError extends Error {
  readonly path: PathSegment[];
  constructor(path: PathSegment[], message: string) {
    super(message);
    this.path = path;
  }
}

export function pathError(e: PathError): ItemJsonError {
  const path = formatPath(e.path);
  return path ? { message: `${path}: ${e.message}`, path } : { message: e.message };
}

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `tags[2]`, `address.city`, `["odd name"].x`: names as written, never evaluated. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (SIMPLE_NAME.test(seg)) out += i === 0 ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  });
  return out;
}

/** 1-based line and column of a 0-based offset in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/**
 * JSON.parse without floats: numbers come back as lossless-json LosslessNumber (their exact text).
 * A syntax error carries the line and column where it was found.
 */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; error: ItemJsonError } {
  if (!text.trim()) return { ok: false, error: { message: 'The item is empty: write a JSON object of attributes.' } };
  try {
    return { ok: true, value: parse(text) };
  } catch (err) {
    const raw = err instanceof Error ? err.message : String(err);
    const m = /\bposition (\d+)/.exec(raw);
    if (!m) return { ok: false, error: { message: `Not valid JSON: ${raw}` } };
    const { line, column } = lineColumn(text, Number(m[1]));
    const what = raw.replace(/\s*(?:encountered )?at position \d+/, '').trim();
    return { ok: false, error: { message: `Line ${line}, column ${column}: ${what}`, line, column } };
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);
}

/** Sets `obj[key]` as an own property, even for "__proto__". */
export function put<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** What a JSON value is, in words, for messages. */
export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (isLosslessNumber(v)) return 'a number';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

// ---- Numbers -------------------------------------------------------------------------------

const DECIMAL = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal as digits × 10^exponent (no leading or trailing zeros in digits; zero has no digits). */
interface Decimal {
  negative: boolean;
  digits: string;
  exponent: number;
}

function splitDecimal(text: string): Decimal | undefined {
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (!int && !frac) return undefined;
  let digits = int + frac;
  let exponent = (m[4] ? Number(m[4]) : 0) - frac.length;
  digits = digits.replace(/^0+/, '');
  const trimmed = digits.replace(/0+$/, '');
  exponent += digits.length - trimmed.length;
  return { negative: m[1] === '-' && trimmed.length > 0, digits: trimmed, exponent };
}

/** Why `text` is not a number DynamoDB stores (38 significant digits, 1E-130 to 9.99…E+125), or undefined. */
export function numberProblem(text: string): string | undefined {
  const d = splitDecimal(text);
  if (!d) return `${JSON.stringify(text)} is not a decimal number`;
  if (!d.digits) return undefined;
  if (d.digits.length > 38) return `${text} has ${d.digits.length} significant digits; DynamoDB keeps at most 38`;
  const magnitude = d.exponent + d.digits.length - 1;
  if (magnitude > 125) return `${text} is too large for DynamoDB (at most 9.9999999999999999999999999999999999999E+125)`;
  if (magnitude < -130) return `${text} is too small for DynamoDB (at least 1E-130 apart from 0)`;
  return undefined;
}

/** One text per numeric value ("1.50" and "15e-1" give the same), for comparing numbers. */
export function canonicalNumber(text: string): string {
  const d = splitDecimal(text);
  if (!d) return text;
  if (!d.digits) return '0';
  return `${d.negative ? '-' : ''}${d.digits}e${d.exponent}`;
}

/**
 * The number's text as a valid JSON number, changed only where JSON requires (".5" → "0.5",
 * "5." → "5", "007" → "7"); "0.1000" and "1E+3" stay as they are.
 */
export function toJsonNumberText(text: string): string {
  const m = DECIMAL.exec(text);
  if (!m) return text;
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0';
  const frac = m[3] ? `.${m[3]}` : '';
  const exp = m[4] !== undefined ? text.slice(text.search(/[eE]/)) : '';
  return `${m[1]}${int}${frac}${exp}`;
}

// ---- Binary --------------------------------------------------------------------------------

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isBase64(s: string): boolean {
  return BASE64.test(s);
}

/** The bytes of a base64 text as a comparable string (two encodings of the same bytes compare equal). */
function binaryKey(s: string): string {
  try {
    return atob(s);
  } catch {
    return s;
  }
}

export const BASE64_HINT = 'binary values are written in base64, e.g. "aGVsbG8="';

// ---- Sets ----------------------------------------------------------------------------------

/** Checks a set's elements (already converted to their wire text) for duplicates. */
export function checkSetDuplicates(type: 'SS' | 'NS' | 'BS', values: readonly string[], path: PathSegment[]): void {
  const seen = new Map<string, number>();
  values.forEach((v, i) => {
    const k = type === 'NS' ? canonicalNumber(v) : type === 'BS' ? binaryKey(v) : v;
    const first = seen.get(k);
    if (first !== undefined) {
      const shown = type === 'NS' ? v : JSON.stringify(v);
      throw new PathError([...path, i], `a set cannot hold the same value twice (${shown} is also at [${first}])`);
    }
    seen.set(k, i);
  });
}

const SET_WORDS = { SS: 'a string set holds only strings', NS: 'a number set holds only numbers', BS: 'a binary set holds only base64 strings' } as const;
export { SET_WORDS };

// ---- DynamoDB JSON -------------------------------------------------------------------------

function typedExample(v: unknown): string {
  if (typeof v === 'string') return `{"S": ${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)}}`;
  if (isLosslessNumber(v)) return `{"N": "${String(v)}"}`;
  if (typeof v === 'boolean') return `{"BOOL": ${String(v)}}`;
  if (v === null) return '{"NULL": true}';
  if (Array.isArray(v)) return '{"L": [ … ]}';
  return '{"S": "text"}';
}

function setElements(type: 'SS' | 'NS' | 'BS', raw: unknown, path: PathSegment[]): string[] {
  if (!Array.isArray(raw)) throw new PathError(path, `${type} holds an array, found ${kindOf(raw)}`);
  if (raw.length === 0) throw new PathError(path, 'sets cannot be empty (remove the attribute instead)');
  const out = raw.map((el: unknown, i) => {
    if (typeof el !== 'string') {
      const extra = type === 'NS' && isLosslessNumber(el) ? ` written as text, e.g. "${String(el)}"` : '';
      throw new PathError([...path, i], `${SET_WORDS[type]}${extra}`);
    }
    if (type === 'NS') {
      const p = numberProblem(el);
      if (p) throw new PathError([...path, i], p);
    }
    if (type === 'BS' && !isBase64(el)) throw new PathError([...path, i], `${JSON.stringify(el)} is not base64 (${BASE64_HINT})`);
    return el;
  });
  checkSetDuplicates(type, out, path);
  return out;
}

/** One typed DynamoDB JSON value → AttrValue; throws PathError. */
export function fromDynamoValue(v: unknown, path: PathSegment[]): AttrValue {
  if (!isPlainObject(v)) {
    throw new PathError(path, `expected a typed value such as ${typedExample(v)}, found ${kindOf(v)} (plain values belong in Plain JSON mode)`);
  }
  const keys = Object.keys(v);
  if (keys.length === 0) throw new PathError(path, 'a value needs one type key: S, N, B, BOOL, NULL, SS, NS, BS, L or M');
  if (keys.length > 1) throw new PathError(path, `a value has exactly one type key, found ${keys.map((k) => JSON.stringify(k)).join(', ')}`);
  const type = keys[0]!;
  if (!(TYPE_KEYS as readonly string[]).includes(type)) {
    throw new PathError(path, `${JSON.stringify(type)} is not a DynamoDB type: use S, N, B, BOOL, NULL, SS, NS, BS, L or M`);
  }
  const raw = v[type];
  switch (type as TypeKey) {
    case 'S':
      if (typeof raw !== 'string') throw new PathError(path, `S holds a string, found ${kindOf(raw)}`);
      return { S: raw };
    case 'N': {
      if (isLosslessNumber(raw)) throw new PathError(path, `N holds the number as text in quotes, e.g. {"N": "${String(raw)}"}`);
      if (typeof raw !== 'string') throw new PathError(path, `N holds a number as text, e.g. {"N": "42"}, found ${kindOf(raw)}`);
      const p = numberProblem(raw);
      if (p) throw new PathError(path, p);
      return { N: raw };
    }
    case 'B':
      if (typeof raw !== 'string') throw new PathError(path, `B holds base64 text, found ${kindOf(raw)}`);
      if (!isBase64(raw)) throw new PathError(path, `${JSON.stringify(raw.length > 24 ? `${raw.slice(0, 24)}…` : raw)} is not base64 (${BASE64_HINT})`);
      return { B: raw };
    case 'BOOL':
      if (typeof raw !== 'boolean') throw new PathError(path, `BOOL holds true or false, found ${kindOf(raw)}`);
      return { BOOL: raw };
    case 'NULL':
      if (raw !== true) throw new PathError(path, `NULL is written {"NULL": true}, found ${kindOf(raw)}`);
      return { NULL: true };
    case 'SS':
      return { SS: setElements('SS', raw, path) };
    case 'NS':
      return { NS: setElements('NS', raw, path) };
    case 'BS':
      return { BS: setElements('BS', raw, path) };
    case 'L':
      if (!Array.isArray(raw)) throw new PathError(path, `L holds an array of typed values, found ${kindOf(raw)}`);
      return { L: raw.map((el: unknown, i) => fromDynamoValue(el, [...path, i])) };
    case 'M': {
      if (!isPlainObject(raw)) throw new PathError(path, `M holds an object of typed values, found ${kindOf(raw)}`);
      const m: Record<string, AttrValue> = {};
      for (const [k, el] of Object.entries(raw)) put(m, k, fromDynamoValue(el, [...path, k]));
      return { M: m };
    }
  }
}

/** Converts the top-level object with `convert` per attribute; the shared frame of both modes. */
export function convertItem(text: string, convert: (value: unknown, path: PathSegment[]) => AttrValue, example: string): ItemJsonResult {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  if (!isPlainObject(parsed.value)) {
    return { ok: false, error: { message: `The item must be a JSON object of attributes, e.g. ${example}; found ${kindOf(parsed.value)}.` } };
  }
  const item: Item = {};
  try {
    for (const [name, value] of Object.entries(parsed.value)) {
      if (name === '') throw new PathError([], 'an attribute name cannot be empty');
      put(item, name, convert(value, [name]));
    }
  } catch (err) {
    if (err instanceof PathError) return { ok: false, error: pathError(err) };
    throw err;
  }
  return { ok: true, item };
}

/** DynamoDB JSON text → Item, validated (one type key per value, numbers, base64, sets). */
export function parseDynamoJson(text: string): ItemJsonResult {
  return convertItem(text, fromDynamoValue, '{"id": {"S": "1"}}');
}

/** The Item as DynamoDB JSON (what the aws CLI prints). Numbers are already text: nothing is lost. */
export function formatDynamoJson(item: Item): string {
  return JSON.stringify(item, null, 2);
}

// ---- Keys and comparison -------------------------------------------------------------------

/** Why the item's key is not usable, or undefined. */
export function checkKeys(item: Item, keyNames: KeyNames): ItemJsonError | undefined {
  for (const name of [keyNames.partition, keyNames.sort]) {
    if (name === undefined) continue;
    const label = formatPath([name]);
    const v = item[name];
    if (!Object.prototype.hasOwnProperty.call(item, name) || v === undefined) {
      return { message: `The key attribute ${JSON.stringify(name)} is missing: every item needs ${describeKey(keyNames)}.`, path: label };
    }
    if (!('S' in v) && !('N' in v) && !('B' in v)) {
      return { message: `${label}: a key attribute is a string, a number or binary (S, N or B), found ${typeOf(v)}`, path: label };
    }
    if ('S' in v && v.S === '') return { message: `${label}: a key attribute cannot be an empty string`, path: label };
    if ('B' in v && v.B === '') return { message: `${label}: a key attribute cannot be empty binary`, path: label };
  }
  return undefined;
}

function describeKey(k: KeyNames): string {
  return k.sort ? `${JSON.stringify(k.partition)} and ${JSON.stringify(k.sort)}` : JSON.stringify(k.partition);
}

export function typeOf(v: AttrValue): string {
  return Object.keys(v)[0] ?? '?';
}

/** The key attributes of an item. */
export function keyOf(item: Item, keyNames: KeyNames): Item {
  const key: Item = {};
  for (const name of [keyNames.partition, keyNames.sort]) {
    if (name === undefined) continue;
    const v = item[name];
    if (v !== undefined) put(key, name, v);
  }
  return key;
}

/** The same attributes, key first (the editors show the key at the top). */
export function keyFirst(item: Item, keyNames: KeyNames): Item {
  const out = keyOf(item, keyNames);
  for (const [k, v] of Object.entries(item)) if (!Object.prototype.hasOwnProperty.call(out, k)) put(out, k, v);
  return out;
}

/** One text per value as DynamoDB compares them: sets unordered, numbers by value, maps by key. */
export function canonicalValue(v: AttrValue): string {
  if ('S' in v) return `S${JSON.stringify(v.S)}`;
  if ('N' in v) return `N${canonicalNumber(v.N)}`;
  if ('B' in v) return `B${JSON.stringify(binaryKey(v.B))}`;
  if ('BOOL' in v) return `BOOL${String(v.BOOL)}`;
  if ('NULL' in v) return 'NULL';
  if ('SS' in v) return `SS${JSON.stringify([...v.SS].sort())}`;
  if ('NS' in v) return `NS${JSON.stringify(v.NS.map(canonicalNumber).sort())}`;
  if ('BS' in v) return `BS${JSON.stringify(v.BS.map(binaryKey).sort())}`;
  if ('L' in v) return `L[${v.L.map(canonicalValue).join(',')}]`;
  return `M${canonicalItem(v.M)}`;
}

function canonicalItem(item: Item): string {
  return `{${Object.keys(item).sort().map((k) => `${JSON.stringify(k)}:${canonicalValue(item[k]!)}`).join(',')}}`;
}

export function itemsEqual(a: Item, b: Item): boolean {
  return canonicalItem(a) === canonicalItem(b);
}

/** Top-level attribute names whose values differ (added, removed or changed), in a stable order. */
export function changedAttributes(a: Item, b: Item): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return names.filter((n) => {
    const x = Object.prototype.hasOwnProperty.call(a, n) ? a[n] : undefined;
    const y = Object.prototype.hasOwnProperty.call(b, n) ? b[n] : undefined;
    if (!x || !y) return x !== y;
    return canonicalValue(x) !== canonicalValue(y);
  });
}

/**
 * Where the value of top-level attribute `name` is in text the editors formatted (either mode),
 * so the editor can select it (duplicate: the key to change). Undefined when not found.
 */
export function keyValueRange(text: string, name: string): [number, number] | undefined {
  const marker = `\n  ${JSON.stringify(name)}: `;
  const at = text.indexOf(marker);
  if (at < 0) return undefined;
  let start = at + marker.length;
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text.slice(start, end).trim() === '{') {
    // DynamoDB JSON: the type and value are on the next line.
    const next = end + 1;
    let nextEnd = text.indexOf('\n', next);
    if (nextEnd < 0) nextEnd = text.length;
    const m = /^\s*"[A-Z]+": /.exec(text.slice(next, nextEnd));
    if (!m) return undefined;
    start = next + m[0].length;
    end = nextEnd;
  }
  const value = text.slice(start, end).replace(/,\s*$/, '');
  return [start, start + value.length];
}
