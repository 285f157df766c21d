/**
 * The compatibility layer's own client: the AWS SDK pointed straight at dynalite's loopback port,
 * so every read and write it makes is validated and performed by dynalite itself.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, TableDescription } from '@aws-sdk/client-dynamodb';
import type { Item } from '../../../preload/dynamodb';
import { itemToSdk } from '../dynamodb/wire';
import { DynamoError } from './errors';
import type { TableInfo } from './partiql/translate';

export function createInternalClient(url: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint: url,
    region: 'us-east-1',
    // dynalite only checks that a signature is present, not what it signs.
    credentials: { accessKeyId: 'AKIDLOCALDYNAMO', secretAccessKey: 'local' },
    // A retry could repeat a write inside a transaction; dynalite answers or fails at once.
    maxAttempts: 1,
  });
}

export async function describeTable(client: DynamoDBClient, name: string): Promise<TableDescription> {
  const out = await client.send(new DescribeTableCommand({ TableName: name }));
  if (!out.Table) throw new DynamoError('InternalServerError', `No description for table ${name}`, 500);
  return out.Table;
}

/** The key schemas of a table and its indexes, as the PartiQL planner needs them. */
export async function tableInfo(client: DynamoDBClient, name: string): Promise<TableInfo> {
  const t = await describeTable(client, name);
  const keyOf = (schema: { AttributeName?: string; KeyType?: string }[] | undefined): TableInfo['key'] => {
    const partition = schema?.find((k) => k.KeyType === 'HASH')?.AttributeName ?? '';
    const sort = schema?.find((k) => k.KeyType === 'RANGE')?.AttributeName;
    return sort === undefined ? { partition } : { partition, sort };
  };
  const indexes: TableInfo['indexes'] = {};
  for (const i of [...(t.GlobalSecondaryIndexes ?? []), ...(t.LocalSecondaryIndexes ?? [])]) {
    if (i.IndexName) indexes[i.IndexName] = keyOf(i.KeySchema);
  }
  const attributeTypes: Record<string, string> = {};
  for (const d of t.AttributeDefinitions ?? []) {
    if (d.AttributeName && d.AttributeType) attributeTypes[d.AttributeName] = d.AttributeType;
  }
  return { name, key: keyOf(t.KeySchema), indexes, attributeTypes };
}

export const sdkValues = (values: Item | undefined): Record<string, AttributeValue> | undefined =>
  values === undefined ? undefined : itemToSdk(values);
