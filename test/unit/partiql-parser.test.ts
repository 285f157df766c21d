// The PartiQL parser and planner of the embedded Local DynamoDB: statements → AST → DynamoDB requests.
import { describe, expect, it } from 'vitest';
import { tokenize } from '../../main/core/local/partiql/lexer';
import { parseStatement } from '../../main/core/local/partiql/parser';
import type { Condition, Statement } from '../../main/core/local/partiql/ast';
import { plan } from '../../main/core/local/partiql/translate';
import type { TableInfo } from '../../main/core/local/partiql/translate';
import type { AttrValue } from '../../preload/dynamodb';

const path = (...p: [string, ...(string | number)[]]) => ({ kind: 'path' as const, path: p });
const val = (value: AttrValue) => ({ kind: 'value' as const, value });
const where = (stmt: Statement): Condition | undefined => (stmt.kind === 'insert' ? undefined : stmt.where);

interface Case {
  name: string;
  statement: string;
  params?: AttrValue[];
  expected: Partial<Statement> & Record<string, unknown>;
}

const cases: Case[] = [
  {
    name: 'select * without where',
    statement: 'SELECT * FROM "Music"',
    expected: { kind: 'select', table: 'Music' },
  },
  {
    name: 'select projection with nested and indexed paths, from an index',
    statement: 'select a, "b c".d, e[0].f from "t-1"."by.index"',
    expected: { kind: 'select', table: 't-1', index: 'by.index', projection: [['a'], ['b c', 'd'], ['e', 0, 'f']] },
  },
  {
    name: 'equality and comparison operators',
    statement: 'SELECT * FROM t WHERE a = 1 AND b <> \'x\' AND c != 2 AND d < 3 AND e <= 4 AND f > 5 AND g >= 6',
    expected: {
      where: {
        kind: 'and',
        items: [
          { kind: 'compare', op: '=', left: path('a'), right: val({ N: '1' }) },
          { kind: 'compare', op: '<>', left: path('b'), right: val({ S: 'x' }) },
          { kind: 'compare', op: '<>', left: path('c'), right: val({ N: '2' }) },
          { kind: 'compare', op: '<', left: path('d'), right: val({ N: '3' }) },
          { kind: 'compare', op: '<=', left: path('e'), right: val({ N: '4' }) },
          { kind: 'compare', op: '>', left: path('f'), right: val({ N: '5' }) },
          { kind: 'compare', op: '>=', left: path('g'), right: val({ N: '6' }) },
        ],
      },
    },
  },
  {
    name: 'BETWEEN binds its AND before the boolean AND',
    statement: 'SELECT * FROM t WHERE n BETWEEN 1 AND 10 AND s = \'x\'',
    expected: {
      where: {
        kind: 'and',
        items: [
          { kind: 'between', operand: path('n'), low: val({ N: '1' }), high: val({ N: '10' }) },
          { kind: 'compare', op: '=', left: path('s'), right: val({ S: 'x' }) },
        ],
      },
    },
  },
  {
    name: 'IN with brackets and NOT IN with parentheses',
    statement: 'SELECT * FROM t WHERE a IN [\'x\', \'y\'] OR b NOT IN (1, 2)',
    expected: {
      where: {
        kind: 'or',
        items: [
          { kind: 'in', operand: path('a'), values: [val({ S: 'x' }), val({ S: 'y' })] },
          { kind: 'not', item: { kind: 'in', operand: path('b'), values: [val({ N: '1' }), val({ N: '2' })] } },
        ],
      },
    },
  },
  {
    name: 'functions, size and IS [NOT] MISSING',
    statement: 'SELECT * FROM t WHERE begins_with(a, \'p\') AND contains(b, 3) AND attribute_type(c, \'S\') AND size(d) > 2 AND e IS MISSING AND f IS NOT MISSING',
    expected: {
      where: {
        kind: 'and',
        items: [
          { kind: 'function', name: 'begins_with', path: ['a'], operand: val({ S: 'p' }) },
          { kind: 'function', name: 'contains', path: ['b'], operand: val({ N: '3' }) },
          { kind: 'function', name: 'attribute_type', path: ['c'], operand: val({ S: 'S' }) },
          { kind: 'compare', op: '>', left: { kind: 'size', path: ['d'] }, right: val({ N: '2' }) },
          { kind: 'is', test: 'missing', path: ['e'], negated: false },
          { kind: 'is', test: 'missing', path: ['f'], negated: true },
        ],
      },
    },
  },
  {
    name: 'NOT, OR, AND precedence and parentheses',
    statement: 'SELECT * FROM t WHERE NOT a = 1 OR (b = 2 OR c = 3) AND d = 4',
    expected: {
      where: {
        kind: 'or',
        items: [
          { kind: 'not', item: { kind: 'compare', op: '=', left: path('a'), right: val({ N: '1' }) } },
          {
            kind: 'and',
            items: [
              {
                kind: 'or',
                items: [
                  { kind: 'compare', op: '=', left: path('b'), right: val({ N: '2' }) },
                  { kind: 'compare', op: '=', left: path('c'), right: val({ N: '3' }) },
                ],
              },
              { kind: 'compare', op: '=', left: path('d'), right: val({ N: '4' }) },
            ],
          },
        ],
      },
    },
  },
  {
    name: 'literals: exact numbers, negative, escaped quote, booleans, null, map, list, sets',
    statement: 'INSERT INTO "t" VALUE {\'pk\': \'it\'\'s\', \'n\': 12345678901234567890123456789012345678, \'neg\': -0.5e-3, \'t\': TRUE, \'f\': false, \'z\': NULL, \'m\': {\'l\': [1, \'two\', [], {}]}, \'ss\': <<\'a\', \'b\'>>, \'ns\': <<1, 2.50>>}',
    expected: {
      kind: 'insert',
      table: 't',
      item: {
        pk: { S: 'it\'s' },
        n: { N: '12345678901234567890123456789012345678' },
        neg: { N: '-0.5e-3' },
        t: { BOOL: true },
        f: { BOOL: false },
        z: { NULL: true },
        m: { M: { l: { L: [{ N: '1' }, { S: 'two' }, { L: [] }, { M: {} }] } } },
        ss: { SS: ['a', 'b'] },
        ns: { NS: ['1', '2.50'] },
      },
    },
  },
  {
    name: 'parameters fill ? in order, inside literals too',
    statement: 'INSERT INTO t VALUE {\'pk\': ?, \'bin\': ?, \'set\': <<?, ?>>}',
    params: [{ S: 'k' }, { B: 'AQID' }, { N: '1' }, { N: '2' }],
    expected: { item: { pk: { S: 'k' }, bin: { B: 'AQID' }, set: { NS: ['1', '2'] } } },
  },
  {
    name: 'update: SET list, REMOVE, arithmetic, functions, RETURNING',
    statement: 'UPDATE "t" SET a = 1, b.c = \'x\' SET n = n + ? REMOVE old, l[2] SET l = list_append(l, [1]) SET s = set_add(s, <<\'q\'>>) SET d = if_not_exists(d, 0) WHERE pk = \'k\' RETURNING ALL NEW *',
    params: [{ N: '2' }],
    expected: {
      kind: 'update',
      table: 't',
      returning: 'ALL_NEW',
      actions: [
        { kind: 'set', path: ['a'], value: { kind: 'operand', operand: val({ N: '1' }) } },
        { kind: 'set', path: ['b', 'c'], value: { kind: 'operand', operand: val({ S: 'x' }) } },
        { kind: 'set', path: ['n'], value: { kind: 'arith', op: '+', left: path('n'), right: val({ N: '2' }) } },
        { kind: 'remove', path: ['old'] },
        { kind: 'remove', path: ['l', 2] },
        { kind: 'set', path: ['l'], value: { kind: 'list_append', left: path('l'), right: val({ L: [{ N: '1' }] }) } },
        { kind: 'add', path: ['s'], value: { SS: ['q'] } },
        { kind: 'set', path: ['d'], value: { kind: 'if_not_exists', path: ['d'], operand: val({ N: '0' }) } },
      ],
      where: { kind: 'compare', op: '=', left: path('pk'), right: val({ S: 'k' }) },
    },
  },
  {
    name: 'delete with a condition beyond the key',
    statement: 'DELETE FROM "t" WHERE pk = \'k\' AND sk = 1 AND v IS NOT MISSING RETURNING ALL OLD *',
    expected: { kind: 'delete', table: 't', returning: 'ALL_OLD' },
  },
  {
    name: 'comments and odd spacing',
    statement: '-- first line\nSELECT/* x */*\n  FROM   t   WHERE\ta=1',
    expected: { kind: 'select', where: { kind: 'compare', op: '=', left: path('a'), right: val({ N: '1' }) } },
  },
  {
    name: 'ORDER BY … DESC',
    statement: 'SELECT * FROM t WHERE pk = \'a\' ORDER BY sk DESC',
    expected: { orderBy: { path: ['sk'], descending: true } },
  },
];

