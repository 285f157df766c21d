import { describe, expect, it } from 'vitest';
import type { AttrValue } from '../../preload/dynamodb';
import {
  ATTR_TYPES, canonicalJson, compactValue, describeKey, isAttrValue, itemId, keyOf, parseValue, sizeOf, typeOf, valueToText,
} from '../../renderer/features/tables/values';

const value = (type: Parameters<typeof parseValue>[0], text: string): AttrValue => {
  const r = parseValue(type, text);
  if (!r.ok) throw new Error(`${type} ${text}: ${r.error}`);
  return r.value;
};
const error = (type: Parameters<typeof parseValue>[0], text: string): string => {
  const r = parseValue(type, text);
  if (r.ok) throw new Error(`${type} ${text} parsed`);
  return r.error;
};

describe('typing values by type', () => {
  it('keeps strings exactly (spaces, empty)', () => {
    expect(value('S', '  hi ')).toEqual({ S: '  hi ' });
    expect(value('S', '')).toEqual({ S: '' });
  });

  it('keeps numbers as their decimal text, never through a JS number', () => {
    expect(value('N', '12345678901234567890.123456789')).toEqual({ N: '12345678901234567890.123456789' });
    expect(value('N', ' -1.5e3 ')).toEqual({ N: '-1.5e3' });
    expect(value('N', '.5')).toEqual({ N: '.5' });
    expect(error('N', '')).toMatch(/Enter a number/);
    expect(error('N', '1,5')).toMatch(/Not a number/);
    expect(error('N', 'NaN')).toMatch(/Not a number/);
    expect(error('N', '0x10')).toMatch(/Not a number/);
  });

  it('takes binary as base64', () => {
    expect(value('B', 'aGVsbG8=')).toEqual({ B: 'aGVsbG8=' });
    expect(error('B', 'not base64!')).toMatch(/base64/);
    expect(error('B', 'abc')).toMatch(/base64/);
  });

  it('booleans and null', () => {
    expect(value('BOOL', 'TRUE')).toEqual({ BOOL: true });
    expect(value('BOOL', 'false')).toEqual({ BOOL: false });
    expect(error('BOOL', 'yes')).toMatch(/true or false/);
    expect(value('NULL', 'anything')).toEqual({ NULL: true });
  });

  it('sets from JSON arrays or comma-separated text, non-empty and without duplicates', () => {
    expect(value('SS', '["a,b", "c"]')).toEqual({ SS: ['a,b', 'c'] });
    expect(value('SS', 'a, b')).toEqual({ SS: ['a', 'b'] });
    expect(value('NS', '1, 2.5, -3')).toEqual({ NS: ['1', '2.5', '-3'] });
    expect(value('BS', 'aGk=, aGV5')).toEqual({ BS: ['aGk=', 'aGV5'] });
    expect(error('SS', '')).toMatch(/at least one/);
    expect(error('SS', 'a, a')).toMatch(/twice/);
    expect(error('NS', '1, x')).toMatch(/"x" is not a number/);
    expect(error('BS', '!!')).toMatch(/not base64/);
    expect(error('SS', '[1')).toMatch(/JSON/);
  });

  it('lists and maps as DynamoDB JSON', () => {
    expect(value('L', '[{"S":"a"},{"N":"1"}]')).toEqual({ L: [{ S: 'a' }, { N: '1' }] });
    expect(value('M', '{"city":{"S":"Oslo"},"n":{"M":{}}}')).toEqual({ M: { city: { S: 'Oslo' }, n: { M: {} } } });
    expect(error('L', '[1, 2]')).toMatch(/DynamoDB JSON/);
    expect(error('M', '{"a": "b"}')).toMatch(/DynamoDB JSON/);
    expect(error('M', 'nope')).toMatch(/DynamoDB JSON/);
  });

  it('round-trips through valueToText for every type', () => {
    const samples: AttrValue[] = [
      { S: 'x, y' }, { N: '-0.001' }, { B: 'AAE=' }, { BOOL: false }, { NULL: true }, { SS: ['a,b', 'c'] }, { NS: ['1', '2'] },
      { BS: ['AA==', 'AQ=='] }, { L: [{ S: 'a' }, { L: [] }] }, { M: { k: { N: '1' } } },
    ];
    for (const v of samples) expect(value(typeOf(v), valueToText(v)), JSON.stringify(v)).toEqual(v);
    expect(ATTR_TYPES).toHaveLength(10);
  });
});

