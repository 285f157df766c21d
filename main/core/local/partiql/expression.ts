/**
 * Writes conditions, projections and updates as DynamoDB expressions. Every name and value goes
 * through a placeholder (#n0, :v0), so no statement text is ever pasted into an expression.
 */
import type { AttrValue } from '../../../../preload/dynamodb';
import type { Condition, Operand, Path, SetValue, UpdateAction } from './ast';

export class ExpressionBuilder {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, AttrValue> = {};
  private readonly nameIds = new Map<string, string>();
  private valueCount = 0;

  name(attribute: string): string {
    let id = this.nameIds.get(attribute);
    if (!id) {
      id = `#n${this.nameIds.size}`;
      this.nameIds.set(attribute, id);
      this.names[id] = attribute;
    }
    return id;
  }

  value(v: AttrValue): string {
    const id = `:v${this.valueCount}`;
    this.valueCount += 1;
    this.values[id] = v;
    return id;
  }

  path(path: Path): string {
    let out = this.name(path[0]);
    for (const seg of path.slice(1)) out += typeof seg === 'number' ? `[${seg}]` : `.${this.name(seg)}`;
    return out;
  }

  operand(o: Operand): string {
    if (o.kind === 'path') return this.path(o.path);
    if (o.kind === 'size') return `size(${this.path(o.path)})`;
    return this.value(o.value);
  }

  condition(c: Condition): string {
    switch (c.kind) {
      case 'and':
      case 'or':
        return c.items.map((item) => `(${this.condition(item)})`).join(c.kind === 'and' ? ' AND ' : ' OR ');
      case 'not':
        return `NOT (${this.condition(c.item)})`;
      case 'compare':
        return `${this.operand(c.left)} ${c.op} ${this.operand(c.right)}`;
      case 'between':
        return `${this.operand(c.operand)} BETWEEN ${this.operand(c.low)} AND ${this.operand(c.high)}`;
      case 'in':
        return `${this.operand(c.operand)} IN (${c.values.map((v) => this.operand(v)).join(', ')})`;
      case 'function':
        return `${c.name}(${this.path(c.path)}, ${this.operand(c.operand)})`;
      case 'is': {
        const p = this.path(c.path);
        if (c.test === 'missing') return c.negated ? `attribute_exists(${p})` : `attribute_not_exists(${p})`;
        // PartiQL's IS NULL holds for a NULL value and for a missing attribute alike.
        const isNull = `(attribute_not_exists(${p}) OR attribute_type(${p}, ${this.value({ S: 'NULL' })}))`;
        return c.negated ? `NOT ${isNull}` : isNull;
      }
    }
  }

  projection(paths: Path[]): string {
    return paths.map((p) => this.path(p)).join(', ');
  }

  private setValue(v: SetValue): string {
    switch (v.kind) {
      case 'operand': return this.operand(v.operand);
      case 'arith': return `${this.operand(v.left)} ${v.op} ${this.operand(v.right)}`;
      case 'list_append': return `list_append(${this.operand(v.left)}, ${this.operand(v.right)})`;
      case 'if_not_exists': return `if_not_exists(${this.path(v.path)}, ${this.operand(v.operand)})`;
    }
  }

  update(actions: UpdateAction[]): string {
    const sets: string[] = [];
    const removes: string[] = [];
    const adds: string[] = [];
    const deletes: string[] = [];
    for (const a of actions) {
      if (a.kind === 'set') sets.push(`${this.path(a.path)} = ${this.setValue(a.value)}`);
      else if (a.kind === 'remove') removes.push(this.path(a.path));
      else (a.kind === 'add' ? adds : deletes).push(`${this.path(a.path)} ${this.value(a.value)}`);
    }
    const clauses: string[] = [];
    if (sets.length) clauses.push(`SET ${sets.join(', ')}`);
    if (removes.length) clauses.push(`REMOVE ${removes.join(', ')}`);
    if (adds.length) clauses.push(`ADD ${adds.join(', ')}`);
    if (deletes.length) clauses.push(`DELETE ${deletes.join(', ')}`);
    return clauses.join(' ');
  }

  /** The placeholders for a request, or nothing when there are none (DynamoDB rejects empty maps). */
  attributes(): { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttrValue> } {
    const out: { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, AttrValue> } = {};
    if (Object.keys(this.names).length) out.ExpressionAttributeNames = this.names;
    if (Object.keys(this.values).length) out.ExpressionAttributeValues = this.values;
    return out;
  }
}
