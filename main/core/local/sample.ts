import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, BatchWriteItemCommandOutput, WriteRequest } from '@aws-sdk/client-dynamodb';
import { LOCAL_CREDENTIALS } from './local-session';

export const SAMPLE_TABLE = 'airlock-sample-orders';
export const SAMPLE_CUSTOMERS = 30;
export const SAMPLE_ORDERS_PER_CUSTOMER = 10;

const STATUSES = ['PLACED', 'PAID', 'SHIPPED', 'DELIVERED', 'RETURNED'];
const SKUS = ['kettle', 'teapot', 'mug', 'saucer', 'strainer', 'tin', 'cosy'];

/** A tiny deterministic generator: the sample is the same on every machine. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * One order: every DynamoDB type appears somewhere in the table — nested maps and lists, string,
 * number and binary sets, binary, booleans, null, and numbers with more digits than a double holds.
 */
export function sampleOrder(customer: number, order: number): Record<string, AttributeValue> {
  const r = rng(customer * 1000 + order);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lines = Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
    M: { sku: { S: pick(SKUS) }, qty: { N: String(1 + Math.floor(r() * 4)) }, price: { N: (r() * 90 + 5).toFixed(2) } },
  }));
  const day = 1 + ((customer * 7 + order * 3) % 28);
  const item: Record<string, AttributeValue> = {
    customerId: { S: `customer-${String(customer).padStart(3, '0')}` },
    orderId: { S: `order-${String(order).padStart(4, '0')}` },
    status: { S: pick(STATUSES) },
    createdAt: { S: `2026-${String(1 + (order % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:${String(order % 60).padStart(2, '0')}:00Z` },
    // 38 significant digits: more than a JS number holds; must show and round-trip exactly.
    total: { N: `${100 + customer}.${String(order).padStart(4, '0')}${'1234567890123456789012345678901'.slice(0, 31)}` },
    lines: { L: lines },
    express: { BOOL: r() < 0.3 },
    shipping: {
      M: {
        method: { S: pick(['post', 'courier', 'pickup']) },
        address: { M: { city: { S: pick(['Lisbon', 'Oslo', 'Kyoto', 'Quito', 'Perth']) }, zip: { S: String(10_000 + Math.floor(r() * 89_999)) } } },
      },
    },
    tags: { SS: [...new Set(['tea', pick(['gift', 'bulk', 'repeat', 'sale']), pick(['eu', 'apac', 'latam'])])] },
    ratings: { NS: [...new Set([String(1 + Math.floor(r() * 5)), String(1 + Math.floor(r() * 5))])] },
    note: order % 4 === 0 ? { NULL: true } : { S: pick(['leave at door', 'ring twice', 'fragile', 'call on arrival']) },
  };
  if (order % 5 === 0) item.signature = { B: new Uint8Array([customer, order, 0xde, 0xad, 0xbe, 0xef]) };
  if (order % 7 === 0) item.attachments = { BS: [new Uint8Array([1, customer]), new Uint8Array([2, order])] };
  if (order % 3 === 0) item.giftMessage = { S: `Happy birthday, friend #${customer}! "Enjoy", and don't spill it.` };
  return item;
}

/** Creates the sample table of a new embedded Local DynamoDB: 300 orders of 30 customers. */
export async function seedSampleTable(url: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { ...LOCAL_CREDENTIALS }, maxAttempts: 5 });
  try {
    await client.send(new CreateTableCommand({
      TableName: SAMPLE_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'customerId', AttributeType: 'S' },
        { AttributeName: 'orderId', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'createdAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'customerId', KeyType: 'HASH' }, { AttributeName: 'orderId', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{
        IndexName: 'byStatus',
        KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }, { AttributeName: 'createdAt', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      }],
    }));
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1 }, { TableName: SAMPLE_TABLE });
    const requests: WriteRequest[] = [];
    for (let c = 1; c <= SAMPLE_CUSTOMERS; c++) {
      for (let o = 1; o <= SAMPLE_ORDERS_PER_CUSTOMER; o++) requests.push({ PutRequest: { Item: sampleOrder(c, o) } });
    }
    for (let i = 0; i < requests.length; i += 25) {
      let batch: WriteRequest[] | undefined = requests.slice(i, i + 25);
      for (let attempt = 0; batch?.length && attempt < 8; attempt++) {
        const out: BatchWriteItemCommandOutput = await client.send(new BatchWriteItemCommand({ RequestItems: { [SAMPLE_TABLE]: batch } }));
        batch = out.UnprocessedItems?.[SAMPLE_TABLE];
        if (batch?.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      }
    }
  } finally {
    client.destroy();
  }
}
