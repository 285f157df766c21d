/**
 * The DynamoDB part of the contract: values, query specs and results as they cross between the
 * renderer and the main side. Values travel as DynamoDB JSON (what the aws CLI prints: numbers as
 * their decimal text, binary as base64) so nothing is lost on the way.
 */
import { z } from 'zod';

/** One DynamoDB attribute value in DynamoDB JSON. */
export type AttrValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { L: AttrValue[] }
  | { M: Record<string, AttrValue> };

/** An item (or a key): attribute name → value. */
export type Item = Record<string, AttrValue>;

const number = z.string().regex(/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, 'a decimal number');
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

export const AttrValue: z.ZodType<AttrValue> = z.lazy(() =>
  z.union([
    z.object({ S: z.string() }).strict(),
    z.object({ N: number }).strict(),
    z.object({ B: base64 }).strict(),
    z.object({ BOOL: z.boolean() }).strict(),
    z.object({ NULL: z.literal(true) }).strict(),
    z.object({ SS: z.array(z.string()).min(1) }).strict(),
    z.object({ NS: z.array(number).min(1) }).strict(),
    z.object({ BS: z.array(base64).min(1) }).strict(),
    z.object({ L: z.array(AttrValue) }).strict(),
    z.object({ M: z.record(z.string(), AttrValue) }).strict(),
  ]),
);

export const Item: z.ZodType<Item> = z.record(z.string().min(1).max(65_535), AttrValue);

export const tableName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'a table name (3-255 of letters, digits, "_", "-", ".")');
export const indexName = z.string().regex(/^[A-Za-z0-9_.-]{3,255}$/, 'an index name');
export const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d+$/, 'an AWS region such as us-east-1');

/** An attribute path: names (map keys, top-level attributes) and list indexes; never a joined string. */
export const AttrPath = z.array(z.union([z.string().min(1).max(65_535), z.number().int().min(0)])).min(1).max(32);
export type AttrPath = z.infer<typeof AttrPath>;

export const ATTRIBUTE_TYPES = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'] as const;

/** Operators of a filter condition; "size_*" compare the size of the attribute. */
export const FILTER_OPS = [
  '=', '<>', '<', '<=', '>', '>=', 'between', 'exists', 'not_exists', 'contains', 'not_contains', 'begins_with',
  'attribute_type', 'size=', 'size<>', 'size<', 'size<=', 'size>', 'size>=',
] as const;
export const SORT_KEY_OPS = ['=', '<', '<=', '>', '>=', 'between', 'begins_with'] as const;

export const Condition = z.object({
  kind: z.literal('condition'),
  path: AttrPath,
  op: z.enum(FILTER_OPS),
  /** between: two values; exists/not_exists: none; attribute_type: one { S: 'N' }-style type name in S; the others: one. */
  values: z.array(AttrValue).max(2),
}).strict();
export type Condition = z.infer<typeof Condition>;

export interface ConditionGroup {
  kind: 'group';
  join: 'AND' | 'OR';
  items: (Condition | ConditionGroup)[];
}
export const ConditionGroup: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.object({ kind: z.literal('group'), join: z.enum(['AND', 'OR']), items: z.array(z.union([Condition, ConditionGroup])).max(100) }).strict(),
);

/** What the user asks to read; the service turns it into a Query when the key conditions allow, else a Scan. */
export const ReadSpec = z.object({
  table: tableName,
  index: indexName.optional(),
  /** The partition key's value: with it, the read is a Query. */
  partition: AttrValue.optional(),
  sort: z.object({ op: z.enum(SORT_KEY_OPS), values: z.array(AttrValue).min(1).max(2) }).strict().optional(),
  filter: ConditionGroup.optional(),
  projection: z.array(AttrPath).max(100).optional(),
  descending: z.boolean().optional(),
  consistent: z.boolean().optional(),
  /** DynamoDB's Limit: items evaluated per request (not rows shown). */
  pageSize: z.number().int().min(1).max(10_000).optional(),
}).strict();
export type ReadSpec = z.infer<typeof ReadSpec>;

export const ReadPlan = z.object({
  operation: z.enum(['Query', 'Scan']),
  /** One sentence for the user: why Query, or why this will Scan. */
  explanation: z.string(),
  keyNames: z.object({ partition: z.string(), sort: z.string().optional() }),
});
export type ReadPlan = z.infer<typeof ReadPlan>;

/** When a read stops: enough rows matched, or a budget is spent (the other limit, kept apart from pageSize). */
export const ReadBudget = z.object({
  rows: z.number().int().min(1).max(100_000).default(100),
  maxCapacityUnits: z.number().positive().max(1_000_000).optional(),
  maxMs: z.number().int().min(100).max(600_000).optional(),
}).strict();

export const PageStat = z.object({ count: z.number(), scannedCount: z.number(), consumedCapacity: z.number().optional(), ms: z.number() });

