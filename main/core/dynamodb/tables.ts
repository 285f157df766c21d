import {
  CreateTableCommand, DeleteTableCommand, DescribeContinuousBackupsCommand, DescribeTableCommand, DescribeTimeToLiveCommand,
  ListTablesCommand, ListTagsOfResourceCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  AttributeDefinition, CreateTableCommandInput, DynamoDBClient, KeySchemaElement, ListTablesCommandOutput, TableDescription,
} from '@aws-sdk/client-dynamodb';
import { CreateTableSpec } from '../../../preload/dynamodb';
import type { TableView } from '../../../preload/dynamodb';
import { AirlockError, errorMessage } from '../errors';

export interface TableKeys {
  key: { partition: string; sort?: string };
  indexes: { name: string; kind: 'GSI' | 'LSI'; key: { partition: string; sort?: string } }[];
}

function keyOf(schema: KeySchemaElement[] | undefined): { partition: string; sort?: string } {
  const partition = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
  const sort = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
  return sort ? { partition, sort } : { partition };
}

/** Every table name of the region: ListTables returns at most 100 per page. */
export async function listTables(client: DynamoDBClient): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const out: ListTablesCommandOutput = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start, Limit: 100 }));
    names.push(...(out.TableNames ?? []));
    start = out.LastEvaluatedTableName;
  } while (start);
  return names;
}

export function tableKeys(t: TableDescription): TableKeys {
  return {
    key: keyOf(t.KeySchema),
    indexes: [
      ...(t.GlobalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName ?? '', kind: 'GSI' as const, key: keyOf(i.KeySchema) })),
      ...(t.LocalSecondaryIndexes ?? []).map((i) => ({ name: i.IndexName ?? '', kind: 'LSI' as const, key: keyOf(i.KeySchema) })),
    ],
  };
}

export async function describeRaw(client: DynamoDBClient, table: string): Promise<TableDescription> {
  const out = await client.send(new DescribeTableCommand({ TableName: table }));
  if (!out.Table) throw new AirlockError('ResourceNotFoundException', `table ${table} was not described`);
  return out.Table;
}

/** Whether an error means "this service does not do that" (an emulator), not "you may not". */
const unsupported = (err: unknown): boolean =>
  err instanceof Error && /UnknownOperation|not supported|NotImplemented/i.test(`${err.name} ${err.message}`);

/** Table details; optional parts (TTL, PITR, tags) a service cannot report are listed in `unavailable`. */
export async function describeTable(client: DynamoDBClient, table: string): Promise<TableView> {
  const t = await describeRaw(client, table);
  const unavailable: string[] = [];
  const optional = async <T>(what: string, fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (err) {
      unavailable.push(`${what}: ${unsupported(err) ? 'not supported by this service' : errorMessage(err)}`);
      return undefined;
    }
  };
  const [ttl, backups, tags] = await Promise.all([
    optional('Time to live', () => client.send(new DescribeTimeToLiveCommand({ TableName: table }))),
    optional('Point-in-time recovery', () => client.send(new DescribeContinuousBackupsCommand({ TableName: table }))),
    t.TableArn ? optional('Tags', () => client.send(new ListTagsOfResourceCommand({ ResourceArn: t.TableArn }))) : Promise.resolve(undefined),
  ]);
  const provisioned = t.BillingModeSummary?.BillingMode !== 'PAY_PER_REQUEST' &&
    (t.ProvisionedThroughput?.ReadCapacityUnits ?? 0) > 0;
  const capacity = (p?: { ReadCapacityUnits?: number; WriteCapacityUnits?: number }): { read: number; write: number } | undefined =>
    p && (p.ReadCapacityUnits ?? 0) > 0 ? { read: p.ReadCapacityUnits ?? 0, write: p.WriteCapacityUnits ?? 0 } : undefined;
  const pitr = backups?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
  return {
    name: t.TableName ?? table,
    ...(t.TableArn ? { arn: t.TableArn } : {}),
    status: t.TableStatus ?? 'UNKNOWN',
    key: keyOf(t.KeySchema),
    attributeTypes: Object.fromEntries((t.AttributeDefinitions ?? []).map((a) => [a.AttributeName ?? '', a.AttributeType ?? ''])),
    indexes: [
      ...(t.GlobalSecondaryIndexes ?? []).map((i) => ({
        name: i.IndexName ?? '',
        kind: 'GSI' as const,
        key: keyOf(i.KeySchema),
        projection: { type: i.Projection?.ProjectionType ?? 'ALL', attributes: i.Projection?.NonKeyAttributes ?? [] },
        ...(i.IndexStatus ? { status: i.IndexStatus } : {}),
        ...(i.ItemCount !== undefined ? { itemCount: i.ItemCount } : {}),
        ...(i.IndexSizeBytes !== undefined ? { sizeBytes: i.IndexSizeBytes } : {}),
        ...(capacity(i.ProvisionedThroughput) ? { capacity: capacity(i.ProvisionedThroughput) } : {}),
      })),
      ...(t.LocalSecondaryIndexes ?? []).map((i) => ({
        name: i.IndexName ?? '',
        kind: 'LSI' as const,
        key: keyOf(i.KeySchema),
        projection: { type: i.Projection?.ProjectionType ?? 'ALL', attributes: i.Projection?.NonKeyAttributes ?? [] },
        ...(i.ItemCount !== undefined ? { itemCount: i.ItemCount } : {}),
        ...(i.IndexSizeBytes !== undefined ? { sizeBytes: i.IndexSizeBytes } : {}),
      })),
    ],
    billingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned && capacity(t.ProvisionedThroughput) ? { capacity: capacity(t.ProvisionedThroughput) } : {}),
    itemCount: t.ItemCount ?? 0,
    sizeBytes: t.TableSizeBytes ?? 0,
    ...(t.CreationDateTime ? { createdAt: t.CreationDateTime.toISOString() } : {}),
    ...(ttl?.TimeToLiveDescription ? {
      ttl: {
        status: ttl.TimeToLiveDescription.TimeToLiveStatus ?? 'DISABLED',
        ...(ttl.TimeToLiveDescription.AttributeName ? { attribute: ttl.TimeToLiveDescription.AttributeName } : {}),
      },
    } : {}),
    stream: {
      enabled: t.StreamSpecification?.StreamEnabled ?? false,
      ...(t.StreamSpecification?.StreamViewType ? { viewType: t.StreamSpecification.StreamViewType } : {}),
      ...(t.LatestStreamArn ? { arn: t.LatestStreamArn } : {}),
    },
    ...(pitr === 'ENABLED' || pitr === 'DISABLED' ? { pointInTimeRecovery: pitr } : {}),
    deletionProtection: t.DeletionProtectionEnabled ?? false,
    ...(tags ? { tags: Object.fromEntries((tags.Tags ?? []).map((x) => [x.Key ?? '', x.Value ?? ''])) } : {}),
    unavailable,
  };
}