const malformed: { statement: string; params?: AttrValue[]; error: RegExp }[] = [
  { statement: 'SELEC * FROM t', error: /^Statement wasn't well formed, can't be processed: unexpected token 'SELEC' at position 0$/ },
  { statement: 'SELECT * FROM', error: /unexpected end of statement/ },
  { statement: 'SELECT * FROM t WHERE', error: /unexpected end of statement/ },
  { statement: 'SELECT * FROM t WHERE a =', error: /unexpected end of statement/ },
  { statement: 'SELECT * FROM t WHERE a = 1 b', error: /unexpected token 'b' at position 28/ },
  { statement: 'SELECT * FROM t WHERE (a = 1', error: /unexpected end of statement/ },
  { statement: 'SELECT * FROM t WHERE a = \'open', error: /unterminated string literal at position 26/ },
  { statement: 'SELECT * FROM "t', error: /unterminated quoted identifier/ },
  { statement: 'SELECT * FROM t WHERE a BETWEEN 1 OR 2', error: /unexpected token 'OR'/ },
  { statement: 'SELECT * FROM t WHERE a IN []', error: /unexpected token ']'/ },
  { statement: 'SELECT * FROM t WHERE a = <<>>', error: /unexpected token '>>'/ },
  { statement: 'SELECT * FROM t WHERE a = <<1, \'x\'>>', error: /a set holds only strings, only numbers or only binaries/ },
  { statement: 'SELECT * FROM t WHERE a # 1', error: /unexpected character '#'/ },
  { statement: 'SELECT * FROM t WHERE 1 IS MISSING', error: /IS MISSING needs an attribute path/ },
  { statement: 'SELECT * FROM select', error: /unexpected token 'select'/ },
  { statement: 'SELECT * FROM t WHERE a[x] = 1', error: /unexpected token 'x'/ },
  { statement: 'INSERT INTO t VALUE [1]', error: /INSERT needs a map value/ },
  { statement: 'INSERT INTO t VALUE {\'a\': 1, \'a\': 2}', error: /duplicate key 'a'/ },
  { statement: 'INSERT INTO t VALUE {a: 1}', error: /unexpected token 'a'/ },
  { statement: 'UPDATE t WHERE pk = 1', error: /unexpected token 'WHERE'/ },
  { statement: 'UPDATE t SET a = 1', error: /unexpected end of statement/ },
  { statement: 'DELETE t WHERE pk = 1', error: /unexpected token 't'/ },
  { statement: 'DROP TABLE t', error: /unexpected token 'DROP'/ },
  { statement: 'SELECT * FROM t WHERE a = ?', params: [], error: /^Number of parameters in request and statement don't match\.$/ },
  { statement: 'SELECT * FROM t WHERE a = 1', params: [{ S: 'x' }], error: /Number of parameters in request and statement don't match/ },
  { statement: 'SELECT * FROM t WHERE a = 10abc', error: /unexpected token '10a'/ },
];

describe('PartiQL lexer', () => {
  it('keeps number text exactly and decodes quotes', () => {
    const tokens = tokenize('x = 0.100000000000000000000000000000000000001 AND "we""ird" = \'it\'\'s\'');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['ident', 'x'], ['punct', '='], ['number', '0.100000000000000000000000000000000000001'], ['ident', 'AND'],
      ['quoted', 'we"ird'], ['punct', '='], ['string', 'it\'s'], ['eof', ''],
    ]);
  });
});

