/**
 * DynamoDB values in the UI: typing a value as text for a given type, showing a value compactly,
 * and identifying items by their typed key. Values stay DynamoDB JSON throughout: numbers are
 * their decimal text (never a JS number), binary is base64.
 */
import type { AttrValue, Item } from '../../../preload/dynamodb';

export const ATTR_TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'] as const;
export type AttrType = (typeof ATTR_TYPES)[number];
export type KeyType = 'S' | 'N' | 'B';

export const TYPE_NAMES: Record<AttrType, string> = {
  S: 'String', N: 'Number', B: 'Binary', BOOL: 'Boolean', NULL: 'Null',
  SS: 'String set', NS: 'Number set', BS: 'Binary set', L: 'List', M: 'Map',
};

export const NUMBER_RE = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
export const BASE64_RE = /^[A-Za-z0-9+/]*={0,2}$/;

export type ValueResult = { ok: true; value: AttrValue } | { ok: false; error: string };

export function typeOf(v: AttrValue): AttrType {
  return Object.keys(v)[0] as AttrType;
}

function isBase64(s: string): boolean {
  return BASE64_RE.test(s) && s.length % 4 === 0;
}

/** Whether `x` is a well-formed DynamoDB JSON value (what the contract accepts). */
export function isAttrValue(x: unknown): x is AttrValue {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const keys = Object.keys(x);
  if (keys.length !== 1) return false;
  const t = keys[0]!;
  const v = (x as Record<string, unknown>)[t];
  const strings = (a: unknown): a is string[] => Array.isArray(a) && a.length > 0 && a.every((e) => typeof e === 'string');
  switch (t) {
    case 'S': return typeof v === 'string';
    case 'N': return typeof v === 'string' && NUMBER_RE.test(v);
    case 'B': return typeof v === 'string' && isBase64(v);
    case 'BOOL': return typeof v === 'boolean';
    case 'NULL': return v === true;
    case 'SS': return strings(v);
    case 'NS': return strings(v) && v.every((e) => NUMBER_RE.test(e));
    case 'BS': return strings(v) && v.every(isBase64);
    case 'L': return Array.isArray(v) && v.every(isAttrValue);
    case 'M': return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isAttrValue);
    default: return false;
  }
}

/** A set typed as JSON (`["a","b"]`) or as comma-separated text (`a, b`). */
function parseSetText(text: string): { ok: true; items: string[] } | { ok: false; error: string } {
  const t = text.trim();
  let items: string[];
  if (t.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(t);
    } catch {
      return { ok: false, error: 'Not valid JSON: write ["a", "b"] or a, b' };
    }
    if (!Array.isArray(parsed)) return { ok: false, error: 'Write a JSON array or comma-separated values' };
    items = parsed.map((e) => (typeof e === 'string' ? e : typeof e === 'number' ? String(e) : JSON.stringify(e)));
  } else {
    items = t === '' ? [] : t.split(',').map((e) => e.trim());
  }
  if (items.length === 0) return { ok: false, error: 'A set needs at least one element' };
  if (new Set(items).size !== items.length) return { ok: false, error: 'A set cannot hold the same element twice' };
  return { ok: true, items };
}

/** The text the user typed for a value of type `type`, as DynamoDB JSON, or why it is not one. */
export function parseValue(type: AttrType, text: string): ValueResult {
  switch (type) {
    case 'S':
      return { ok: true, value: { S: text } };
    case 'N': {
      const t = text.trim();
      if (!t) return { ok: false, error: 'Enter a number' };
      if (!NUMBER_RE.test(t)) return { ok: false, error: 'Not a number: use digits, an optional "-", "." and exponent (1.5e3)' };
      return { ok: true, value: { N: t } };
    }
    case 'B': {
      const t = text.trim();
      if (!isBase64(t)) return { ok: false, error: 'Binary values are typed as base64, e.g. aGVsbG8=' };
      return { ok: true, value: { B: t } };
    }
    case 'BOOL': {
      const t = text.trim().toLowerCase();
      if (t === 'true') return { ok: true, value: { BOOL: true } };
      if (t === 'false') return { ok: true, value: { BOOL: false } };
      return { ok: false, error: 'Choose true or false' };
    }
    case 'NULL':
      return { ok: true, value: { NULL: true } };
    case 'SS': {
      const r = parseSetText(text);
      return r.ok ? { ok: true, value: { SS: r.items } } : r;
    }
    case 'NS': {
      const r = parseSetText(text);
      if (!r.ok) return r;
      const bad = r.items.find((e) => !NUMBER_RE.test(e));
      if (bad !== undefined) return { ok: false, error: `"${bad}" is not a number` };
      return { ok: true, value: { NS: r.items } };
    }
    case 'BS': {
      const r = parseSetText(text);
      if (!r.ok) return r;
      const bad = r.items.find((e) => !isBase64(e));
      if (bad !== undefined) return { ok: false, error: `"${bad}" is not base64` };
      return { ok: true, value: { BS: r.items } };
    }
    case 'L':
    case 'M': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { ok: false, error: type === 'L' ? 'Write a list in DynamoDB JSON, e.g. [{"S":"a"},{"N":"1"}]' : 'Write a map in DynamoDB JSON, e.g. {"city":{"S":"Oslo"}}' };
      }
      const value = { [type]: parsed } as unknown;
      if (!isAttrValue(value)) {
        return { ok: false, error: type === 'L' ? 'Each element is a DynamoDB JSON value, e.g. [{"S":"a"},{"N":"1"}]' : 'Each entry maps a name to a DynamoDB JSON value, e.g. {"city":{"S":"Oslo"}}' };
      }
      return { ok: true, value };
    }
  }
}