export const ReadResult = z.object({
  plan: ReadPlan,
  items: z.array(Item),
  /** Where the next read starts; absent when the table/index is read to the end. */
  lastKey: Item.optional(),
  count: z.number(),
  scannedCount: z.number(),
  consumedCapacity: z.number().optional(),
  pages: z.array(PageStat),
  elapsedMs: z.number(),
  stoppedBy: z.enum(['rows', 'end', 'capacity', 'time']),
});
export type ReadResult = z.infer<typeof ReadResult>;

export const KeySchemaView = z.object({ partition: z.string(), sort: z.string().optional() });

export const IndexView = z.object({
  name: z.string(),
  kind: z.enum(['GSI', 'LSI']),
  key: KeySchemaView,
  projection: z.object({ type: z.string(), attributes: z.array(z.string()) }),
  status: z.string().optional(),
  itemCount: z.number().optional(),
  sizeBytes: z.number().optional(),
  capacity: z.object({ read: z.number(), write: z.number() }).optional(),
});

/** Table details; a field a service does not report (an emulator) is absent and said so in `unavailable`. */
export const TableView = z.object({
  name: z.string(),
  arn: z.string().optional(),
  status: z.string(),
  key: KeySchemaView,
  attributeTypes: z.record(z.string(), z.string()),
  indexes: z.array(IndexView),
  billingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']),
  capacity: z.object({ read: z.number(), write: z.number() }).optional(),
  /** DynamoDB updates these about every six hours: approximate. */
  itemCount: z.number(),
  sizeBytes: z.number(),
  createdAt: z.string().optional(),
  ttl: z.object({ status: z.string(), attribute: z.string().optional() }).optional(),
  stream: z.object({ enabled: z.boolean(), viewType: z.string().optional(), arn: z.string().optional() }),
  pointInTimeRecovery: z.enum(['ENABLED', 'DISABLED']).optional(),
  deletionProtection: z.boolean(),
  tags: z.record(z.string(), z.string()).optional(),
  /** What could not be read, and why (e.g. "PITR: the emulator does not support DescribeContinuousBackups"). */
  unavailable: z.array(z.string()),
});
export type TableView = z.infer<typeof TableView>;

const keyAttr = z.object({ name: z.string().min(1).max(255), type: z.enum(['S', 'N', 'B']) }).strict();

export const CreateTableSpec = z.object({
  table: tableName,
  partitionKey: keyAttr,
  sortKey: keyAttr.optional(),
  billingMode: z.enum(['PAY_PER_REQUEST', 'PROVISIONED']).default('PAY_PER_REQUEST'),
  capacity: z.object({ read: z.number().int().min(1).max(40_000), write: z.number().int().min(1).max(40_000) }).strict().optional(),
  indexes: z.array(z.object({
    name: indexName,
    kind: z.enum(['GSI', 'LSI']),
    partitionKey: keyAttr,
    sortKey: keyAttr.optional(),
    projection: z.enum(['ALL', 'KEYS_ONLY', 'INCLUDE']).default('ALL'),
    attributes: z.array(z.string().min(1)).max(20).optional(),
  }).strict()).max(25).default([]),
}).strict();
export type CreateTableSpec = z.input<typeof CreateTableSpec>;

/** Saving an edited item: the service writes the diff with a condition on `original`. */
export const SaveResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('saved'), item: Item }),
  /** Someone changed (or deleted) the item since it was loaded: nothing was written. */
  z.object({ status: z.literal('conflict'), current: Item.nullable() }),
]);
export type SaveResult = z.infer<typeof SaveResult>;

export const JobView = z.object({
  id: z.string(),
  kind: z.enum(['export', 'import']),
  app: z.string(),
  table: z.string(),
  path: z.string(),
  format: z.enum(['jsonl', 'csv']),
  state: z.enum(['running', 'done', 'cancelled', 'failed', 'paused']),
  items: z.number(),
  scanned: z.number(),
  rejected: z.number(),
  bytes: z.number(),
  /** 0..1 when the total is known (the table's approximate item count), else absent. */
  progress: z.number().optional(),
  segments: z.number(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  error: z.string().optional(),
  /** Import: where the rejected rows and their reasons were written. */
  reportPath: z.string().optional(),
});
export type JobView = z.infer<typeof JobView>;

export const CodeSnippets = z.object({ cli: z.string(), javascript: z.string(), python: z.string() });
export type CodeSnippets = z.infer<typeof CodeSnippets>;

/** A named query the user saved (shareable as a file: this object as JSON). */
export const SavedQuery = z.object({
  id: z.string(),
  name: z.string().min(1).max(200),
  app: z.string(),
  region: z.string().optional(),
  spec: ReadSpec,
  savedAt: z.string(),
});
export type SavedQuery = z.infer<typeof SavedQuery>;

/** A recent read of a table (recorded by the service on every first-page read) or PartiQL statement. */
export const HistoryEntry = z.object({ at: z.string(), spec: ReadSpec.optional(), statement: z.string().optional() });
export type HistoryEntry = z.infer<typeof HistoryEntry>;
