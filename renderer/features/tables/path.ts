/**
 * Attribute paths as the user types them: `a.b[0].c`. A name holding ".", "[", "]", ",", a
 * backtick or surrounding spaces is written in backticks (`` `weird.name` ``); a backtick inside
 * one is doubled. The result is the contract's AttrPath (names and list indexes), never a joined
 * string, so a top-level attribute called "a.b" and the map key b of a are never confused.
 */
import type { AttrPath } from '../../../preload/dynamodb';

export type PathResult = { ok: true; path: AttrPath } | { ok: false; error: string };
export type PathListResult = { ok: true; paths: AttrPath[] } | { ok: false; error: string };

const MAX_DEPTH = 32;
const MAX_INDEX = 2 ** 31 - 1;

/** Parses one path; `text` is trimmed first. */
export function parsePath(text: string): PathResult {
  const s = text.trim();
  if (!s) return { ok: false, error: 'Enter an attribute name, e.g. status or address.city' };
  const path: AttrPath = [];
  let i = 0;
  // After a name or index: '.', '[' or the end. At the start and after '.': a name.
  let expectName = true;
  while (i < s.length) {
    if (/\s/.test(s[i]!)) {
      i++;
      continue;
    }
    const c = s[i]!;
    if (expectName) {
      if (c === '`') {
        let name = '';
        let j = i + 1;
        for (;;) {
          if (j >= s.length) return { ok: false, error: `Unclosed backtick at position ${i + 1}: end a quoted name with \`` };
          if (s[j] === '`') {
            if (s[j + 1] === '`') {
              name += '`';
              j += 2;
              continue;
            }
            break;
          }
          name += s[j];
          j++;
        }
        if (!name) return { ok: false, error: `Empty name at position ${i + 1}` };
        path.push(name);
        i = j + 1;
      } else if (c === '.' || c === '[' || c === ']') {
        return { ok: false, error: path.length === 0 && c === '['
          ? 'A path starts with an attribute name, not a list index'
          : `Expected a name at position ${i + 1}, found "${c}"` };
      } else {
        let j = i;
        while (j < s.length && !'.[]`'.includes(s[j]!)) j++;
        // Spaces around an unquoted name are layout; a name that keeps them is written in backticks.
        path.push(s.slice(i, j).trimEnd());
        i = j;
      }
      expectName = false;
      continue;
    }
    if (c === '.') {
      if (s.slice(i + 1).trim() === '') return { ok: false, error: 'The path ends with ".": a name must follow' };
      expectName = true;
      i++;
    } else if (c === '[') {
      const m = /^\[\s*(\d+)\s*\]/.exec(s.slice(i));
      if (!m) return { ok: false, error: `Expected a list index like [0] at position ${i + 1}` };
      const n = Number(m[1]);
      if (!Number.isSafeInteger(n) || n > MAX_INDEX) return { ok: false, error: `List index ${m[1]} is too large` };
      path.push(n);
      i += m[0].length;
    } else {
      return { ok: false, error: `Unexpected "${c}" at position ${i + 1}: write names with ".", "[" or "]" in backticks, e.g. \`a.b\`` };
    }
    if (path.length > MAX_DEPTH) return { ok: false, error: `A path has at most ${MAX_DEPTH} parts` };
  }
  if (path.length > MAX_DEPTH) return { ok: false, error: `A path has at most ${MAX_DEPTH} parts` };
  return { ok: true, path };
}

/** Whether a name must be written in backticks to read back as itself. */
export function needsQuoting(name: string): boolean {
  return name === '' || /[.[\]`,]/.test(name) || name.trim() !== name;
}

export function formatName(name: string): string {
  return needsQuoting(name) ? `\`${name.replace(/`/g, '``')}\`` : name;
}

/** Prints a path so that parsePath reads it back exactly. */
export function formatPath(path: AttrPath): string {
  let out = '';
  path.forEach((part, i) => {
    if (typeof part === 'number') out += `[${part}]`;
    else out += (i === 0 ? '' : '.') + formatName(part);
  });
  return out;
}

/** Splits at commas outside backticks (a projection: `a, b.c, \`x,y\``). */
export function splitPathList(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '`') {
      if (quoted && text[i + 1] === '`') {
        cur += '``';
        i++;
        continue;
      }
      quoted = !quoted;
      cur += c;
    } else if (c === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else {
      cur += c;
    }
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

/** A comma-separated list of paths; empty text is an empty list. */
export function parsePathList(text: string, max = 100): PathListResult {
  const parts = splitPathList(text);
  if (parts.length > max) return { ok: false, error: `At most ${max} paths` };
  const paths: AttrPath[] = [];
  for (const [i, part] of parts.entries()) {
    const r = parsePath(part);
    if (!r.ok) return { ok: false, error: parts.length > 1 ? `Path ${i + 1} (${part}): ${r.error}` : r.error };
    paths.push(r.path);
  }
  return { ok: true, paths };
}

export function formatPathList(paths: readonly AttrPath[]): string {
  return paths.map(formatPath).join(', ');
}
