/**
 * npm run bench — the cost of the local proxy, measured against the direct path in the same run.
 *
 * The "AWS" here is the strict test fixture (SigV4 check with aws4) in front of dynalite, so the
 * absolute numbers are local; the ratios are what matter: the same GetItem workload
 *   direct   SDK → fixture edge → dynalite (session credentials)
 *   endpoint SDK → proxy (HTTPS, AWS_ENDPOINT_URL mode) → fixture → dynalite (local credentials)
 *   forward  SDK → proxy (CONNECT, HTTPS_PROXY mode, local CA) → fixture → dynalite
 * sequentially (latency) and with 16 requests in flight (throughput).
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreHost } from '../main/core/host';
import { startAwsFixture } from '../test/fixtures/aws-fixture';
import { TunnelAgent } from './tunnel-agent';

const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 400);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 2000);
const IN_FLIGHT = 16;

interface Result { name: string; p50: number; p99: number; rps: number }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

async function measure(name: string, client: DynamoDBClient): Promise<Result> {
  const get = () => client.send(new GetItemCommand({ TableName: 'Bench', Key: { pk: { S: 'item-1' } } }));
  for (let i = 0; i < 50; i++) await get(); // warm up connections and caches
  const lat: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) {
    const t = process.hrtime.bigint();
    await get();
    lat.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  lat.sort((a, b) => a - b);
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next++ < CONCURRENT) await get();
  }));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { name, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), rps: CONCURRENT / seconds };
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const fx = await startAwsFixture();
const dir = mkdtempSync(join(tmpdir(), 'airlock-bench-'));
const host = new CoreHost({ env: { AIRLOCK_HOME: dir, AIRLOCK_PASSPHRASE: 'bench only', AIRLOCK_CIPHER: 'passphrase', ...fx.sourceCredentials,
  AWS_ACCESS_KEY_ID: fx.sourceCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: fx.sourceCredentials.secretAccessKey } });
try {
  // The SDK's default chain reads process.env for the source identity.
  process.env.AWS_ACCESS_KEY_ID = fx.sourceCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = fx.sourceCredentials.secretAccessKey;
  const app = host.apps.add({ name: 'bench', uri: 'https://console.aws.amazon.com/', roleArns: ['arn:aws:iam::111111111111:role/Admin'],
    endpoints: { dynamodb: fx.dynamodbUrl }, stsEndpoint: fx.stsUrl });
  const session = await (await host.sessions()).login({ app, role: 'Admin', durationSeconds: 3600 });
  const forward = await host.startProxy({ app });
  const endpoint = await host.startProxy({ app, endpointMode: true });
  const ca = readFileSync(forward.env.AWS_CA_BUNDLE);
  const region = 'us-east-1';
  const handler = (agent: https.Agent) => new NodeHttpHandler({ httpsAgent: agent });

  const direct = new DynamoDBClient({ region, endpoint: fx.dynamodbUrl,
    credentials: { accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken } });
  const local = { accessKeyId: forward.env.AWS_ACCESS_KEY_ID, secretAccessKey: forward.env.AWS_SECRET_ACCESS_KEY };
  const viaForward = new DynamoDBClient({ region, credentials: local, requestHandler: handler(new TunnelAgent(new URL(forward.env.HTTPS_PROXY!), ca)) });
  const viaEndpoint = new DynamoDBClient({ region, endpoint: endpoint.env.AWS_ENDPOINT_URL,
    credentials: { accessKeyId: endpoint.env.AWS_ACCESS_KEY_ID, secretAccessKey: endpoint.env.AWS_SECRET_ACCESS_KEY },
    requestHandler: handler(new https.Agent({ ca, keepAlive: true })) });

  await direct.send(new CreateTableCommand({ TableName: 'Bench', BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
  await direct.send(new PutItemCommand({ TableName: 'Bench', Item: { pk: { S: 'item-1' }, n: { N: '123.456' }, s: { S: 'x'.repeat(512) } } }));

  const results = [await measure('direct', direct), await measure('endpoint', viaEndpoint), await measure('forward', viaForward)];
  const base = results[0]!;
  console.log(`GetItem: ${SEQUENTIAL} sequential, ${CONCURRENT} with ${IN_FLIGHT} in flight (node ${process.version})`);
  console.log('path       p50 ms  p99 ms   req/s   p50 ratio  req/s ratio');
  for (const r of results) {
    console.log(`${r.name.padEnd(9)} ${r.p50.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)} ${r.rps.toFixed(0).padStart(7)}   ` +
      `${(r.p50 / base.p50).toFixed(2).padStart(8)}x  ${(r.rps / base.rps).toFixed(2).padStart(10)}x`);
  }
  console.log(`forward proxy: ${forward.proxy.stats.forwarded} requests over ${forward.proxy.stats.tlsTunnels} CONNECT tunnels; ` +
    `endpoint proxy: ${endpoint.proxy.stats.forwarded} requests over ${endpoint.proxy.stats.connections} connections`);
  for (const c of [direct, viaForward, viaEndpoint]) c.destroy();
  await forward.stop();
  await endpoint.stop();
} finally {
  await host.close();
  await fx.stop();
  rmSync(dir, { recursive: true, force: true });
}
