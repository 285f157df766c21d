/**
 * Policy files follow Teleport, whose regular expressions are Go's (RE2). JavaScript's are close;
 * this compiles the common Go forms to a JavaScript RegExp, refuses what Go would refuse
 * (lookaround, backreferences) instead of silently meaning something else, and replaces like
 * Go's Regexp.ReplaceAllString (`$1`, `${name}`, `$$`).
 */

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Why a pattern is not a valid Go regular expression, or undefined when it compiles. */
export function goRegexpProblem(pattern: string): string | undefined {
  try {
    compileGoRegexp(pattern);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Compiles a Go (RE2) regular expression; throws an Error saying what is wrong. */
export function compileGoRegexp(pattern: string): RegExp {
  let flags = '';
  let body = pattern;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (lead) {
    for (const f of lead[1]!) {
      if (f === 'i' || f === 'm' || f === 's') {
        if (!flags.includes(f)) flags += f;
      } else {
        throw new Error(`regular expression flag "${f}" is not supported`);
      }
    }
    body = body.slice(lead[0].length);
  }
  const source = translate(body);
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

function translate(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: trailing backslash`);
      if (!inClass && next >= '1' && next <= '9') {
        throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: backreferences (\\${next}) are not supported`);
      }
      if (!inClass && next === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else if (next === 'Q') throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: \\Q...\\E is not supported`);
      else out += c + next;
      i++;
      continue;
    }
    if (inClass) {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
      if (posix) {
        const set = POSIX_CLASSES[posix[2]!];
        if (!set || posix[1]) throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: character class ${posix[0]} is not supported`);
        out += set;
        i += posix[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      // A ']' right after '[' or '[^' is a literal in Go; JavaScript needs it escaped.
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('=') || rest.startsWith('!') || rest.startsWith('<=') || rest.startsWith('<!')) {
        throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: lookaround assertions are not supported`);
      }
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Expands a Go replacement template (`$1`, `${1}`, `$name`, `${name}`, `$$`) for one match. */
export function expandGoReplacement(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i]!;
    if (c !== '$') {
      out += c;
      continue;
    }
    const rest = template.slice(i + 1);
    if (rest.startsWith('$')) {
      out += '$';
      i++;
      continue;
    }
    const m = /^\{([A-Za-z0-9_]+)\}/.exec(rest) ?? /^([A-Za-z0-9_]+)/.exec(rest);
    if (!m) {
      out += '$'; // not a reference: Go keeps the '$' as text
      continue;
    }
    out += group(match, m[1]!);
    i += m[0].length;
  }
  return out;
}

function group(match: RegExpExecArray, name: string): string {
  if (/^\d+$/.test(name)) return match[Number(name)] ?? '';
  return match.groups?.[name] ?? '';
}

/**
 * Go's ReplaceAllString: every leftmost non-overlapping match replaced; an empty match right
 * after a previous match is not replaced again.
 */
export function goReplaceAll(re: RegExp, input: string, template: string): string {
  const global = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
  let out = '';
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= input.length) {
    global.lastIndex = searchPos;
    const m = global.exec(input);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    out += input.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += expandGoReplacement(template, m);
    lastEnd = end;
    const width = codePointWidth(input, searchPos);
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos += 1;
    else searchPos = end;
  }
  return out + input.slice(lastEnd);
}

function codePointWidth(s: string, i: number): number {
  if (i >= s.length) return 1;
  const cp = s.codePointAt(i)!;
  return cp > 0xffff ? 2 : 1;
}
