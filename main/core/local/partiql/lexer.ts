/** Splits a PartiQL statement (DynamoDB's dialect) into tokens; keywords stay identifiers. */
import { PartiqlSyntaxError } from './syntax-error';

export type TokenKind = 'ident' | 'quoted' | 'string' | 'number' | 'punct' | 'param' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text (for a quoted identifier or string: the decoded content). */
  text: string;
  /** Offset in the statement, for error messages. */
  pos: number;
}

// Longest first, so "<<" wins over "<" and "<=" over "<".
const PUNCT = ['<<', '>>', '<=', '>=', '<>', '!=', '=', '<', '>', '(', ')', '[', ']', '{', '}', ',', '.', ':', '*', '+', '-'];

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isIdentStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);
const isIdentPart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9_$]/.test(c);

/** Reads a quoted run starting at `start` (the opening quote); a doubled quote stands for one. */
function readQuoted(src: string, start: number, quote: string): { text: string; end: number } {
  let text = '';
  let i = start + 1;
  for (;;) {
    if (i >= src.length) {
      throw new PartiqlSyntaxError(`unterminated ${quote === '\'' ? 'string literal' : 'quoted identifier'} at position ${start}`);
    }
    const c = src[i] as string;
    if (c === quote) {
      if (src[i + 1] === quote) {
        text += quote;
        i += 2;
        continue;
      }
      return { text, end: i + 1 };
    }
    text += c;
    i += 1;
  }
}

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    if (c === '-' && src[i + 1] === '-') {
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl + 1;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const close = src.indexOf('*/', i + 2);
      if (close === -1) throw new PartiqlSyntaxError(`unterminated comment at position ${i}`);
      i = close + 2;
      continue;
    }
    if (c === '\'' || c === '"') {
      const { text, end } = readQuoted(src, i, c);
      tokens.push({ kind: c === '\'' ? 'string' : 'quoted', text, pos: i });
      i = end;
      continue;
    }
    if (isDigit(c)) {
      // Kept as text: a number must reach DynamoDB exactly as written (38 digits do not fit a double).
      const m = /^\d+(\.\d*)?([eE][+-]?\d+)?/.exec(src.slice(i)) as RegExpExecArray;
      if (isIdentStart(src[i + m[0].length])) {
        throw new PartiqlSyntaxError(`unexpected token '${src.slice(i, i + m[0].length + 1)}' at position ${i}`);
      }
      tokens.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (isIdentStart(c)) {
      let j = i + 1;
      while (isIdentPart(src[j])) j += 1;
      tokens.push({ kind: 'ident', text: src.slice(i, j), pos: i });
      i = j;
      continue;
    }
    if (c === '?') {
      tokens.push({ kind: 'param', text: '?', pos: i });
      i += 1;
      continue;
    }
    const p = PUNCT.find((x) => src.startsWith(x, i));
    if (!p) throw new PartiqlSyntaxError(`unexpected character '${c}' at position ${i}`);
    tokens.push({ kind: 'punct', text: p, pos: i });
    i += p.length;
  }
  tokens.push({ kind: 'eof', text: '', pos: src.length });
  return tokens;
}
