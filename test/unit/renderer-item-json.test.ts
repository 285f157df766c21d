import { describe, expect, it } from 'vitest';
import type { Item } from '../../preload/dynamodb';
import { Item as ItemSchema } from '../../preload/dynamodb';
import {
  canonicalNumber, changedAttributes, checkKeys, formatDynamoJson, formatPath, itemsEqual, keyFirst, keyOf, keyValueRange, lineColumn,
  numberProblem, parseDynamoJson, toJsonNumberText,
} from '../../renderer/features/items/dynamo-json';
import { NO_HINTS, collectHints, describeHints, itemToPlain, parsePlainJson } from '../../renderer/features/items/plain-json';

const BIG = '12345678901234567890123456789012345678';

/** Every attribute type, nested too. */
const everything: Item = {
  id: { S: 'order#1' },
  n: { N: BIG },
  dec: { N: '0.1000' },
  exp: { N: '1E+3' },
  neg: { N: '-12.50e-3' },
  bin: { B: 'aGVsbG8=' },
  yes: { BOOL: true },
  no: { BOOL: false },
  nothing: { NULL: true },
  tags: { SS: ['a', 'b'] },
  scores: { NS: ['1', '2.50', BIG] },
  blobs: { BS: ['AAE=', 'AgM='] },
  list: { L: [{ S: 'x' }, { N: '3' }, { M: { deep: { B: 'AA==' }, set: { SS: ['z'] } } }] },
  map: { M: { 'odd name': { S: '<b>not html</b>' }, empty: { L: [] }, nested: { M: {} } } },
  emptyString: { S: '' },
  unicode: { S: 'ünïcödé ✓ "quoted" \\ back' },
};

function ok(r: ReturnType<typeof parsePlainJson>): Item {
  if (!r.ok) throw new Error(`expected ok, got: ${r.error.message}`);
  return r.item;
}

