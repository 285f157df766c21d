/** What every compatibility handler works with. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Mutex } from './mutex';
import type { TtlStore } from './ttl-store';
import type { JsonObject } from './wire';

export interface CompatContext {
  /** The internal client: straight to dynalite, not through the write lock. */
  client: DynamoDBClient;
  /** Held by every write through the embedded server, so a transaction is atomic relative to them. */
  writeLock: Mutex;
  ttl: TtlStore;
}

/** Takes the parsed request body; answers the response body (or throws a DynamoError). */
export type CompatHandler = (ctx: CompatContext, body: JsonObject) => Promise<JsonObject>;
