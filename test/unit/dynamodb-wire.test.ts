import { describe, expect, it } from 'vitest';
import type { AttrValue, Item } from '../../preload/dynamodb';
import { AirlockError } from '../../main/core/errors';
import { canonicalDecimal, fromSdk, itemFromSdk, itemToSdk, keyOf, sameValue, toSdk } from '../../main/core/dynamodb/wire';

const BIG = '12345678901234567890123456789012345678';

describe('wire ⇄ SDK values', () => {
  const item: Item = {
    s: { S: 'text "quoted" ✓' },
    n: { N: BIG },
    small: { N: '-0.000000000000000000000000000000000000001' },
    b: { B: 'AAEC/w==' },
    t: { BOOL: true },
    f: { BOOL: false },
    z: { NULL: true },
    ss: { SS: ['a', 'b'] },
    ns: { NS: ['1', BIG] },
    bs: { BS: ['AA==', '/w=='] },
    l: { L: [{ S: 'x' }, { N: '2' }, { L: [] }, { M: { deep: { B: 'AQ==' } } }] },
    m: { M: { 'a.b': { S: 'dotted' }, empty: { M: {} } } },
  };

  it('converts binary to bytes and keeps numbers as text', () => {
    const sdk = itemToSdk(item);
    expect(sdk.b!.B).toBeInstanceOf(Uint8Array);
    expect([...sdk.b!.B!]).toEqual([0, 1, 2, 255]);
    expect(sdk.bs!.BS!.map((b) => [...b])).toEqual([[0], [255]]);
    expect(sdk.n).toEqual({ N: BIG });
    expect(sdk.l!.L![3]!.M!.deep!.B).toBeInstanceOf(Uint8Array);
  });

  it('round-trips every type exactly', () => {
    expect(itemFromSdk(itemToSdk(item))).toEqual(item);
    for (const value of Object.values(item)) expect(fromSdk(toSdk(value))).toEqual(value);
  });

  it('encodes only the bytes of a Uint8Array view, not its whole buffer', () => {
    const bytes = new Uint8Array([9, 0, 1, 2, 255, 9]).subarray(1, 5);
    expect(fromSdk({ B: bytes })).toEqual({ B: 'AAEC/w==' });
    expect(fromSdk({ BS: [bytes.subarray(3)] })).toEqual({ BS: ['/w=='] });
  });

  it('refuses an attribute type it does not know', () => {
    expect(() => fromSdk({ $unknown: ['X', 1] })).toThrow(AirlockError);
  });
});

describe('keyOf', () => {
  const item: Item = { pk: { S: 'a' }, sk: { N: '1' }, other: { S: 'x' } };

  it('keeps only the key attributes', () => {
    expect(keyOf(item, { partition: 'pk', sort: 'sk' })).toEqual({ pk: { S: 'a' }, sk: { N: '1' } });
    expect(keyOf(item, { partition: 'pk' })).toEqual({ pk: { S: 'a' } });
    expect(keyOf({ id: { B: 'AQ==' } }, { partition: 'id' })).toEqual({ id: { B: 'AQ==' } });
  });

  it.each([
    [{ sk: { N: '1' } }, /no value for its key attribute "pk"/],
    [{ pk: { S: 'a' } }, /no value for its key attribute "sk"/],
    [{ pk: { SS: ['a'] }, sk: { N: '1' } }, /"pk" must be a string, number or binary, not SS/],
    [{ pk: { S: 'a' }, sk: { NULL: true } }, /"sk" must be a string, number or binary, not NULL/],
  ] as [Item, RegExp][])('refuses %j', (bad, message) => {
    const call = () => keyOf(bad, { partition: 'pk', sort: 'sk' });
    expect(call).toThrow(message);
    expect(call).toThrow(expect.objectContaining({ code: 'BAD_ITEM' }));
  });
});

describe('sameValue', () => {
  const equal: [AttrValue, AttrValue][] = [
    [{ N: '1.0' }, { N: '1' }],
    [{ N: '1e2' }, { N: '100' }],
    [{ N: '100.000' }, { N: '1E+2' }],
    [{ N: '0.10' }, { N: '1e-1' }],
    [{ N: '.5' }, { N: '0.5' }],
    [{ N: '-0' }, { N: '0.000' }],
    [{ N: '-12.50' }, { N: '-1.25e1' }],
    [{ N: BIG }, { N: `${BIG}.000` }],
    [{ N: '1e99999999999999999999' }, { N: '10e99999999999999999998' }],
    [{ S: 'a' }, { S: 'a' }],
    [{ B: 'AAE=' }, { B: 'AAE' }],
    [{ BOOL: false }, { BOOL: false }],
    [{ NULL: true }, { NULL: true }],
    [{ SS: ['a', 'b'] }, { SS: ['b', 'a'] }],
    [{ NS: ['1', '2.0', '3'] }, { NS: ['3', '2', '1.00'] }],
    [{ BS: ['AA==', 'AQ=='] }, { BS: ['AQ==', 'AA=='] }],
    [{ L: [{ N: '1' }, { S: 'x' }] }, { L: [{ N: '1.0' }, { S: 'x' }] }],
    [{ M: { a: { N: '1' }, b: { L: [] } } }, { M: { b: { L: [] }, a: { N: '1e0' } } }],
  ];
  const different: [AttrValue, AttrValue][] = [
    [{ N: BIG }, { N: '12345678901234567890123456789012345679' }],
    [{ N: '1' }, { N: '-1' }],
    [{ N: '0.1' }, { N: '0.01' }],
    [{ N: '1e2' }, { N: '1e3' }],
    [{ N: '1' }, { S: '1' }],
    [{ S: 'a' }, { S: 'A' }],
    [{ B: 'AAE=' }, { B: 'AAI=' }],
    [{ BOOL: true }, { BOOL: false }],
    [{ NULL: true }, { BOOL: false }],
    [{ SS: ['a', 'b'] }, { SS: ['a'] }],
    [{ SS: ['a'] }, { L: [{ S: 'a' }] }],
    [{ NS: ['1', '2'] }, { NS: ['1', '3'] }],
    [{ L: [{ N: '1' }, { N: '2' }] }, { L: [{ N: '2' }, { N: '1' }] }],
    [{ L: [{ N: '1' }] }, { L: [{ N: '1' }, { N: '1' }] }],
    [{ M: { a: { N: '1' } } }, { M: { a: { N: '1' }, b: { N: '1' } } }],
    [{ M: { a: { N: '1' } } }, { M: { b: { N: '1' } } }],
  ];

  it.each(equal)('%j equals %j', (a, b) => {
    expect(sameValue(a, b)).toBe(true);
    expect(sameValue(b, a)).toBe(true);
  });

  it.each(different)('%j differs from %j', (a, b) => {
    expect(sameValue(a, b)).toBe(false);
    expect(sameValue(b, a)).toBe(false);
  });

  it('normalises decimals on the text, never through a float', () => {
    expect(canonicalDecimal('0.1')).toBe('1e-1');
    expect(canonicalDecimal('100')).toBe('1e2');
    expect(canonicalDecimal('-0.0')).toBe('0');
    expect(canonicalDecimal(BIG)).toBe(`${BIG}e0`);
    expect(canonicalDecimal('9007199254740993')).toBe('9007199254740993e0');
    expect(() => canonicalDecimal('1.2.3')).toThrow(/not a decimal number/);
    expect(() => canonicalDecimal('.')).toThrow(/not a decimal number/);
  });
});