function err(r: ReturnType<typeof parsePlainJson>): string {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.item)}`);
  return r.error.message;
}

describe('DynamoDB JSON mode', () => {
  it('round-trips every type exactly', () => {
    const text = formatDynamoJson(everything);
    const back = ok(parseDynamoJson(text));
    expect(back).toEqual(everything);
    expect(ItemSchema.safeParse(back).success).toBe(true);
  });

  it('keeps number text exactly (38 digits, trailing zeros, exponents)', () => {
    const back = ok(parseDynamoJson(`{"a": {"N": "${BIG}"}, "b": {"N": "0.1000"}, "c": {"N": "-1.5E-7"}, "d": {"NS": ["1e125", "100"]}}`));
    expect(back).toEqual({ a: { N: BIG }, b: { N: '0.1000' }, c: { N: '-1.5E-7' }, d: { NS: ['1e125', '100'] } });
  });

  it('asks for exactly one known type key per value', () => {
    expect(err(parseDynamoJson('{"a": {"S": "x", "N": "1"}}'))).toBe('a: a value has exactly one type key, found "S", "N"');
    expect(err(parseDynamoJson('{"a": {}}'))).toMatch(/^a: a value needs one type key/);
    expect(err(parseDynamoJson('{"a": {"s": "x"}}'))).toMatch(/^a: "s" is not a DynamoDB type/);
    expect(err(parseDynamoJson('{"a": "plain"}'))).toMatch(/^a: expected a typed value such as \{"S": "plain"\}, found a string/);
    expect(err(parseDynamoJson('{"a": {"NULL": false}}'))).toMatch(/^a: NULL is written \{"NULL": true\}/);
    expect(err(parseDynamoJson('{"a": {"BOOL": "true"}}'))).toMatch(/^a: BOOL holds true or false/);
  });

  it('checks numbers: text in quotes, decimal, 38 digits, range', () => {
    expect(err(parseDynamoJson('{"a": {"N": 5}}'))).toBe('a: N holds the number as text in quotes, e.g. {"N": "5"}');
    expect(err(parseDynamoJson('{"a": {"N": "12a"}}'))).toMatch(/^a: "12a" is not a decimal number/);
    expect(err(parseDynamoJson('{"a": {"N": ""}}'))).toMatch(/is not a decimal number/);
    expect(err(parseDynamoJson(`{"a": {"N": "${BIG}9"}}`))).toMatch(/39 significant digits/);
    expect(err(parseDynamoJson('{"a": {"N": "1e126"}}'))).toMatch(/too large/);
    expect(err(parseDynamoJson('{"a": {"N": "1e-131"}}'))).toMatch(/too small/);
    // Trailing zeros are not significant; zero is always fine.
    expect(ok(parseDynamoJson(`{"a": {"N": "${BIG}000"}, "z": {"N": "0e999"}}`)).a).toEqual({ N: `${BIG}000` });
  });

  it('checks base64', () => {
    expect(err(parseDynamoJson('{"a": {"B": "not base64!"}}'))).toMatch(/^a: "not base64!" is not base64/);
    expect(err(parseDynamoJson('{"a": {"B": "abc"}}'))).toMatch(/is not base64/);
    expect(ok(parseDynamoJson('{"a": {"B": ""}}')).a).toEqual({ B: '' });
  });

  it('checks sets: non-empty, right element type, no duplicates', () => {
    expect(err(parseDynamoJson('{"tags": {"SS": []}}'))).toMatch(/^tags: sets cannot be empty/);
    expect(err(parseDynamoJson('{"tags": {"NS": ["1", "2", 3]}}'))).toBe('tags[2]: a number set holds only numbers written as text, e.g. "3"');
    expect(err(parseDynamoJson('{"tags": {"SS": ["a", "b", "a"]}}'))).toBe('tags[2]: a set cannot hold the same value twice ("a" is also at [0])');
    expect(err(parseDynamoJson('{"n": {"NS": ["1.50", "15e-1"]}}'))).toMatch(/^n\[1\]: a set cannot hold the same value twice \(15e-1/);
    expect(err(parseDynamoJson('{"b": {"BS": ["AA==", "%%"]}}'))).toMatch(/^b\[1\]: "%%" is not base64/);
  });

  it('names nested paths in messages', () => {
    const text = '{"a": {"M": {"b": {"L": [{"S": "x"}, {"M": {"odd key": {"N": "x1"}}}]}}}}';
    const e = parseDynamoJson(text);
    expect(e.ok).toBe(false);
    if (!e.ok) {
      expect(e.error.message).toBe('a.b[1]["odd key"]: "x1" is not a decimal number');
      expect(e.error.path).toBe('a.b[1]["odd key"]');
    }
  });

  it('reports malformed JSON with line and column', () => {
    const text = '{\n  "a": {"S": "x"}\n  "b": {"S": "y"}\n}';
    const r = parseDynamoJson(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.line).toBe(3);
      expect(r.error.column).toBe(3);
      expect(r.error.message).toMatch(/^Line 3, column 3: Comma ',' expected/);
    }
    const dup = parseDynamoJson('{\n  "a": {"S": "x", "S": "y"}\n}');
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.message).toMatch(/^Line 2, column 20: Duplicate key 'S'/);
    expect(err(parseDynamoJson('   '))).toMatch(/empty/);
    expect(err(parseDynamoJson('[1]'))).toMatch(/must be a JSON object/);
    expect(err(parseDynamoJson('{"": {"S": "x"}}'))).toMatch(/attribute name cannot be empty/);
  });

  it('checks the key attributes', () => {
    const keys = { partition: 'pk', sort: 'sk' };
    expect(checkKeys({ pk: { S: 'a' }, sk: { N: '1' } }, keys)).toBeUndefined();
    expect(checkKeys({ pk: { S: 'a' } }, keys)?.message).toMatch(/"sk" is missing/);
    expect(checkKeys({ pk: { BOOL: true }, sk: { N: '1' } }, keys)?.message).toMatch(/^pk: a key attribute is a string, a number or binary/);
    expect(checkKeys({ pk: { S: '' }, sk: { N: '1' } }, keys)?.message).toBe('pk: a key attribute cannot be an empty string');
    expect(checkKeys({ pk: { B: 'AA==' } }, { partition: 'pk' })).toBeUndefined();
  });

  it('does not let "__proto__" change an object', () => {
    const r = ok(parseDynamoJson('{"__proto__": {"S": "x"}, "m": {"M": {"__proto__": {"N": "1"}}}}'));
    expect(Object.keys(r)).toEqual(['__proto__', 'm']);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(JSON.parse(formatDynamoJson(r))).toEqual(JSON.parse('{"__proto__": {"S": "x"}, "m": {"M": {"__proto__": {"N": "1"}}}}'));
  });
});

describe('Plain JSON mode', () => {
  it('round-trips every type with the hints of the loaded item', () => {
    const text = itemToPlain(everything);
    const back = ok(parsePlainJson(text, collectHints(everything)));
    expect(back).toEqual(everything);
  });

  it('prints numbers with their exact text', () => {
    const text = itemToPlain({ a: { N: BIG }, b: { N: '0.1000' }, c: { N: '1E+3' }, d: { N: '-0.0' }, s: { NS: ['1.10'] } });
    expect(text).toContain(`"a": ${BIG},`);
    expect(text).toContain('"b": 0.1000,');
    expect(text).toContain('"c": 1E+3,');
    expect(text).toContain('"d": -0.0,');
    expect(text).toContain('1.10');
  });

  it('parses numbers without floats', () => {
    const r = ok(parsePlainJson(`{"a": ${BIG}, "b": 0.1000, "c": 1e-130, "d": -5E+125, "e": 9007199254740993, "f": [0.30000000000000004]}`));
    expect(r).toEqual({
      a: { N: BIG }, b: { N: '0.1000' }, c: { N: '1e-130' }, d: { N: '-5E+125' }, e: { N: '9007199254740993' }, f: { L: [{ N: '0.30000000000000004' }] },
    });
  });

  it('gives new attributes their natural type', () => {
    const r = ok(parsePlainJson('{"s": "x", "n": 1, "t": true, "z": null, "l": ["a", 1], "m": {"k": [] }, "e": []}'));
    expect(r).toEqual({
      s: { S: 'x' }, n: { N: '1' }, t: { BOOL: true }, z: { NULL: true }, l: { L: [{ S: 'a' }, { N: '1' }] }, m: { M: { k: { L: [] } } }, e: { L: [] },
    });
  });

  it('keeps sets and binary through the hints, and only them', () => {
    const loaded: Item = { tags: { SS: ['a'] }, nums: { NS: ['1'] }, blobs: { BS: ['AA=='] }, pic: { B: 'AQID' }, nested: { L: [{ M: { raw: { B: 'AA==' } } }] } };
    const hints = collectHints(loaded);
    const r = ok(parsePlainJson('{"tags": ["a", "b"], "nums": [1, 2.5], "blobs": ["AA==", "AQ=="], "pic": "BAUG", "nested": [{"raw": "AQ=="}], "other": ["a"], "str": "AQID"}', hints));
    expect(r).toEqual({
      tags: { SS: ['a', 'b'] },
      nums: { NS: ['1', '2.5'] },
      blobs: { BS: ['AA==', 'AQ=='] },
      pic: { B: 'BAUG' },
      nested: { L: [{ M: { raw: { B: 'AQ==' } } }] },
      other: { L: [{ S: 'a' }] },
      str: { S: 'AQID' },
    });
    // A hinted path given another kind of value takes that value's natural type.
    expect(ok(parsePlainJson('{"tags": "now a string", "pic": 5}', hints))).toEqual({ tags: { S: 'now a string' }, pic: { N: '5' } });
    expect(describeHints(hints).map((h) => `${formatPath(h.path)}: ${h.label}`)).toEqual([
      'tags: string set', 'nums: number set', 'blobs: binary set (base64)', 'pic: binary (base64)', 'nested[0].raw: binary (base64)',
    ]);
  });

  it('validates sets and binary given as plain values', () => {
    const hints = collectHints({ tags: { NS: ['1'] }, names: { SS: ['a'] }, pic: { B: 'AA==' }, b: { BS: ['AA=='] } });
    expect(err(parsePlainJson('{"tags": []}', hints))).toMatch(/^tags: sets cannot be empty/);
    expect(err(parsePlainJson('{"tags": [1, 2, "3"]}', hints))).toBe('tags[2]: a number set holds only numbers, found a string');
    expect(err(parsePlainJson('{"names": ["a", 2]}', hints))).toBe('names[1]: a string set holds only strings, found a number');
    expect(err(parsePlainJson('{"names": ["a", "a"]}', hints))).toMatch(/^names\[1\]: a set cannot hold the same value twice/);
    expect(err(parsePlainJson('{"tags": [1, 1.0]}', hints))).toMatch(/^tags\[1\]: a set cannot hold the same value twice/);
    expect(err(parsePlainJson('{"pic": "hello!"}', hints))).toMatch(/^pic: this value is binary: binary values are written in base64/);
    expect(err(parsePlainJson('{"b": ["AA==", 1]}', hints))).toMatch(/^b\[1\]: a binary set holds only base64 strings/);
  });

  it('names nested paths and checks number limits', () => {
    expect(err(parsePlainJson('{"a": {"b": [1, {"c": 1e200}]}}'))).toMatch(/^a\.b\[1\]\.c: 1e200 is too large/);
    expect(err(parsePlainJson(`{"a": ${BIG}1}`))).toMatch(/^a: .* 39 significant digits/);
  });

  it('reports malformed JSON with line and column', () => {
    const r = parsePlainJson('{\n  "a": 1,\n  "b": tru\n}');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.line).toBe(3);
      expect(r.error.column).toBe(8);
      expect(r.error.message).toMatch(/^Line 3, column 8: /);
    }
    const unterminated = parsePlainJson('{"a": "x');
    expect(unterminated.ok).toBe(false);
    if (!unterminated.ok) expect(unterminated.error.line).toBe(1);
    expect(err(parsePlainJson('{"a": 01}'))).toMatch(/^Line 1, column \d+: /);
    expect(err(parsePlainJson('"just a string"'))).toMatch(/must be a JSON object/);
  });

  it('converts between the modes without losing anything', () => {
    const plain = itemToPlain(everything);
    const item = ok(parsePlainJson(plain, collectHints(everything)));
    const dynamo = formatDynamoJson(item);
    const again = ok(parseDynamoJson(dynamo));
    expect(itemToPlain(again)).toBe(plain);
  });

  it('turns DynamoDB number texts JSON does not allow into valid JSON numbers', () => {
    expect(toJsonNumberText('.5')).toBe('0.5');
    expect(toJsonNumberText('-.5')).toBe('-0.5');
    expect(toJsonNumberText('5.')).toBe('5');
    expect(toJsonNumberText('007')).toBe('7');
    expect(toJsonNumberText('0.1000')).toBe('0.1000');
    expect(toJsonNumberText('1E+3')).toBe('1E+3');
    const item = ok(parsePlainJson(itemToPlain({ a: { N: '.5' }, b: { N: '5.e2' } }), NO_HINTS));
    expect(item).toEqual({ a: { N: '0.5' }, b: { N: '5e2' } });
  });
});

describe('item helpers', () => {
  it('compares items as DynamoDB does', () => {
    expect(itemsEqual({ a: { NS: ['1', '2.0'] }, b: { SS: ['x', 'y'] } }, { b: { SS: ['y', 'x'] }, a: { NS: ['2', '1.00'] } })).toBe(true);
    expect(itemsEqual({ a: { L: [{ N: '1' }, { N: '2' }] } }, { a: { L: [{ N: '2' }, { N: '1' }] } })).toBe(false);
    expect(itemsEqual({ a: { S: '1' } }, { a: { N: '1' } })).toBe(false);
    expect(changedAttributes({ a: { S: 'x' }, b: { N: '1' }, c: { S: 'same' } }, { a: { S: 'y' }, c: { S: 'same' }, d: { NULL: true } })).toEqual(['a', 'b', 'd']);
    expect(canonicalNumber('-0.0')).toBe('0');
    expect(numberProblem('1.')).toBeUndefined();
  });

  it('picks and orders the key', () => {
    const item: Item = { x: { S: '1' }, sk: { N: '2' }, pk: { S: 'p' } };
    expect(keyOf(item, { partition: 'pk', sort: 'sk' })).toEqual({ pk: { S: 'p' }, sk: { N: '2' } });
    expect(Object.keys(keyFirst(item, { partition: 'pk', sort: 'sk' }))).toEqual(['pk', 'sk', 'x']);
  });

  it('finds the value of a key attribute in either mode', () => {
    const item: Item = { pk: { S: 'order#1' }, sk: { N: '42' }, other: { S: 'x' } };
    const plain = itemToPlain(item);
    const [a, b] = keyValueRange(plain, 'pk')!;
    expect(plain.slice(a, b)).toBe('"order#1"');
    const [c, d] = keyValueRange(plain, 'sk')!;
    expect(plain.slice(c, d)).toBe('42');
    const dynamo = formatDynamoJson(item);
    const [e, f] = keyValueRange(dynamo, 'sk')!;
    expect(dynamo.slice(e, f)).toBe('"42"');
    expect(keyValueRange(dynamo, 'missing')).toBeUndefined();
  });

  it('computes line and column', () => {
    expect(lineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab', 99)).toEqual({ line: 1, column: 3 });
  });
});
