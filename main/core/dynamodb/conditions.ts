/**
 * Condition expressions built only from placeholders: every attribute name becomes `#nK` and every
 * value `:vK`, so no text the user typed is ever parsed as expression syntax (names with dots,
 * spaces, '#', ':' or reserved words such as "status" all just work).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { ATTRIBUTE_TYPES } from '../../../preload/dynamodb';
import type { AttrPath, AttrValue, Condition, ConditionGroup } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';
import { toSdk, typeOf } from './wire';

export class Placeholders {
  private readonly names = new Map<string, string>();
  private readonly values: Record<string, AttributeValue> = {};
  private valueCount = 0;

  /** `#nK` for an attribute name; the same name always gets the same placeholder. */
  name(name: string): string {
    let placeholder = this.names.get(name);
    if (placeholder === undefined) {
      placeholder = `#n${this.names.size}`;
      this.names.set(name, placeholder);
    }
    return placeholder;
  }

  /** A fresh `:vK` for a value. */
  value(value: AttrValue): string {
    const placeholder = `:v${this.valueCount++}`;
    this.values[placeholder] = toSdk(value);
    return placeholder;
  }

  /** `#a.#b[0].#c`: a document path whose names are all placeholders. */
  path(path: AttrPath): string {
    if (typeof path[0] !== 'string') {
      throw new AirlockError('BAD_QUERY', `An attribute path must start with a name, not a list index: ${describePath(path)}`);
    }
    return path.map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      return `${i === 0 ? '' : '.'}${this.name(part)}`;
    }).join('');
  }

  /** ExpressionAttributeNames, or undefined when empty (DynamoDB rejects an empty map). */
  get attributeNames(): Record<string, string> | undefined {
    if (this.names.size === 0) return undefined;
    return Object.fromEntries([...this.names].map(([name, placeholder]) => [placeholder, name]));
  }

  /** ExpressionAttributeValues, or undefined when empty. */
  get attributeValues(): Record<string, AttributeValue> | undefined {
    return this.valueCount === 0 ? undefined : { ...this.values };
  }
}

/** A path as the user would read it, for messages: `address.city`, `tags[0]`, `"a.b"`. */
export function describePath(path: AttrPath): string {
  return path.map((part, i) => {
    if (typeof part === 'number') return `[${part}]`;
    const text = /^[A-Za-z_][A-Za-z0-9_-]*$/.test(part) ? part : JSON.stringify(part);
    return i === 0 ? text : `.${text}`;
  }).join('');
}

const COMPARATORS = new Set(['=', '<>', '<', '<=', '>', '>=']);
/** Ordering needs a scalar of an ordered type; DynamoDB rejects the others in an expression. */
const ORDERED = new Set(['S', 'N', 'B']);

/** How many values each op takes. */
export function valueCount(op: Condition['op']): number {
  if (op === 'between') return 2;
  if (op === 'exists' || op === 'not_exists') return 0;
  return 1;
}

/** What is wrong with a condition's values, or undefined when it can be sent. */
export function conditionProblem(condition: Condition): string | undefined {
  const { op, values } = condition;
  const what = `The condition ${describePath(condition.path)} ${op}`;
  const want = valueCount(op);
  if (values.length !== want) return `${what} needs ${want} value${want === 1 ? '' : 's'}, got ${values.length}`;
  const types = values.map(typeOf);
  if (op === 'attribute_type') {
    const first = values[0]!;
    const name = 'S' in first ? first.S : undefined;
    if (!(ATTRIBUTE_TYPES as readonly (string | undefined)[]).includes(name)) {
      return `${what} needs a type name, one of ${ATTRIBUTE_TYPES.join(', ')}`;
    }
  } else if (op.startsWith('size')) {
    if (types[0] !== 'N') return `${what} compares a size, so its value must be a number`;
  } else if (op === 'begins_with') {
    if (types[0] !== 'S' && types[0] !== 'B') return `${what} needs a string or binary value`;
  } else if (op === 'between' || (COMPARATORS.has(op) && op !== '=' && op !== '<>')) {
    if (!types.every((t) => ORDERED.has(t))) return `${what} needs a string, number or binary value`;
    if (op === 'between' && types[0] !== types[1]) return `${what} needs both bounds of the same type`;
  }
  return undefined;
}

/** One condition as expression text; throws BAD_QUERY when its values do not fit its op. */
export function renderCondition(condition: Condition, alloc: Placeholders): string {
  const problem = conditionProblem(condition);
  if (problem !== undefined) throw new AirlockError('BAD_QUERY', problem);
  const { op, values } = condition;
  const path = alloc.path(condition.path);
  const v = (i: number): string => alloc.value(values[i]!);
  switch (op) {
    case 'between': return `${path} BETWEEN ${v(0)} AND ${v(1)}`;
    case 'exists': return `attribute_exists(${path})`;
    case 'not_exists': return `attribute_not_exists(${path})`;
    case 'contains': return `contains(${path}, ${v(0)})`;
    case 'not_contains': return `NOT contains(${path}, ${v(0)})`;
    case 'begins_with': return `begins_with(${path}, ${v(0)})`;
    case 'attribute_type': return `attribute_type(${path}, ${v(0)})`;
    case 'size=': case 'size<>': case 'size<': case 'size<=': case 'size>': case 'size>=':
      return `size(${path}) ${op.slice('size'.length)} ${v(0)}`;
    default: return `${path} ${op} ${v(0)}`;
  }
}

/**
 * A condition or a group as expression text (placeholders registered in `alloc`); undefined for an
 * empty group. Nested groups are parenthesised, so AND/OR precedence never decides the meaning.
 */
export function conditionExpression(node: Condition | ConditionGroup, alloc: Placeholders): string | undefined {
  if (node.kind === 'condition') return renderCondition(node, alloc);
  const parts: string[] = [];
  for (const item of node.items) {
    const text = conditionExpression(item, alloc);
    if (text === undefined) continue;
    parts.push(item.kind === 'group' ? `(${text})` : text);
  }
  return parts.length === 0 ? undefined : parts.join(` ${node.join} `);
}

/** Does any condition in the tree read a top-level attribute in `names`? */
export function usesAttribute(node: Condition | ConditionGroup, names: ReadonlySet<string>): string | undefined {
  if (node.kind === 'condition') {
    const head = node.path[0];
    return typeof head === 'string' && names.has(head) ? head : undefined;
  }
  for (const item of node.items) {
    const found = usesAttribute(item, names);
    if (found !== undefined) return found;
  }
  return undefined;
}