/** The inverse of parseValue: the text to put back in an input for this value. */
export function valueToText(v: AttrValue): string {
  if ('S' in v) return v.S;
  if ('N' in v) return v.N;
  if ('B' in v) return v.B;
  if ('BOOL' in v) return String(v.BOOL);
  if ('NULL' in v) return '';
  if ('SS' in v) return JSON.stringify(v.SS);
  if ('NS' in v) return v.NS.join(', ');
  if ('BS' in v) return v.BS.join(', ');
  if ('L' in v) return JSON.stringify(v.L);
  return JSON.stringify(v.M);
}

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonicalJson).join(',')}]`;
  if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

export interface KeyNames {
  partition: string;
  sort?: string | undefined;
}

/** The item's primary key (only the key attributes), or undefined when one is missing. */
export function keyOf(item: Item, keyNames: KeyNames): Item | undefined {
  const pk = item[keyNames.partition];
  if (!pk) return undefined;
  if (!keyNames.sort) return { [keyNames.partition]: pk };
  const sk = item[keyNames.sort];
  return sk ? { [keyNames.partition]: pk, [keyNames.sort]: sk } : undefined;
}

/** An item's identity: the canonical JSON of its typed key (never a joined string). */
export function itemId(item: Item, keyNames: KeyNames): string | undefined {
  const key = keyOf(item, keyNames);
  return key ? canonicalJson(key) : undefined;
}

const MAX_COMPACT = 240;

function clip(s: string, max = MAX_COMPACT): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** A nested value as readable JSON-like text: strings quoted, numbers as their text. */
function plain(v: AttrValue, budget: { left: number }): string {
  if (budget.left <= 0) return '…';
  let out: string;
  if ('S' in v) out = JSON.stringify(v.S);
  else if ('N' in v) out = v.N;
  else if ('B' in v) out = `<${v.B}>`;
  else if ('BOOL' in v) out = String(v.BOOL);
  else if ('NULL' in v) out = 'null';
  else if ('SS' in v) out = `«${v.SS.map((e) => JSON.stringify(e)).join(', ')}»`;
  else if ('NS' in v) out = `«${v.NS.join(', ')}»`;
  else if ('BS' in v) out = `«${v.BS.map((e) => `<${e}>`).join(', ')}»`;
  else if ('L' in v) {
    const parts: string[] = [];
    for (const e of v.L) {
      if (budget.left <= 0) { parts.push('…'); break; }
      parts.push(plain(e, budget));
    }
    out = `[${parts.join(', ')}]`;
  } else {
    const parts: string[] = [];
    for (const [k, e] of Object.entries(v.M)) {
      if (budget.left <= 0) { parts.push('…'); break; }
      parts.push(`${JSON.stringify(k)}: ${plain(e, budget)}`);
    }
    out = `{${parts.join(', ')}}`;
  }
  budget.left -= out.length;
  return out;
}

/** One line for a grid cell: the value itself for scalars (numbers exactly as their text), a JSON-like preview for the rest. */
export function compactValue(v: AttrValue, max = MAX_COMPACT): string {
  if ('S' in v) return clip(v.S.replace(/\r?\n/g, '↵'), max);
  if ('N' in v) return v.N;
  if ('B' in v) return clip(v.B, max);
  if ('BOOL' in v) return String(v.BOOL);
  if ('NULL' in v) return 'null';
  if ('SS' in v) return clip(v.SS.join(', '), max);
  if ('NS' in v) return clip(v.NS.join(', '), max);
  if ('BS' in v) return clip(v.BS.join(', '), max);
  return clip(plain(v, { left: max }), max);
}

/** The number of elements of a collection (shown next to its type badge). */
export function sizeOf(v: AttrValue): number | undefined {
  if ('SS' in v) return v.SS.length;
  if ('NS' in v) return v.NS.length;
  if ('BS' in v) return v.BS.length;
  if ('L' in v) return v.L.length;
  if ('M' in v) return Object.keys(v.M).length;
  return undefined;
}

/** "pk=abc, sk=42": how a row is named to assistive technology and in messages. */
export function describeKey(item: Item, keyNames: KeyNames): string {
  const parts = [keyNames.partition, keyNames.sort].filter((n): n is string => Boolean(n))
    .map((n) => `${n}=${item[n] ? compactValue(item[n], 60) : '?'}`);
  return parts.join(', ');
}