/** The CreateTable request for a spec; each key attribute is defined once, with one type. */
export function createTableInput(input: CreateTableSpec): CreateTableCommandInput {
  const spec = CreateTableSpec.parse(input);
  const defs = new Map<string, string>();
  const define = (a: { name: string; type: string }): void => {
    const seen = defs.get(a.name);
    if (seen && seen !== a.type) throw new AirlockError('BAD_TABLE', `attribute "${a.name}" is used as a key with two types (${seen} and ${a.type})`);
    defs.set(a.name, a.type);
  };
  const schema = (pk: { name: string }, sk?: { name: string }): KeySchemaElement[] =>
    [{ AttributeName: pk.name, KeyType: 'HASH' }, ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : [])];
  define(spec.partitionKey);
  if (spec.sortKey) define(spec.sortKey);
  if (spec.sortKey && spec.sortKey.name === spec.partitionKey.name) {
    throw new AirlockError('BAD_TABLE', 'the sort key must be a different attribute from the partition key');
  }
  const provisioned = spec.billingMode === 'PROVISIONED';
  if (provisioned && !spec.capacity) throw new AirlockError('BAD_TABLE', 'provisioned billing needs read and write capacity units');
  const throughput = provisioned && spec.capacity ? { ReadCapacityUnits: spec.capacity.read, WriteCapacityUnits: spec.capacity.write } : undefined;
  const names = new Set<string>();
  const projection = (i: CreateTableSpec['indexes'] extends (infer X)[] | undefined ? X : never) => {
    if (i.projection === 'INCLUDE' && !i.attributes?.length) throw new AirlockError('BAD_TABLE', `index ${i.name}: INCLUDE needs the attributes to include`);
    return { ProjectionType: i.projection ?? 'ALL', ...(i.projection === 'INCLUDE' ? { NonKeyAttributes: i.attributes } : {}) };
  };
  for (const i of spec.indexes) {
    if (names.has(i.name)) throw new AirlockError('BAD_TABLE', `two indexes are named ${i.name}`);
    names.add(i.name);
    define(i.partitionKey);
    if (i.sortKey) define(i.sortKey);
    if (i.kind === 'LSI') {
      if (i.partitionKey.name !== spec.partitionKey.name) {
        throw new AirlockError('BAD_TABLE', `local index ${i.name} must use the table's partition key (${spec.partitionKey.name})`);
      }
      if (!spec.sortKey || !i.sortKey) throw new AirlockError('BAD_TABLE', `local index ${i.name} needs a sort key, and so does the table`);
    }
  }
  const gsis = spec.indexes.filter((i) => i.kind === 'GSI');
  const lsis = spec.indexes.filter((i) => i.kind === 'LSI');
  return {
    TableName: spec.table,
    AttributeDefinitions: [...defs].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }) as AttributeDefinition),
    KeySchema: schema(spec.partitionKey, spec.sortKey),
    BillingMode: spec.billingMode,
    ...(throughput ? { ProvisionedThroughput: throughput } : {}),
    ...(gsis.length ? {
      GlobalSecondaryIndexes: gsis.map((i) => ({
        IndexName: i.name, KeySchema: schema(i.partitionKey, i.sortKey), Projection: projection(i),
        ...(throughput ? { ProvisionedThroughput: throughput } : {}),
      })),
    } : {}),
    ...(lsis.length ? { LocalSecondaryIndexes: lsis.map((i) => ({ IndexName: i.name, KeySchema: schema(i.partitionKey, i.sortKey), Projection: projection(i) })) } : {}),
  };
}

export async function createTable(client: DynamoDBClient, spec: CreateTableSpec): Promise<void> {
  await client.send(new CreateTableCommand(createTableInput(spec)));
}

export async function deleteTable(client: DynamoDBClient, table: string, confirm: string): Promise<void> {
  if (confirm !== table) {
    throw new AirlockError('CONFIRM_MISMATCH', `type the table name "${table}" to delete it (got "${confirm}")`);
  }
  await client.send(new DeleteTableCommand({ TableName: table }));
}
