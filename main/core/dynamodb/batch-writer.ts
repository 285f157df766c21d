/**
 * Puts items with BatchWriteItem: batches of 25, a few in flight, UnprocessedItems retried with
 * backoff a bounded number of times. Two rows with the same key never travel together (the
 * service refuses that) nor overlap in flight: the later one waits, so the later row wins, as in the file.
 */
import { BatchWriteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../errors';
import { isThrottle, isValidation, oneLine, pause, retryThrottled } from './retry';
import type { RetryPolicy } from './retry';
import { fromSdk } from './wire';
import type { SdkItem } from './wire';

export const BATCH_SIZE = 25;

export interface PendingPut {
  line: number;
  raw: string;
  /** The item's key as text: equal keys, equal text. */
  key: string;
  item: SdkItem;
}

export interface BatchWriterOptions {
  client: DynamoDBClient;
  table: string;
  keyNames: string[];
  concurrency: number;
  retry: RetryPolicy;
  onWritten(count: number): void;
  onRejected(put: PendingPut, reason: string): Promise<void>;
}

/** Computed from the SDK form, so base64 spellings of one binary key compare equal. */
export function keyOf(item: SdkItem, keyNames: string[]): string {
  return JSON.stringify(keyNames.map((n) => (item[n] ? fromSdk(item[n]) : null)));
}

export class BatchWriter {
  private current: PendingPut[] = [];
  private currentKeys = new Set<string>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly inflightKeys = new Set<string>();
  private error: unknown;

  constructor(private readonly opts: BatchWriterOptions) {}

  async add(put: PendingPut): Promise<void> {
    this.check();
    if (this.currentKeys.has(put.key) || this.inflightKeys.has(put.key)) {
      await this.flush();
      while (this.inflightKeys.has(put.key)) await this.waitOne();
      this.check();
    }
    this.current.push(put);
    this.currentKeys.add(put.key);
    if (this.current.length >= BATCH_SIZE) await this.flush();
  }

  /** Sends the buffered rows as one batch once a slot is free. */
  async flush(): Promise<void> {
    if (this.current.length === 0) return;
    while (this.inflight.size >= this.opts.concurrency) await this.waitOne();
    this.check();
    const batch = this.current;
    this.current = [];
    this.currentKeys = new Set();
    for (const p of batch) this.inflightKeys.add(p.key);
    const task: Promise<void> = this.send(batch)
      .catch((err: unknown) => {
        this.error ??= err;
      })
      .finally(() => {
        for (const p of batch) this.inflightKeys.delete(p.key);
        this.inflight.delete(task);
      });
    this.inflight.add(task);
  }

  /** Sends everything buffered and waits for all of it; throws the first batch failure. */
  async finish(): Promise<void> {
    await this.flush();
    await this.settle();
    this.check();
  }

  /** Waits for the batches in flight (buffered rows are not sent); never throws. */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await this.waitOne();
  }

  private async waitOne(): Promise<void> {
    await Promise.race(this.inflight);
  }

  private check(): void {
    if (this.error !== undefined) throw this.error;
  }

  private async send(batch: PendingPut[]): Promise<void> {
    const { client, table, keyNames, retry } = this.opts;
    let pending = batch;
    for (let attempt = 0; ; attempt++) {
      let left: PendingPut[];
      let why: string;
      try {
        const out = await client.send(new BatchWriteItemCommand({
          RequestItems: { [table]: pending.map((p): WriteRequest => ({ PutRequest: { Item: p.item } })) },
        }));
        const byKey = new Map(pending.map((p) => [p.key, p]));
        left = (out.UnprocessedItems?.[table] ?? []).flatMap((r) => {
          const item = r.PutRequest?.Item;
          if (!item) return [];
          const key = keyOf(item, keyNames);
          return [byKey.get(key) ?? { line: 0, raw: '', key, item }];
        });
        why = 'DynamoDB kept returning it as unprocessed (throttled)';
      } catch (err) {
        // One bad item fails the whole request: write them one by one to find it and keep the others.
        if (isValidation(err)) return this.putEach(pending);
        if (!isThrottle(err)) throw err;
        left = pending;
        why = oneLine(errorMessage(err));
      }
      this.opts.onWritten(pending.length - left.length);
      if (left.length === 0) return;
      if (attempt + 1 >= retry.attempts) {
        for (const p of left) await this.opts.onRejected(p, `not written after ${retry.attempts} attempts: ${why}`);
        return;
      }
      await pause(attempt, retry);
      pending = left;
    }
  }

  private async putEach(puts: PendingPut[]): Promise<void> {
    const { client, table, retry } = this.opts;
    for (const p of puts) {
      try {
        await retryThrottled(() => client.send(new PutItemCommand({ TableName: table, Item: p.item })), retry);
        this.opts.onWritten(1);
      } catch (err) {
        if (!isValidation(err) && !isThrottle(err)) throw err;
        await this.opts.onRejected(p, oneLine(errorMessage(err)));
      }
    }
  }
}
