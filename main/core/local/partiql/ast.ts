/** The parsed form of the PartiQL statements DynamoDB supports; values are already DynamoDB JSON. */
import type { AttrValue, Item } from '../../../../preload/dynamodb';

/** A document path: an attribute name, then map keys (strings) and list indexes (numbers). */
export type Path = [string, ...(string | number)[]];

export type Operand =
  | { kind: 'path'; path: Path }
  | { kind: 'value'; value: AttrValue }
  | { kind: 'size'; path: Path };

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'between'; operand: Operand; low: Operand; high: Operand }
  | { kind: 'in'; operand: Operand; values: Operand[] }
  | { kind: 'function'; name: 'begins_with' | 'contains' | 'attribute_type'; path: Path; operand: Operand }
  /** `path IS [NOT] MISSING` (`missing`) and `path IS [NOT] NULL` (`null`: NULL or missing, as in PartiQL). */
  | { kind: 'is'; test: 'missing' | 'null'; path: Path; negated: boolean };

export type SetValue =
  | { kind: 'operand'; operand: Operand }
  | { kind: 'arith'; op: '+' | '-'; left: Operand; right: Operand }
  | { kind: 'list_append'; left: Operand; right: Operand }
  | { kind: 'if_not_exists'; path: Path; operand: Operand };

export type UpdateAction =
  | { kind: 'set'; path: Path; value: SetValue }
  | { kind: 'remove'; path: Path }
  /** `SET s = set_add(s, <<…>>)` / `set_delete(…)`: DynamoDB's ADD / DELETE on a set. */
  | { kind: 'add' | 'delete'; path: Path; value: AttrValue };

export type Returning = 'ALL_OLD' | 'ALL_NEW' | 'UPDATED_OLD' | 'UPDATED_NEW';

export interface SelectStatement {
  kind: 'select';
  /** Undefined for `*`. */
  projection?: Path[];
  table: string;
  index?: string;
  where?: Condition;
  orderBy?: { path: Path; descending: boolean };
}

export interface InsertStatement {
  kind: 'insert';
  table: string;
  item: Item;
}

export interface UpdateStatement {
  kind: 'update';
  table: string;
  actions: UpdateAction[];
  where: Condition;
  returning?: Returning;
}

export interface DeleteStatement {
  kind: 'delete';
  table: string;
  where: Condition;
  returning?: Returning;
}

export type Statement = SelectStatement | InsertStatement | UpdateStatement | DeleteStatement;