describe('DynamoDB JSON validation', () => {
  it('accepts what the contract accepts', () => {
    expect(isAttrValue({ S: '' })).toBe(true);
    expect(isAttrValue({ M: { a: { L: [{ NULL: true }] } } })).toBe(true);
    expect(isAttrValue({ N: '1', S: 'x' })).toBe(false);
    expect(isAttrValue({ N: 1 })).toBe(false);
    expect(isAttrValue({ NULL: false })).toBe(false);
    expect(isAttrValue({ SS: [] })).toBe(false);
    expect(isAttrValue({ X: 'y' })).toBe(false);
    expect(isAttrValue([])).toBe(false);
  });
});

describe('item identity', () => {
  const keys = { partition: 'pk', sort: 'sk' };

  it('is the canonical JSON of the typed key, independent of attribute order', () => {
    const a = { sk: { N: '1' }, pk: { S: 'x' }, other: { S: 'o' } };
    const b = { pk: { S: 'x' }, sk: { N: '1' } };
    expect(itemId(a, keys)).toBe(itemId(b, keys));
    expect(itemId(a, keys)).toBe('{"pk":{"S":"x"},"sk":{"N":"1"}}');
  });

  it('never confuses values that a joined string would', () => {
    expect(itemId({ pk: { S: 'a|b' }, sk: { S: 'c' } }, keys)).not.toBe(itemId({ pk: { S: 'a' }, sk: { S: 'b|c' } }, keys));
    expect(itemId({ pk: { S: '1' }, sk: { S: 'x' } }, keys)).not.toBe(itemId({ pk: { N: '1' }, sk: { S: 'x' } }, keys));
  });

  it('is undefined when a key attribute is missing', () => {
    expect(itemId({ pk: { S: 'x' } }, keys)).toBeUndefined();
    expect(keyOf({ pk: { S: 'x' }, a: { S: 'y' } }, { partition: 'pk' })).toEqual({ pk: { S: 'x' } });
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('compact display', () => {
  it('shows scalars as themselves, numbers exactly as their text', () => {
    expect(compactValue({ N: '1.50' })).toBe('1.50');
    expect(compactValue({ N: '123456789012345678901234567890' })).toBe('123456789012345678901234567890');
    expect(compactValue({ S: 'line1\nline2' })).toBe('line1↵line2');
    expect(compactValue({ BOOL: true })).toBe('true');
    expect(compactValue({ NULL: true })).toBe('null');
    expect(compactValue({ S: '<b>not html</b>' })).toBe('<b>not html</b>');
  });

  it('previews collections and clips long values', () => {
    expect(compactValue({ L: [{ S: 'a' }, { N: '1' }, { M: { k: { BOOL: false } } }] })).toBe('["a", 1, {"k": false}]');
    expect(compactValue({ SS: ['a', 'b'] })).toBe('a, b');
    expect(compactValue({ S: 'x'.repeat(500) }, 20)).toHaveLength(20);
    expect(compactValue({ L: Array.from({ length: 500 }, () => ({ S: 'abcdef' })) }).length).toBeLessThanOrEqual(240);
    expect(sizeOf({ M: { a: { S: '' }, b: { S: '' } } })).toBe(2);
    expect(sizeOf({ S: 'x' })).toBeUndefined();
  });

  it('names a row by its key', () => {
    expect(describeKey({ pk: { S: 'u#1' }, sk: { N: '7' } }, { partition: 'pk', sort: 'sk' })).toBe('pk=u#1, sk=7');
  });
});
