import { describe, expect, it } from 'vitest';
import { formatPath, formatPathList, needsQuoting, parsePath, parsePathList, splitPathList } from '../../renderer/features/tables/path';

const ok = (text: string): unknown => {
  const r = parsePath(text);
  if (!r.ok) throw new Error(`${text}: ${r.error}`);
  return r.path;
};
const err = (text: string): string => {
  const r = parsePath(text);
  if (r.ok) throw new Error(`${text} parsed as ${JSON.stringify(r.path)}`);
  return r.error;
};

describe('attribute path parser', () => {
  it('reads names and list indexes', () => {
    expect(ok('status')).toEqual(['status']);
    expect(ok('a.b[0].c')).toEqual(['a', 'b', 0, 'c']);
    expect(ok('matrix[1][22]')).toEqual(['matrix', 1, 22]);
    expect(ok('a.b.c.d')).toEqual(['a', 'b', 'c', 'd']);
    expect(ok('123.456')).toEqual(['123', '456']);
  });

  it('keeps names with spaces, unicode and symbols as they are', () => {
    expect(ok('first name')).toEqual(['first name']);
    expect(ok('prix€.naïve-x:y')).toEqual(['prix€', 'naïve-x:y']);
    expect(ok('#tag.$v')).toEqual(['#tag', '$v']);
  });

  it('treats whitespace around the path and between parts as layout', () => {
    expect(ok('  a . b [ 0 ] ')).toEqual(['a', 'b', 0]);
  });

  it('reads backticked names literally: dots, brackets, commas, spaces and doubled backticks', () => {
    expect(ok('`weird.name`')).toEqual(['weird.name']);
    expect(ok('`a.b`.c')).toEqual(['a.b', 'c']);
    expect(ok('m.`x[0]`[1]')).toEqual(['m', 'x[0]', 1]);
    expect(ok('`with``tick`')).toEqual(['with`tick']);
    expect(ok('` padded `')).toEqual([' padded ']);
    expect(ok('`a,b`')).toEqual(['a,b']);
  });

  it('a top-level "a.b" and the map key b of a are different paths', () => {
    expect(ok('`a.b`')).not.toEqual(ok('a.b'));
  });

  it('explains what is wrong', () => {
    expect(err('')).toMatch(/attribute name/);
    expect(err('   ')).toMatch(/attribute name/);
    expect(err('[0]')).toMatch(/starts with an attribute name/);
    expect(err('a..b')).toMatch(/position 3/);
    expect(err('a.')).toMatch(/ends with/);
    expect(err('.a')).toMatch(/position 1/);
    expect(err('a[x]')).toMatch(/list index/);
    expect(err('a[-1]')).toMatch(/list index/);
    expect(err('a[0')).toMatch(/list index/);
    expect(err('a]')).toMatch(/Unexpected "]"/);
    expect(err('`open')).toMatch(/Unclosed backtick/);
    expect(err('``')).toMatch(/Empty name/);
    expect(err('a`b`')).toMatch(/Unexpected/);
    expect(err('a[99999999999]')).toMatch(/too large/);
  });

  it('limits the depth to the contract maximum (32)', () => {
    expect(parsePath(Array.from({ length: 32 }, (_, i) => `n${i}`).join('.')).ok).toBe(true);
    expect(err(Array.from({ length: 33 }, (_, i) => `n${i}`).join('.'))).toMatch(/at most 32/);
  });
});

describe('attribute path printer', () => {
  it('prints plain paths plainly', () => {
    expect(formatPath(['a', 'b', 0, 'c'])).toBe('a.b[0].c');
    expect(formatPath(['m', 1, 2])).toBe('m[1][2]');
    expect(formatPath(['first name'])).toBe('first name');
  });

  it('quotes names that would not read back as themselves', () => {
    expect(formatPath(['weird.name'])).toBe('`weird.name`');
    expect(formatPath(['a', 'x[0]'])).toBe('a.`x[0]`');
    expect(formatPath(['tick`s'])).toBe('`tick``s`');
    expect(formatPath([' pad'])).toBe('` pad`');
    expect(formatPath(['a,b'])).toBe('`a,b`');
    expect(needsQuoting('plain')).toBe(false);
    expect(needsQuoting('a.b')).toBe(true);
  });

  it('round-trips every path exactly', () => {
    const paths = [
      ['a'], ['a', 'b', 0, 'c'], ['weird.name'], ['a.b', 'c', 3], ['`'], ['``x``'], ['[0]'], ['x', '.', 0], [' lead', 'trail '],
      ['with space', 'ünï', 10, 'a,b', 'c]d'], ['tab\there'], ['0'], ['m', 0, 1, 2, 'k'],
    ];
    for (const p of paths) {
      const text = formatPath(p);
      const back = parsePath(text);
      expect(back, text).toEqual({ ok: true, path: p });
    }
  });
});

describe('projection lists', () => {
  it('splits at commas outside backticks', () => {
    expect(splitPathList('a, b.c , `x,y`, `t``,u`')).toEqual(['a', 'b.c', '`x,y`', '`t``,u`']);
    expect(splitPathList(' , ,')).toEqual([]);
  });

  it('parses each path and names the failing one', () => {
    expect(parsePathList('')).toEqual({ ok: true, paths: [] });
    expect(parsePathList('pk, a.b[2], `c.d`')).toEqual({ ok: true, paths: [['pk'], ['a', 'b', 2], ['c.d']] });
    const bad = parsePathList('pk, a..b');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^Path 2 \(a\.\.b\)/);
    expect(parsePathList('a,b,c', 2).ok).toBe(false);
  });

  it('round-trips through the printer', () => {
    const paths = [['pk'], ['a,b', 0], ['x.y', 'z']];
    expect(parsePathList(formatPathList(paths))).toEqual({ ok: true, paths });
  });
});
