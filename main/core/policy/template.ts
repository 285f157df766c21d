import { compileGoRegexp, goReplaceAll } from './go-regexp';

/**
 * Teleport-style role templates in policy values:
 *
 *   arn:aws:iam::123456789012:role/{{internal.team}}-ro
 *   {{external.aws_role_arns}}
 *   arn:aws:iam::123456789012:role/{{email.local(external.email)}}
 *   {{regexp.replace(external.groups, "^aws-(.*)$", "$1")}}
 *
 * A value holds at most one {{...}}, with literal text around it (no other braces). Variables
 * are `internal.NAME` (traits of the user's `kind: user` resource) and `external.NAME` (traits
 * the user entered); `NAMESPACE["name"]` reaches names with other characters. A trait with
 * several values expands to several values; a missing trait to none.
 */

export type TraitNamespace = 'internal' | 'external';

export type TemplateExpr =
  | { kind: 'variable'; namespace: TraitNamespace; name: string }
  | { kind: 'email.local'; arg: TemplateExpr }
  | { kind: 'regexp.replace'; arg: TemplateExpr; pattern: string; re: RegExp; replacement: string };

export type ParsedValue =
  | { kind: 'literal'; value: string }
  | { kind: 'template'; prefix: string; expr: TemplateExpr; suffix: string };

export interface TraitSources {
  internal: Readonly<Record<string, readonly string[]>>;
  external: Readonly<Record<string, readonly string[]>>;
}

/** A template that cannot be parsed: the message names what is wrong ("unknown template function ..."). */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export const TEMPLATE_FUNCTIONS = ['email.local', 'regexp.replace'] as const;
const NAMESPACES: readonly string[] = ['internal', 'external'];

/** True when the value uses template syntax at all (a literal otherwise). */
export function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('}}');
}

/** Parses one value; throws TemplateError on bad syntax, unknown namespaces or functions. */
export function parseValue(value: string): ParsedValue {
  if (!isTemplate(value)) return { kind: 'literal', value };
  const open = value.indexOf('{{');
  if (open < 0) throw new TemplateError('malformed template: "}}" without "{{"');
  const prefix = value.slice(0, open);
  if (/[{}]/.test(prefix)) throw new TemplateError('malformed template: write literal text around one {{...}}, with no other braces');
  const close = closingBraces(value, open + 2);
  const suffix = value.slice(close + 2);
  if (suffix.includes('{{')) throw new TemplateError('a value may hold only one {{template}}');
  if (/[{}]/.test(suffix)) throw new TemplateError('malformed template: write literal text around one {{...}}, with no other braces');
  return { kind: 'template', prefix, expr: new Parser(value.slice(open + 2, close)).parseAll(), suffix };
}

/** Where the "}}" closing a template starts; braces inside quoted strings (regexp `{2}`, `${name}`) do not count. */
function closingBraces(value: string, from: number): number {
  for (let i = from; i < value.length; i++) {
    const c = value[i]!;
    if (c === '"' || c === '`') {
      let j = i + 1;
      while (j < value.length && value[j] !== c) j += c === '"' && value[j] === '\\' ? 2 : 1;
      if (j >= value.length) throw new TemplateError(`unterminated ${c === '"' ? '"string"' : '`raw string`'} in template`);
      i = j;
    } else if (c === '}' && value[i + 1] === '}') {
      return i;
    } else if (c === '{' || c === '}') {
      throw new TemplateError(c === '{' && value[i + 1] === '{' ? 'a value may hold only one {{template}}' : 'malformed template: braces inside {{...}}');
    }
  }
  throw new TemplateError('malformed template: "{{" without "}}"');
}

/** The values one value expands to for these traits: none when the trait is missing. */
export function expandValue(value: string | ParsedValue, traits: TraitSources): string[] {
  const parsed = typeof value === 'string' ? parseValue(value) : value;
  if (parsed.kind === 'literal') return [parsed.value];
  return unique(evaluate(parsed.expr, traits).map((v) => parsed.prefix + v + parsed.suffix));
}

