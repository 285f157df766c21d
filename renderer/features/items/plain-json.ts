/**
 * The "Plain JSON" editing mode of an item: ordinary JSON (S → string, N → number with its exact
 * decimal text, BOOL, NULL → null, L → array, M → object). What plain JSON cannot say — sets
 * (SS/NS/BS) and binary (B) — comes from type hints taken from the item as loaded: a value at such
 * a path stays a set / binary when it is written as an array / a base64 string. Numbers go through
 * lossless-json both ways, so 38-digit integers, "0.1000" and "1E+3" come back exactly as written.
 */
import { LosslessNumber, isLosslessNumber, stringify } from 'lossless-json';
import type { AttrValue, Item } from '../../../preload/dynamodb';
import {
  BASE64_HINT, PathError, SET_WORDS, checkSetDuplicates, convertItem, isBase64, isPlainObject, kindOf, numberProblem, put, toJsonNumberText,
} from './dynamo-json';
import type { ItemJsonResult, PathSegment } from './dynamo-json';

/** The types plain JSON cannot express. */
export type HintType = 'SS' | 'NS' | 'BS' | 'B';

/** Path (JSON of its segments) → the type the value had when the item was loaded. */
export type TypeHints = ReadonlyMap<string, HintType>;

export const NO_HINTS: TypeHints = new Map();

export const HINT_LABELS: Record<HintType, string> = {
  SS: 'string set',
  NS: 'number set',
  BS: 'binary set (base64)',
  B: 'binary (base64)',
};

const hintKey = (path: readonly PathSegment[]): string => JSON.stringify(path);

/** The sets and binary values of an item, by path (inside lists and maps too). */
export function collectHints(item: Item): TypeHints {
  const hints = new Map<string, HintType>();
  const walk = (v: AttrValue, path: PathSegment[]): void => {
    if ('SS' in v) hints.set(hintKey(path), 'SS');
    else if ('NS' in v) hints.set(hintKey(path), 'NS');
    else if ('BS' in v) hints.set(hintKey(path), 'BS');
    else if ('B' in v) hints.set(hintKey(path), 'B');
    else if ('L' in v) v.L.forEach((el, i) => walk(el, [...path, i]));
    else if ('M' in v) for (const [k, el] of Object.entries(v.M)) walk(el, [...path, k]);
  };
  for (const [k, v] of Object.entries(item)) walk(v, [k]);
  return hints;
}

/** The hints as a list for the "these paths are sets / binary" note. */
export function describeHints(hints: TypeHints): Array<{ path: PathSegment[]; type: HintType; label: string }> {
  return [...hints].map(([k, type]) => ({ path: JSON.parse(k) as PathSegment[], type, label: HINT_LABELS[type] }));
}

function losslessNumber(text: string): LosslessNumber | string {
  try {
    return new LosslessNumber(toJsonNumberText(text));
  } catch {
    return text;
  }
}

/** An AttrValue as a plain JSON value (numbers as LosslessNumber, so they print exactly). */
export function toPlainValue(v: AttrValue): unknown {
  if ('S' in v) return v.S;
  if ('N' in v) return losslessNumber(v.N);
  if ('B' in v) return v.B;
  if ('BOOL' in v) return v.BOOL;
  if ('NULL' in v) return null;
  if ('SS' in v) return [...v.SS];
  if ('NS' in v) return v.NS.map(losslessNumber);
  if ('BS' in v) return [...v.BS];
  if ('L' in v) return v.L.map(toPlainValue);
  const out: Record<string, unknown> = {};
  for (const [k, el] of Object.entries(v.M)) put(out, k, toPlainValue(el));
  return out;
}

/** The item as pretty plain JSON. */
export function itemToPlain(item: Item): string {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) put(out, k, toPlainValue(v));
  return stringify(out, null, 2) ?? '{}';
}

function plainSet(type: 'SS' | 'NS' | 'BS', raw: unknown[], path: PathSegment[]): AttrValue {
  if (raw.length === 0) throw new PathError(path, `sets cannot be empty (this is a ${HINT_LABELS[type]}: remove the attribute instead)`);
  const values = raw.map((el, i) => {
    const at = [...path, i];
    if (type === 'NS') {
      if (!isLosslessNumber(el)) throw new PathError(at, `${SET_WORDS.NS}, found ${kindOf(el)}`);
      const text = String(el);
      const p = numberProblem(text);
      if (p) throw new PathError(at, p);
      return text;
    }
    if (typeof el !== 'string') throw new PathError(at, `${SET_WORDS[type]}, found ${kindOf(el)}`);
    if (type === 'BS' && !isBase64(el)) throw new PathError(at, `${JSON.stringify(el)} is not base64 (${BASE64_HINT})`);
    return el;
  });
  checkSetDuplicates(type, values, path);
  if (type === 'SS') return { SS: values };
  if (type === 'NS') return { NS: values };
  return { BS: values };
}

/** One plain JSON value → AttrValue, with the hints for sets and binary; throws PathError. */
export function fromPlainValue(v: unknown, path: PathSegment[], hints: TypeHints): AttrValue {
  const hint = hints.get(hintKey(path));
  if (typeof v === 'string') {
    if (hint === 'B') {
      if (!isBase64(v)) throw new PathError(path, `this value is binary: ${BASE64_HINT}`);
      return { B: v };
    }
    return { S: v };
  }
  if (isLosslessNumber(v)) {
    const text = String(v);
    const p = numberProblem(text);
    if (p) throw new PathError(path, p);
    return { N: text };
  }
  if (typeof v === 'boolean') return { BOOL: v };
  if (v === null) return { NULL: true };
  if (Array.isArray(v)) {
    if (hint === 'SS' || hint === 'NS' || hint === 'BS') return plainSet(hint, v as unknown[], path);
    return { L: (v as unknown[]).map((el, i) => fromPlainValue(el, [...path, i], hints)) };
  }
  if (isPlainObject(v)) {
    const m: Record<string, AttrValue> = {};
    for (const [k, el] of Object.entries(v)) put(m, k, fromPlainValue(el, [...path, k], hints));
    return { M: m };
  }
  throw new PathError(path, `unexpected ${kindOf(v)}`);
}

/** Plain JSON text → Item, using the hints of the item as loaded for sets and binary. */
export function parsePlainJson(text: string, hints: TypeHints = NO_HINTS): ItemJsonResult {
  return convertItem(text, (value, path) => fromPlainValue(value, path, hints), '{"id": "1"}');
}
