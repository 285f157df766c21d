/**
 * npm run bench [-- PART...] — PART: proxy, dynamodb (all three below), dynamodb-first-page,
 * dynamodb-export, dynamodb-scroll; none: every part. The DynamoDB parts are described in
 * bench/dynamodb.ts. The proxy part:
 *
 * npm run bench -- proxy — the cost of the local proxy, measured against a direct path and a bare
 * forwarder in the same run, each part in its own process as in real use:
 *
 *   fixture   test/fixtures/serve.ts: the strict STS + DynamoDB edge fixture (SigV4 check) in
 *             front of dynalite, one child process
 *   proxies   the real CLI, `airlock proxy aws --format json` (forward mode) and with
 *             --endpoint-url (endpoint mode), after `apps add` + `apps login` in a temp AIRLOCK_HOME
 *   bare      bench/bare-forwarder.ts: HTTPS in, keep-alive HTTP out, nothing else
 *   this      only the client (@aws-sdk/client-dynamodb, keep-alive agents, no retries)
 *
 * The same GetItem workload runs on each path, one path after another, in interleaved rounds:
 *   direct    SDK → fixture edge → dynalite (session credentials from AssumeRole, plain HTTP)
 *   bare      SDK → bare forwarder (HTTPS) → fixture (session credentials): one extra TLS+HTTP hop
 *   endpoint  SDK → airlock proxy (HTTPS, AWS_ENDPOINT_URL mode, local keys) → fixture
 *   forward   SDK → CONNECT tunnel → airlock proxy (HTTPS_PROXY mode, local CA, local keys) → fixture
 *
 * Absolute numbers are local (dynalite on loopback, all processes sharing this machine's cores,
 * the client included); the ratios are the point. endpoint/bare is airlock's own cost
 * (verify, re-sign, audit); bare/direct is what any local hop costs.
 *
 * Every path is warmed up first; then the sequential (p50/p99) and 16-in-flight (req/s) requests
 * are split into rounds that visit the paths in alternating order, so drift and other load on the
 * machine hit all paths alike. Noise still shows: compare runs, and trust CPU µs/request (read
 * from /proc for each process) more than wall-clock numbers on a busy machine.
 *
 * Knobs: BENCH_SEQUENTIAL (default 400), BENCH_CONCURRENT (default 2000), BENCH_WARMUP (default
 * 100), BENCH_ROUNDS (default 4), BENCH_PROFILE_DIR (run the proxies with node --cpu-prof,
 * profiles written there when they exit).
 */
import { CreateTableCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { availableParallelism } from 'node:os';
import { BenchHome, cleanup, runAirlock, startAirlockProxy, startBareForwarder, startFixture } from './children';
import { countSockets, measure } from './measure';
import type { Probe, Workload } from './measure';
import { DYNAMODB_PARTS, runDynamoBenches } from './dynamodb';
import type { DynamoPart } from './dynamodb';
import { formatReport } from './report';
import { TunnelAgent } from './tunnel-agent';

// The SDK warns about its future Node 22 requirement when a client is created; not this bench's business.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const ROLE_ARN = 'arn:aws:iam::111111111111:role/Admin';
const TABLE = 'Bench';

function envCount(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not "${text}"`);
  return n;
}

function readWorkload(): Workload {
  const w: Workload = {
    warmup: envCount('BENCH_WARMUP', 100),
    sequential: envCount('BENCH_SEQUENTIAL', 400),
    concurrent: envCount('BENCH_CONCURRENT', 2000),
    inFlight: 16,
    rounds: envCount('BENCH_ROUNDS', 4),
  };
  if (w.sequential < w.rounds || w.concurrent < w.rounds) throw new Error('BENCH_SEQUENTIAL and BENCH_CONCURRENT must be at least BENCH_ROUNDS');
  return w;
}

const progress = (text: string): void => void process.stderr.write(`bench: ${text}\n`);
const clients: DynamoDBClient[] = [];

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    progress(`${signal}: stopping child processes`);
    for (const c of clients) c.destroy();
    void cleanup().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

function dynamo(region: string, endpoint: string | undefined, credentials: Credentials, agent: http.Agent): DynamoDBClient {
  const handler = agent instanceof https.Agent ? new NodeHttpHandler({ httpsAgent: agent }) : new NodeHttpHandler({ httpAgent: agent });
  const client = new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}), credentials, maxAttempts: 1, requestHandler: handler });
  clients.push(client);
  return client;
}

function getItem(client: DynamoDBClient): () => Promise<void> {
  const command = new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'item-1' } } });
  return async () => {
    const out = await client.send(command);
    if (out.Item?.pk?.S !== 'item-1') throw new Error('GetItem returned no item: the paths would not be doing the same work');
  };
}

async function sessionCredentials(stsUrl: string, region: string, source: Credentials): Promise<Credentials> {
  const sts = new STSClient({ region, endpoint: stsUrl, credentials: source, maxAttempts: 1 });
  try {
    const { Credentials: c } = await sts.send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'airlock-bench-direct', DurationSeconds: 3600 }));
    if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole returned no credentials');
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
  } finally {
    sts.destroy();
  }
}

/** The parts named on the command line (`dynamodb` standing for all of its parts); none named: all. */
function selectedParts(args: string[]): { proxy: boolean; dynamodb: Set<DynamoPart> } {
  const known = ['proxy', 'dynamodb', ...DYNAMODB_PARTS];
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length > 0) throw new Error(`unknown bench part ${unknown.join(', ')}; parts: ${known.join(', ')}`);
  const all = args.length === 0;
  const dynamodb = new Set<DynamoPart>(DYNAMODB_PARTS.filter((p) => all || args.includes('dynamodb') || args.includes(p)));
  return { proxy: all || args.includes('proxy'), dynamodb };
}

async function main(): Promise<void> {
  const parts = selectedParts(process.argv.slice(2));
  if (parts.proxy) await proxyBench();
  if (parts.dynamodb.size > 0) {
    if (parts.proxy) console.log('');
    await runDynamoBenches(parts.dynamodb, progress);
  }
}

async function proxyBench(): Promise<void> {
  const workload = readWorkload();
  progress('starting the fixture');
  const fixture = await startFixture();
  const fx = fixture.value;
  const home = new BenchHome(fx.sourceCredentials);

  progress('starting the bare forwarder; airlock apps add, apps login, proxy aws (forward, endpoint)');
  const barePromise = startBareForwarder(fx.dynamodbUrl);
  await runAirlock(home, ['apps', 'add', 'bench', '--uri', 'https://console.aws.amazon.com/', '--aws-role-arn', ROLE_ARN,
    '--endpoint', `dynamodb=${fx.dynamodbUrl}`, '--sts-endpoint', fx.stsUrl]);
  await runAirlock(home, ['apps', 'login', 'bench', '--aws-role', 'Admin']);
  // One after the other: the first start creates the local CA in the vault.
  const forward = await startAirlockProxy('forward proxy', home, ['--app', 'bench']);
  const endpoint = await startAirlockProxy('endpoint proxy', home, ['--app', 'bench', '--endpoint-url']);
  const bare = await barePromise;

  const region = forward.value.AWS_REGION ?? 'us-east-1';
  const session = await sessionCredentials(fx.stsUrl, region, fx.sourceCredentials);
  const proxyCa = readFileSync(forward.value.AWS_CA_BUNDLE!);
  const local = (env: Record<string, string>): Credentials => ({ accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY! });

  // Table, item, and a shared warm-up of the fixture (its JIT) on a client that is not measured.
  const setup = dynamo(region, fx.dynamodbUrl, session, new http.Agent({ keepAlive: true }));
  await setup.send(new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }] }));
  await setup.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'item-1' }, n: { N: '123.456' }, s: { S: 'x'.repeat(512) } } }));
  const warmFixture = getItem(setup);
  for (let i = 0; i < 300; i++) await warmFixture();
  setup.destroy();

  const paths: { name: string; hopPid?: number; endpoint: string | undefined; credentials: Credentials; agent: http.Agent }[] = [
    { name: 'direct', endpoint: fx.dynamodbUrl, credentials: session, agent: new http.Agent({ keepAlive: true }) },
    { name: 'bare', hopPid: bare.pid, endpoint: bare.value.url, credentials: session, agent: new https.Agent({ keepAlive: true, ca: bare.value.ca }) },
    { name: 'endpoint', hopPid: endpoint.pid, endpoint: endpoint.value.AWS_ENDPOINT_URL, credentials: local(endpoint.value),
      agent: new https.Agent({ keepAlive: true, ca: proxyCa }) },
    // No endpoint: the SDK aims at the real DynamoDB host and the tunnel agent CONNECTs through the proxy.
    { name: 'forward', hopPid: forward.pid, endpoint: undefined, credentials: local(forward.value),
      agent: new TunnelAgent(new URL(forward.value.HTTPS_PROXY!), proxyCa) },
  ];
  const probes: Probe[] = paths.map((p) => {
    const counted = countSockets(p.agent);
    return {
      name: p.name,
      get: getItem(dynamo(region, p.endpoint, p.credentials, counted.agent)),
      sockets: counted.count,
      processes: { client: process.pid, fixture: fixture.pid, ...(p.hopPid ? { hop: p.hopPid } : {}) },
    };
  });
  const results = await measure(probes, workload, progress);
  console.log(formatReport(results, workload, availableParallelism()));
  // Not left idling while other parts run.
  await Promise.all([forward, endpoint, bare, fixture].map((c) => c.stop()));
}

try {
  await main();
} catch (err) {
  if (!interrupted) {
    process.exitCode = 1;
    console.error(`bench failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  }
} finally {
  for (const c of clients) c.destroy();
  await cleanup();
}