function evaluate(expr: TemplateExpr, traits: TraitSources): string[] {
  switch (expr.kind) {
    case 'variable': {
      const source = traits[expr.namespace];
      return Object.hasOwn(source, expr.name) ? [...source[expr.name]!] : [];
    }
    case 'email.local':
      return evaluate(expr.arg, traits).map(emailLocal).filter((v): v is string => v !== undefined);
    case 'regexp.replace':
      // Values the expression does not match are dropped, as Teleport does.
      return evaluate(expr.arg, traits)
        .filter((v) => expr.re.test(v))
        .map((v) => goReplaceAll(expr.re, v, expr.replacement));
  }
}

/** The local part of an e-mail address (`Alice <alice@example.com>` too); undefined when it is not one. */
export function emailLocal(address: string): string | undefined {
  const angle = /<([^<>]*)>\s*$/.exec(address);
  const addr = (angle ? angle[1]! : address).trim();
  const at = addr.lastIndexOf('@');
  if (at <= 0 || at === addr.length - 1 || /\s/.test(addr)) return undefined;
  return addr.slice(0, at);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

type Token =
  | { t: 'ident'; v: string; pos: number }
  | { t: 'string'; v: string; pos: number }
  | { t: 'punct'; v: '.' | '(' | ')' | ',' | '[' | ']'; pos: number }
  | { t: 'end'; pos: number };

class Parser {
  private readonly tokens: Token[];
  private i = 0;

  constructor(private readonly src: string) {
    this.tokens = tokenize(src);
  }

  parseAll(): TemplateExpr {
    if (this.peek().t === 'end') throw new TemplateError('empty template {{}}');
    const expr = this.parseExpr();
    const next = this.peek();
    if (next.t !== 'end') throw new TemplateError(`unexpected ${describe(next)} in template "{{${this.src}}}"`);
    return expr;
  }

  private peek(): Token {
    return this.tokens[this.i]!;
  }

  private take(): Token {
    const t = this.tokens[this.i]!;
    if (t.t !== 'end') this.i++;
    return t;
  }

  private expectPunct(v: string): void {
    const t = this.take();
    if (t.t !== 'punct' || t.v !== v) throw new TemplateError(`expected "${v}" but found ${describe(t)} in template "{{${this.src}}}"`);
  }

  private parseExpr(): TemplateExpr {
    const first = this.take();
    if (first.t === 'string') throw new TemplateError(`a template must use a trait, not only the text ${JSON.stringify(first.v)}`);
    if (first.t !== 'ident') throw new TemplateError(`expected a trait such as external.email but found ${describe(first)} in template "{{${this.src}}}"`);
    const next = this.peek();
    if (next.t === 'punct' && next.v === '[') {
      this.take();
      const name = this.take();
      if (name.t !== 'string') throw new TemplateError(`expected a quoted trait name after ${first.v}[ in template "{{${this.src}}}"`);
      this.expectPunct(']');
      return this.variable(first.v, name.v);
    }
    if (next.t !== 'punct' || next.v !== '.') {
      if (NAMESPACES.includes(first.v)) throw new TemplateError(`missing trait name: write ${first.v}.NAME`);
      throw new TemplateError(`unknown template namespace "${first.v}" (use internal or external)`);
    }
    this.take();
    const second = this.take();
    if (second.t !== 'ident') throw new TemplateError(`expected a name after "${first.v}." but found ${describe(second)}`);
    const after = this.peek();
    if (after.t === 'punct' && after.v === '(') return this.call(`${first.v}.${second.v}`);
    if (after.t === 'punct' && after.v === '.') throw new TemplateError(`unsupported nested name "${first.v}.${second.v}.…" in template "{{${this.src}}}"`);
    return this.variable(first.v, second.v);
  }

  private variable(namespace: string, name: string): TemplateExpr {
    if (namespace === 'internal' || namespace === 'external') {
      if (!name) throw new TemplateError(`missing trait name: write ${namespace}.NAME`);
      return { kind: 'variable', namespace, name };
    }
    if (namespace === 'email' || namespace === 'regexp') {
      throw new TemplateError(`"${namespace}.${name}" is a function, not a trait: call it, e.g. {{email.local(external.email)}}`);
    }
    throw new TemplateError(`unknown template namespace "${namespace}" (use internal or external)`);
  }

  private call(fn: string): TemplateExpr {
    if (!(TEMPLATE_FUNCTIONS as readonly string[]).includes(fn)) {
      throw new TemplateError(`unknown template function "${fn}" (known: ${TEMPLATE_FUNCTIONS.join(', ')})`);
    }
    this.expectPunct('(');
    const args: (TemplateExpr | string)[] = [];
    if (!(this.peek().t === 'punct' && (this.peek() as { v: string }).v === ')')) {
      for (;;) {
        const t = this.peek();
        if (t.t === 'string') {
          this.take();
          args.push(t.v);
        } else {
          args.push(this.parseExpr());
        }
        const sep = this.peek();
        if (sep.t === 'punct' && sep.v === ',') {
          this.take();
          continue;
        }
        break;
      }
    }
    this.expectPunct(')');
    const trait = (a: TemplateExpr | string | undefined): TemplateExpr => {
      if (a === undefined || typeof a === 'string') {
        throw new TemplateError(`${fn} takes a trait as its first argument, e.g. ${fn}(external.email${fn === 'regexp.replace' ? ', "RE", "REPLACEMENT"' : ''})`);
      }
      return a;
    };
    if (fn === 'email.local') {
      if (args.length !== 1) throw new TemplateError(`email.local takes 1 argument, got ${args.length}`);
      return { kind: 'email.local', arg: trait(args[0]) };
    }
    if (args.length !== 3) throw new TemplateError(`regexp.replace takes 3 arguments (trait, "expression", "replacement"), got ${args.length}`);
    const arg = trait(args[0]);
    const [, pattern, replacement] = args;
    if (typeof pattern !== 'string' || typeof replacement !== 'string') {
      throw new TemplateError('regexp.replace: the expression and the replacement must be quoted strings');
    }
    let re: RegExp;
    try {
      re = compileGoRegexp(pattern);
    } catch (err) {
      throw new TemplateError(`regexp.replace: ${(err as Error).message}`);
    }
    return { kind: 'regexp.replace', arg, pattern, re, replacement };
  }
}

function describe(t: Token): string {
  if (t.t === 'end') return 'the end';
  if (t.t === 'string') return `the string ${JSON.stringify(t.v)}`;
  return `"${t.v}"`;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '.' || c === '(' || c === ')' || c === ',' || c === '[' || c === ']') {
      tokens.push({ t: 'punct', v: c, pos: i });
      i++;
      continue;
    }
    if (c === '"') {
      const { value, end } = readQuoted(src, i);
      tokens.push({ t: 'string', v: value, pos: i });
      i = end;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new TemplateError('unterminated `raw string` in template');
      tokens.push({ t: 'string', v: src.slice(i + 1, end), pos: i });
      i = end + 1;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
    if (!ident) throw new TemplateError(`unexpected character "${c}" in template "{{${src}}}"`);
    tokens.push({ t: 'ident', v: ident[0], pos: i });
    i += ident[0].length;
  }
  tokens.push({ t: 'end', pos: src.length });
  return tokens;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '"': '"', '\\': '\\', '\'': '\'', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** A Go-style double-quoted string: `\\` for a backslash (regular expressions: "\\." or `\.`). */
function readQuoted(src: string, start: number): { value: string; end: number } {
  let value = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i]!;
    if (c === '"') return { value, end: i + 1 };
    if (c !== '\\') {
      value += c;
      continue;
    }
    const e = src[i + 1];
    if (e === undefined) break;
    if (e in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[e];
      i++;
      continue;
    }
    const hex = e === 'x' ? /^[0-9a-fA-F]{2}/ : e === 'u' ? /^[0-9a-fA-F]{4}/ : e === 'U' ? /^[0-9a-fA-F]{8}/ : undefined;
    const digits = hex?.exec(src.slice(i + 2));
    if (digits) {
      value += String.fromCodePoint(parseInt(digits[0], 16));
      i += 1 + digits[0].length;
      continue;
    }
    throw new TemplateError(`invalid escape "\\${e}" in a quoted string: write "\\\\${e}" or use a \`raw string\``);
  }
  throw new TemplateError('unterminated "string" in template');
}
