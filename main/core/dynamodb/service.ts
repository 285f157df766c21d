import { ExecuteStatementCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CodeSnippets, CreateTableSpec, Item, ReadPlan, ReadResult, ReadSpec, SaveResult, TableView } from '../../../preload/dynamodb';
import type { AttrValue } from '../../../preload/dynamodb';
import type { AppStore } from '../apps/store';
import type { App } from '../apps/model';
import { codeSnippets } from './codegen';
import type { DynamoConnections } from './connection';
import { dynamoCall } from './errors';
import { createItem, deleteItem, deleteItems, getItem, saveItem } from './items';
import type { QueryStore } from './query-store';
import { readPages } from './read';
import type { ReadBudget } from './read';
import { buildRead, planRead } from './read-plan';
import type { BuiltRead, TableKeys } from './read-plan';
import { createTable, deleteTable, describeRaw, describeTable, listTables, tableKeys } from './tables';
import { itemFromSdk, itemToSdk, toSdk } from './wire';

/** Key schemas change only when a table is re-created: a minute of caching saves a DescribeTable per read. */
const KEYS_TTL_MS = 60_000;

export interface Where {
  app: string;
  region?: string | undefined;
}

/**
 * The table browser's service: every call resolves the app, takes the SDK client that talks to
 * that app's local proxy (so each request is verified, re-signed with the session and audited)
 * and turns DynamoDB's errors into messages for the user.
 */
export class DynamoService {
  private readonly keyCache = new Map<string, { keys: TableKeys; at: number }>();

  constructor(private readonly apps: AppStore, private readonly connections: DynamoConnections, readonly queries: QueryStore) {}

  /** The app, its region for this call, and a client; errors name the app. */
  async open(where: Where): Promise<{ app: App; region: string; client: DynamoDBClient }> {
    const app = this.apps.get(where.app);
    const region = where.region ?? app.region;
    return { app, region, client: await this.connections.client(app, region) };
  }

  listTables(where: Where): Promise<{ region: string; tables: string[] }> {
    return this.run(where, async ({ client, region }) => ({ region, tables: await listTables(client) }));
  }

  describe(where: Where, table: string): Promise<TableView> {
    return this.run(where, ({ client }) => describeTable(client, table));
  }

  createTable(where: Where, spec: CreateTableSpec): Promise<TableView> {
    return this.run(where, async ({ client }) => {
      await createTable(client, spec);
      this.forget(where, spec.table);
      return describeTable(client, spec.table);
    });
  }

  deleteTable(where: Where, table: string, confirm: string): Promise<void> {
    return this.run(where, async ({ client }) => {
      await deleteTable(client, table, confirm);
      this.forget(where, table);
    });
  }

  plan(where: Where, spec: ReadSpec): Promise<ReadPlan> {
    return this.run(where, async ({ client }) => planRead(spec, await this.keys(where, client, spec.table)));
  }

  /** One read (first page or "more"): a first page is remembered in the table's history. */
  read(where: Where, spec: ReadSpec, startKey: Item | undefined, budget: ReadBudget): Promise<ReadResult> {
    return this.run(where, async ({ client }) => {
      const keys = await this.keys(where, client, spec.table);
      const built = buildRead(spec, keys);
      const result = await readPages(client, built, keys, startKey, budget);
      if (!startKey) this.queries.record(where.app, { spec });
      return result;
    });
  }

  /** The Query or Scan a spec becomes (exports run it themselves, page after page). */
  buildRead(where: Where, spec: ReadSpec): Promise<BuiltRead> {
    return this.run(where, async ({ client }) => buildRead(spec, await this.keys(where, client, spec.table)));
  }

  code(where: Where, spec: ReadSpec, startKey?: Item): Promise<CodeSnippets> {
    return this.run(where, async ({ client, region }) => {
      const built = buildRead(spec, await this.keys(where, client, spec.table));
      const input = { ...built.input, ...(startKey ? { ExclusiveStartKey: itemToSdk(startKey) } : {}) };
      return codeSnippets(built.operation, input, { region });
    });
  }

  getItem(where: Where, table: string, key: Item, consistent: boolean): Promise<Item | null> {
    return this.run(where, ({ client }) => getItem(client, table, key, consistent));
  }

  createItem(where: Where, table: string, item: Item): Promise<SaveResult> {
    return this.run(where, async ({ client }) => createItem(client, table, (await this.keys(where, client, table)).key, item));
  }

  saveItem(where: Where, table: string, original: Item, updated: Item): Promise<SaveResult> {
    return this.run(where, async ({ client }) => saveItem(client, table, (await this.keys(where, client, table)).key, original, updated));
  }

  deleteItem(where: Where, table: string, key: Item, expected?: Item): Promise<{ status: 'deleted' } | { status: 'conflict'; current: Item | null }> {
    return this.run(where, ({ client }) => deleteItem(client, table, key, expected));
  }

  deleteItems(where: Where, table: string, keys: Item[]): Promise<{ deleted: number; failed: { key: Item; reason: string }[] }> {
    return this.run(where, ({ client }) => deleteItems(client, table, keys));
  }

  partiql(where: Where, req: { statement: string; parameters?: AttrValue[]; nextToken?: string; limit?: number; consistent?: boolean }):
    Promise<{ items: Item[]; nextToken?: string; consumedCapacity?: number; elapsedMs: number }> {
    return this.run(where, async ({ client }) => {
      const started = performance.now();
      const out = await client.send(new ExecuteStatementCommand({
        Statement: req.statement,
        ...(req.parameters?.length ? { Parameters: req.parameters.map(toSdk) } : {}),
        ...(req.nextToken ? { NextToken: req.nextToken } : {}),
        ...(req.limit ? { Limit: req.limit } : {}),
        ...(req.consistent ? { ConsistentRead: true } : {}),
        ReturnConsumedCapacity: 'TOTAL',
      }));
      if (!req.nextToken) this.queries.record(where.app, { statement: req.statement });
      const units = out.ConsumedCapacity?.CapacityUnits;
      return {
        items: (out.Items ?? []).map(itemFromSdk),
        ...(out.NextToken ? { nextToken: out.NextToken } : {}),
        ...(units !== undefined ? { consumedCapacity: units } : {}),
        elapsedMs: performance.now() - started,
      };
    });
  }

  /** An app's settings changed or it was removed: its proxy and clients go. */
  drop(app: string): Promise<void> {
    for (const k of this.keyCache.keys()) if (k.startsWith(`${app}|`)) this.keyCache.delete(k);
    return this.connections.drop(app);
  }

  close(): Promise<void> {
    return this.connections.close();
  }

  private async keys(where: Where, client: DynamoDBClient, table: string): Promise<TableKeys> {
    const id = this.cacheKey(where, table);
    const hit = this.keyCache.get(id);
    if (hit && Date.now() - hit.at < KEYS_TTL_MS) return hit.keys;
    const keys = tableKeys(await describeRaw(client, table));
    this.keyCache.set(id, { keys, at: Date.now() });
    return keys;
  }

  private forget(where: Where, table: string): void {
    this.keyCache.delete(this.cacheKey(where, table));
  }

  private cacheKey(where: Where, table: string): string {
    return `${where.app}|${where.region ?? ''}|${table}`;
  }

  private async run<T>(where: Where, fn: (c: { app: App; region: string; client: DynamoDBClient }) => Promise<T>): Promise<T> {
    return dynamoCall(where.app, async () => fn(await this.open(where)));
  }
}
