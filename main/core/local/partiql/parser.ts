/**
 * A recursive-descent parser for the PartiQL statements DynamoDB accepts: SELECT, INSERT, UPDATE
 * and DELETE on one table. `?` parameters are replaced by the request's Parameters, in order.
 */
import type { AttrValue, Item } from '../../../../preload/dynamodb';
import type {
  CompareOp, Condition, DeleteStatement, InsertStatement, Operand, Path, Returning, SelectStatement, SetValue, Statement,
  UpdateAction, UpdateStatement,
} from './ast';
import { tokenize } from './lexer';
import type { Token } from './lexer';
import { PartiqlSyntaxError } from './syntax-error';

// Words that cannot be a bare attribute or table name (quote them: "value").
const RESERVED = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'IS', 'MISSING', 'NULL', 'TRUE', 'FALSE', 'INSERT',
  'INTO', 'VALUE', 'UPDATE', 'SET', 'REMOVE', 'DELETE', 'ORDER', 'BY', 'RETURNING',
]);
const COMPARE_OPS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);
const CONDITION_FUNCTIONS = new Set(['begins_with', 'contains', 'attribute_type']);
const MAX_IN_VALUES = 100;

export class ParameterCountError extends Error {
  constructor() {
    super('Number of parameters in request and statement don\'t match.');
    this.name = 'ValidationException';
  }
}

class Parser {
  private i = 0;
  private paramsUsed = 0;

  constructor(private readonly tokens: Token[], private readonly params: readonly AttrValue[]) {}

  private get tok(): Token {
    return this.tokens[this.i] as Token;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.i += 1;
    return t;
  }

  private fail(t: Token = this.tok): never {
    if (t.kind === 'eof') throw new PartiqlSyntaxError('unexpected end of statement');
    // Quoted tokens are shown with their quotes, the others as written.
    const text = t.kind === 'string' ? `'${t.text}'` : t.kind === 'quoted' ? `'"${t.text}"'` : `'${t.text}'`;
    throw new PartiqlSyntaxError(`unexpected token ${text} at position ${t.pos}`);
  }

  private isKeyword(word: string, t: Token = this.tok): boolean {
    return t.kind === 'ident' && t.text.toUpperCase() === word;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.i += 1;
    return true;
  }

  private keyword(word: string): void {
    if (!this.acceptKeyword(word)) this.fail();
  }

  private isPunct(p: string, t: Token = this.tok): boolean {
    return t.kind === 'punct' && t.text === p;
  }