describe('PartiQL parser', () => {
  it.each(cases)('$name', ({ statement, params, expected }) => {
    expect(parseStatement(statement, params ?? [])).toMatchObject(expected);
  });

  it.each(malformed)('rejects $statement', ({ statement, params, error }) => {
    expect(() => parseStatement(statement, params ?? [])).toThrow(error);
  });

  it('errors are ValidationExceptions', () => {
    try {
      parseStatement('SELECT');
      expect.unreachable();
    } catch (err) {
      expect((err as Error).name).toBe('ValidationException');
    }
  });
});

describe('PartiQL planner', () => {
  const table: TableInfo = {
    name: 'T',
    key: { partition: 'pk', sort: 'sk' },
    indexes: { byG: { partition: 'g' } },
    attributeTypes: { pk: 'S', sk: 'N', g: 'S' },
  };
  const planOf = (statement: string, params: AttrValue[] = []) => plan(parseStatement(statement, params), table);

  it('a partition key equality makes a Query, the sort key condition joins the key condition', () => {
    const p = planOf('SELECT a FROM T WHERE \'x\' = pk AND sk > 3 AND a = 1');
    expect(p).toEqual({
      op: 'Query',
      request: {
        TableName: 'T',
        KeyConditionExpression: '#n0 = :v0 AND #n1 > :v1',
        FilterExpression: '#n2 = :v2',
        ProjectionExpression: '#n2',
        ExpressionAttributeNames: { '#n0': 'pk', '#n1': 'sk', '#n2': 'a' },
        ExpressionAttributeValues: { ':v0': { S: 'x' }, ':v1': { N: '3' }, ':v2': { N: '1' } },
      },
    });
  });

  it('a flipped sort key comparison is turned around', () => {
    const p = planOf('SELECT * FROM T WHERE pk = \'x\' AND 3 < sk');
    expect(p.op).toBe('Query');
    expect(p.request).toMatchObject({ KeyConditionExpression: '#n0 = :v0 AND #n1 > :v1' });
  });

  it.each([
    ['no partition key equality', 'SELECT * FROM T WHERE a = 1'],
    ['the partition key under OR', 'SELECT * FROM T WHERE pk = \'x\' OR a = 1'],
    ['a key equality of the wrong type', 'SELECT * FROM T WHERE pk = 1'],
    ['two sort key conditions', 'SELECT * FROM T WHERE pk = \'x\' AND sk > 1 AND sk < 5'],
    ['begins_with on a number sort key', 'SELECT * FROM T WHERE pk = \'x\' AND begins_with(sk, 1)'],
  ])('Scan when %s', (_name, statement) => {
    expect(planOf(statement).op).toBe('Scan');
  });

  it('queries an index by its own key', () => {
    const p = planOf('SELECT * FROM T."byG" WHERE g = \'v\'');
    expect(p).toMatchObject({ op: 'Query', request: { IndexName: 'byG', KeyConditionExpression: '#n0 = :v0' } });
    expect(() => planOf('SELECT * FROM T."nope"')).toThrow('The table does not have the specified index: nope');
  });

  it('names and values never enter an expression as text', () => {
    const p = planOf('SELECT * FROM T WHERE "a) OR (b" = \'1 OR 1=1\' AND attribute_type(c, \'S\') AND size(d) >= 2 AND e IS NULL');
    expect(p.request).toMatchObject({
      FilterExpression: '(#n0 = :v0) AND (attribute_type(#n1, :v1)) AND (size(#n2) >= :v2) AND ((attribute_not_exists(#n3) OR attribute_type(#n3, :v3)))',
      ExpressionAttributeNames: { '#n0': 'a) OR (b', '#n1': 'c', '#n2': 'd', '#n3': 'e' },
    });
  });

  it('INSERT is a PutItem on the condition that the key is free', () => {
    expect(planOf('INSERT INTO T VALUE {\'pk\': \'a\', \'sk\': 1}')).toEqual({
      op: 'PutItem',
      request: {
        TableName: 'T',
        Item: { pk: { S: 'a' }, sk: { N: '1' } },
        ConditionExpression: 'attribute_not_exists(#n0)',
        ExpressionAttributeNames: { '#n0': 'pk' },
      },
    });
    expect(() => planOf('INSERT INTO T VALUE {\'pk\': \'a\'}')).toThrow('Missing the key sk in the item');
  });

  it('UPDATE needs the whole key; the rest of WHERE becomes its condition', () => {
    expect(planOf('UPDATE T SET a = 1 WHERE pk = \'a\' AND sk = 2 AND b = 3')).toEqual({
      op: 'UpdateItem',
      request: {
        TableName: 'T',
        Key: { pk: { S: 'a' }, sk: { N: '2' } },
        UpdateExpression: 'SET #n0 = :v0',
        ConditionExpression: '(attribute_exists(#n1)) AND (#n2 = :v1)',
        ExpressionAttributeNames: { '#n0': 'a', '#n1': 'pk', '#n2': 'b' },
        ExpressionAttributeValues: { ':v0': { N: '1' }, ':v1': { N: '3' } },
      },
    });
    expect(() => planOf('UPDATE T SET a = 1 WHERE pk = \'a\'')).toThrow('Where clause does not contain a mandatory equality on all key attributes');
    expect(() => planOf('DELETE FROM T WHERE pk = \'a\' OR sk = 1')).toThrow('Where clause does not contain a mandatory equality on all key attributes');
  });

  it('DELETE by key', () => {
    expect(planOf('DELETE FROM T WHERE sk = 1 AND pk = \'a\'')).toEqual({
      op: 'DeleteItem', request: { TableName: 'T', Key: { pk: { S: 'a' }, sk: { N: '1' } } },
    });
  });

  it('ORDER BY works on the sort key of a Query only', () => {
    expect(planOf('SELECT * FROM T WHERE pk = \'a\' ORDER BY sk DESC').request).toMatchObject({ ScanIndexForward: false });
    expect(() => planOf('SELECT * FROM T ORDER BY sk')).toThrow(/ORDER BY needs a WHERE clause/);
    expect(() => planOf('SELECT * FROM T WHERE pk = \'a\' ORDER BY x')).toThrow(/sort key only/);
  });

  it('where stays intact for a statement with no WHERE', () => {
    expect(where(parseStatement('SELECT * FROM T'))).toBeUndefined();
  });
});