  private acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.i += 1;
    return true;
  }

  private punct(p: string): void {
    if (!this.acceptPunct(p)) this.fail();
  }

  /** A name: "quoted" (anything) or a bare identifier that is not a reserved word. */
  private name(): string {
    const t = this.tok;
    if (t.kind === 'quoted') {
      if (t.text === '') throw new PartiqlSyntaxError(`empty quoted identifier at position ${t.pos}`);
      this.i += 1;
      return t.text;
    }
    if (t.kind === 'ident' && !RESERVED.has(t.text.toUpperCase())) {
      this.i += 1;
      return t.text;
    }
    return this.fail();
  }

  statement(): Statement {
    let stmt: Statement;
    if (this.isKeyword('SELECT')) stmt = this.select();
    else if (this.isKeyword('INSERT')) stmt = this.insert();
    else if (this.isKeyword('UPDATE')) stmt = this.update();
    else if (this.isKeyword('DELETE')) stmt = this.delete();
    else return this.fail();
    if (this.tok.kind !== 'eof') this.fail();
    if (this.paramsUsed !== this.params.length) throw new ParameterCountError();
    return stmt;
  }

  private select(): SelectStatement {
    this.keyword('SELECT');
    let projection: Path[] | undefined;
    if (!this.acceptPunct('*')) {
      projection = [this.path()];
      while (this.acceptPunct(',')) projection.push(this.path());
    }
    this.keyword('FROM');
    const table = this.name();
    const stmt: SelectStatement = { kind: 'select', table };
    if (projection) stmt.projection = projection;
    if (this.acceptPunct('.')) stmt.index = this.name();
    if (this.acceptKeyword('WHERE')) stmt.where = this.condition();
    if (this.acceptKeyword('ORDER')) {
      this.keyword('BY');
      const path = this.path();
      const descending = this.acceptKeyword('DESC');
      if (!descending) this.acceptKeyword('ASC');
      stmt.orderBy = { path, descending };
    }
    return stmt;
  }

  private insert(): InsertStatement {
    this.keyword('INSERT');
    this.keyword('INTO');
    const table = this.name();
    this.keyword('VALUE');
    const t = this.tok;
    const value = this.value();
    if (!('M' in value)) throw new PartiqlSyntaxError(`INSERT needs a map value ({'key': value, …}) at position ${t.pos}`);
    return { kind: 'insert', table, item: value.M };
  }

  private update(): UpdateStatement {
    this.keyword('UPDATE');
    const table = this.name();
    const actions: UpdateAction[] = [];
    for (;;) {
      if (this.acceptKeyword('SET')) {
        do actions.push(this.setAction()); while (this.acceptPunct(','));
      } else if (this.acceptKeyword('REMOVE')) {
        do actions.push({ kind: 'remove', path: this.path() }); while (this.acceptPunct(','));
      } else {
        break;
      }
    }
    if (actions.length === 0) this.fail();
    this.keyword('WHERE');
    const stmt: UpdateStatement = { kind: 'update', table, actions, where: this.condition() };
    const returning = this.returning();
    if (returning) stmt.returning = returning;
    return stmt;
  }

  private delete(): DeleteStatement {
    this.keyword('DELETE');
    this.keyword('FROM');
    const table = this.name();
    this.keyword('WHERE');
    const stmt: DeleteStatement = { kind: 'delete', table, where: this.condition() };
    const returning = this.returning();
    if (returning) stmt.returning = returning;
    return stmt;
  }

  /** `RETURNING ALL|MODIFIED OLD|NEW *`. */
  private returning(): Returning | undefined {
    if (!this.acceptKeyword('RETURNING')) return undefined;
    const all = this.acceptKeyword('ALL');
    if (!all) this.keyword('MODIFIED');
    const old = this.acceptKeyword('OLD');
    if (!old) this.keyword('NEW');
    this.punct('*');
    return `${all ? 'ALL' : 'UPDATED'}_${old ? 'OLD' : 'NEW'}`;
  }

  private setAction(): UpdateAction {
    const path = this.path();
    this.punct('=');
    const fn = this.functionName();
    if (fn === 'set_add' || fn === 'set_delete') {
      this.i += 2;
      const target = this.path();
      if (JSON.stringify(target) !== JSON.stringify(path)) {
        throw new PartiqlSyntaxError(`${fn} must work on the attribute being set`);
      }
      this.punct(',');
      const value = this.value();
      this.punct(')');
      return { kind: fn === 'set_add' ? 'add' : 'delete', path, value };
    }
    return { kind: 'set', path, value: this.setValue(fn) };
  }

  private setValue(fn: string | undefined): SetValue {
    if (fn === 'list_append') {
      this.i += 2;
      const left = this.operand();
      this.punct(',');
      const right = this.operand();
      this.punct(')');
      return { kind: 'list_append', left, right };
    }
    if (fn === 'if_not_exists') {
      this.i += 2;
      const path = this.path();
      this.punct(',');
      const operand = this.operand();
      this.punct(')');
      return { kind: 'if_not_exists', path, operand };
    }
    const left = this.operand();
    if (this.isPunct('+') || this.isPunct('-')) {
      const op = this.next().text as '+' | '-';
      return { kind: 'arith', op, left, right: this.operand() };
    }
    return { kind: 'operand', operand: left };
  }

  /** The lower-cased name when the current token starts a function call `name(`. */
  private functionName(): string | undefined {
    return this.tok.kind === 'ident' && this.isPunct('(', this.peek()) ? this.tok.text.toLowerCase() : undefined;
  }

  condition(): Condition {
    const items = [this.conjunction()];
    while (this.acceptKeyword('OR')) items.push(this.conjunction());
    return items.length === 1 ? items[0] as Condition : { kind: 'or', items };
  }

  private conjunction(): Condition {
    const items = [this.negation()];
    while (this.acceptKeyword('AND')) items.push(this.negation());
    return items.length === 1 ? items[0] as Condition : { kind: 'and', items };
  }

  private negation(): Condition {
    if (this.acceptKeyword('NOT')) return { kind: 'not', item: this.negation() };
    return this.primary();
  }

  private primary(): Condition {
    if (this.acceptPunct('(')) {
      const inner = this.condition();
      this.punct(')');
      return inner;
    }
    const fn = this.functionName();
    if (fn !== undefined && CONDITION_FUNCTIONS.has(fn)) {
      this.i += 2;
      const path = this.path();
      this.punct(',');
      const operand = this.operand();
      this.punct(')');
      return { kind: 'function', name: fn as 'begins_with' | 'contains' | 'attribute_type', path, operand };
    }
    return this.predicate();
  }

  private predicate(): Condition {
    const left = this.operand();
    const t = this.tok;
    if (t.kind === 'punct' && COMPARE_OPS.has(t.text)) {
      this.i += 1;
      const op = (t.text === '!=' ? '<>' : t.text) as CompareOp;
      return { kind: 'compare', op, left, right: this.operand() };
    }
    if (this.acceptKeyword('IS')) {
      const negated = this.acceptKeyword('NOT');
      const test = this.acceptKeyword('MISSING') ? 'missing' : this.acceptKeyword('NULL') ? 'null' : this.fail();
      if (left.kind !== 'path') throw new PartiqlSyntaxError(`IS ${negated ? 'NOT ' : ''}${test.toUpperCase()} needs an attribute path at position ${t.pos}`);
      return { kind: 'is', test, path: left.path, negated };
    }
    const negated = this.acceptKeyword('NOT');
    let cond: Condition;
    if (this.acceptKeyword('BETWEEN')) {
      const low = this.operand();
      this.keyword('AND');
      cond = { kind: 'between', operand: left, low, high: this.operand() };
    } else if (this.acceptKeyword('IN')) {
      cond = { kind: 'in', operand: left, values: this.inList() };
    } else {
      return this.fail();
    }
    return negated ? { kind: 'not', item: cond } : cond;
  }

  private inList(): Operand[] {
    const open = this.tok;
    const close = this.acceptPunct('[') ? ']' : this.acceptPunct('(') ? ')' : this.fail();
    const values = [this.operand()];
    while (this.acceptPunct(',')) values.push(this.operand());
    this.punct(close);
    if (values.length > MAX_IN_VALUES) {
      throw new PartiqlSyntaxError(`IN takes at most ${MAX_IN_VALUES} values, got ${values.length} at position ${open.pos}`);
    }
    return values;
  }

  private operand(): Operand {
    if (this.functionName() === 'size') {
      this.i += 2;
      const path = this.path();
      this.punct(')');
      return { kind: 'size', path };
    }
    const t = this.tok;
    if (t.kind === 'quoted' || (t.kind === 'ident' && !RESERVED.has(t.text.toUpperCase()))) {
      return { kind: 'path', path: this.path() };
    }
    return { kind: 'value', value: this.value() };
  }

  path(): Path {
    const path: Path = [this.name()];
    for (;;) {
      if (this.acceptPunct('.')) {
        path.push(this.name());
      } else if (this.acceptPunct('[')) {
        const t = this.next();
        if (t.kind !== 'number' || !/^\d+$/.test(t.text)) this.fail(t);
        path.push(Number(t.text));
        this.punct(']');
      } else {
        return path;
      }
    }
  }

  value(): AttrValue {
    const t = this.next();
    switch (t.kind) {
      case 'string': return { S: t.text };
      case 'number': return { N: t.text };
      case 'param': {
        const v = this.params[this.paramsUsed];
        this.paramsUsed += 1;
        if (v === undefined) throw new ParameterCountError();
        return v;
      }
      case 'ident': {
        const word = t.text.toUpperCase();
        if (word === 'TRUE' || word === 'FALSE') return { BOOL: word === 'TRUE' };
        if (word === 'NULL') return { NULL: true };
        return this.fail(t);
      }
      case 'punct':
        if (t.text === '-' && this.tok.kind === 'number') return { N: `-${this.next().text}` };
        if (t.text === '{') return this.map();
        if (t.text === '[') return this.list();
        if (t.text === '<<') return this.set(t);
        return this.fail(t);
      default:
        return this.fail(t);
    }
  }

  private map(): AttrValue {
    const out: Item = {};
    if (this.acceptPunct('}')) return { M: out };
    do {
      const k = this.next();
      if (k.kind !== 'string') this.fail(k);
      if (k.text in out) throw new PartiqlSyntaxError(`duplicate key '${k.text}' in map at position ${k.pos}`);
      this.punct(':');
      out[k.text] = this.value();
    } while (this.acceptPunct(','));
    this.punct('}');
    return { M: out };
  }

  private list(): AttrValue {
    const out: AttrValue[] = [];
    if (this.acceptPunct(']')) return { L: out };
    do out.push(this.value()); while (this.acceptPunct(','));
    this.punct(']');
    return { L: out };
  }

  private set(open: Token): AttrValue {
    const items: AttrValue[] = [];
    do items.push(this.value()); while (this.acceptPunct(','));
    this.punct('>>');
    if (items.every((v) => 'S' in v)) return { SS: items.map((v) => (v as { S: string }).S) };
    if (items.every((v) => 'N' in v)) return { NS: items.map((v) => (v as { N: string }).N) };
    if (items.every((v) => 'B' in v)) return { BS: items.map((v) => (v as { B: string }).B) };
    throw new PartiqlSyntaxError(`a set holds only strings, only numbers or only binaries, at position ${open.pos}`);
  }
}

/** Parses one statement; throws PartiqlSyntaxError or ParameterCountError (both ValidationExceptions). */
export function parseStatement(text: string, params: readonly AttrValue[] = []): Statement {
  return new Parser(tokenize(text), params).statement();
}
