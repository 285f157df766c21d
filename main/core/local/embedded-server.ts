/**
 * The "Local DynamoDB" app's server: dynalite plus a compatibility layer for the operations
 * dynalite lacks (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction, TransactWriteItems,
 * TransactGetItems, UpdateTimeToLive, DescribeContinuousBackups) and a DescribeTimeToLive that
 * reflects UpdateTimeToLive.
 *
 * Two listeners, both on 127.0.0.1 only:
 *  - the public server (`server`, `listen()`): routes compatibility operations to their handlers,
 *    passes every other request to dynalite's own request handler unchanged, and holds one write
 *    lock around every write so transactions are atomic relative to other writers;
 *  - dynalite's server on an ephemeral port, used only by the compatibility layer's internal SDK
 *    client (which already holds the lock when it writes, so it must not go through it again).
 *    Anything else reaching that port directly would bypass the lock; nothing is told its address.
 * Plain reads (GetItem, Query, Scan, SELECT, batched SELECTs) take no lock, so they may see a
 * transaction half-way; TransactGetItems and ExecuteTransaction's reads do take it.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { batchExecuteStatement } from './batch-execute-statement';
import type { CompatContext, CompatHandler } from './context';
import { DynamoError, toDynamoError } from './errors';
import { executeStatement } from './execute-statement';
import { executeTransaction } from './execute-transaction';
import { hasAuthentication, parseJsonBody, readBody, requestId, responseContentType, sendError, sendJson } from './http-json';
import { createInternalClient } from './internal-client';
import { Mutex } from './mutex';
import { describeContinuousBackups, describeTimeToLive, updateTimeToLive } from './table-settings';
import { transactGetItems, transactWriteItems } from './transactions';
import { TtlStore } from './ttl-store';

// dynalite ships no types; loaded through require so no global `declare module` is needed.
type DynaliteFactory = (options: {
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
  path?: string;
}) => Server;

const dynalite = createRequire(import.meta.url)('dynalite') as DynaliteFactory;

const HOST = '127.0.0.1';
const TARGET_PREFIX = 'DynamoDB_20120810.';

const COMPAT: Record<string, CompatHandler> = {
  ExecuteStatement: executeStatement,
  BatchExecuteStatement: batchExecuteStatement,
  ExecuteTransaction: executeTransaction,
  TransactWriteItems: transactWriteItems,
  TransactGetItems: transactGetItems,
  UpdateTimeToLive: updateTimeToLive,
  DescribeTimeToLive: describeTimeToLive,
  DescribeContinuousBackups: describeContinuousBackups,
};

/** Writes dynalite performs itself; each runs under the write lock. */
const LOCKED_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

// After a close() request, connections still busy this long are cut.
const CLOSE_GRACE_MS = 5_000;

export interface EmbeddedDynamoOptions {
  /** dynalite's LevelDB directory; in memory when absent. */
  path?: string;
}

export interface EmbeddedDynamo {
  /** The public server (not listening until listen()). */
  server: Server;
  /** Listens on 127.0.0.1:`port` (0 or absent: any free port). */
  listen(port?: number): Promise<{ url: string; port: number }>;
  /** Stops both servers and closes the LevelDB store. */
  close(): Promise<void>;
}

function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
    force.unref();
    server.close((err?: Error) => {
      clearTimeout(force);
      if (err) reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** The operation named by X-Amz-Target, for DynamoDB's current API version only. */
function operationOf(req: IncomingMessage): string | undefined {
  const target = req.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

/**
 * Runs dynalite's handler and resolves once it has answered (it calls res.end() only after its
 * write is done) or once it never will (the client went away before sending the whole request).
 */
function delegate(handler: RequestListener, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (req.destroyed && !req.complete) {
      resolve();
      return;
    }
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]): ServerResponse => {
      resolve();
      return end(...args);
    }) as ServerResponse['end'];
    req.once('close', () => {
      if (!req.complete) resolve();
    });
    handler(req, res);
  });
}

export function createEmbeddedDynamo(opts: EmbeddedDynamoOptions = {}): EmbeddedDynamo {
  // Tables are ACTIVE at once after CreateTable, so the UI can open a new table without polling;
  // deletes and updates keep a short transition (DELETING/UPDATING) like DynamoDB, so callers
  // still handle those states rather than depend on an instant that AWS never gives.
  const store = dynalite({ createTableMs: 0, deleteTableMs: 100, updateTableMs: 100, ...(opts.path ? { path: opts.path } : {}) });
  // Idle keep-alive sockets stay open (on both servers): closing one can race a client reusing it,
  // which fails that request with ECONNRESET (and the internal client does not retry). Clients are
  // local; close() ends their sockets.
  store.keepAliveTimeout = 0;
  const dynaliteHandler = store.listeners('request')[0] as RequestListener;
  const writeLock = new Mutex();
  const ttl = new TtlStore(opts.path);

  let client: DynamoDBClient | undefined;
  // dynalite's own port, for the internal client; started at once so handlers can rely on it.
  const internal: Promise<CompatContext> = listenOn(store, 0).then((port) => {
    client = createInternalClient(`http://${HOST}:${port}`);
    return { client, writeLock, ttl };
  });
  // Surfaced by the first request or listen(); not an unhandled rejection meanwhile.
  internal.catch(() => undefined);

  async function serveCompat(handler: CompatHandler, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const contentType = responseContentType(req);
    res.setHeader('x-amzn-RequestId', requestId());
    if (req.headers.origin) res.setHeader('Access-Control-Allow-Origin', '*');
    try {
      const body = await readBody(req);
      if (!hasAuthentication(req)) {
        throw new DynamoError('MissingAuthenticationTokenException', 'Request is missing Authentication Token');
      }
      const result = await handler(await internal, parseJsonBody(body));
      sendJson(res, 200, result, contentType);
    } catch (err) {
      if (!res.headersSent) sendError(res, toDynamoError(err), contentType);
      else res.destroy();
    }
  }

  const server = createServer({ keepAliveTimeout: 0 }, (req, res) => {
    const op = req.method === 'POST' ? operationOf(req) : undefined;
    const handler = op === undefined ? undefined : COMPAT[op];
    if (handler) {
      void serveCompat(handler, req, res);
    } else if (op !== undefined && LOCKED_WRITES.has(op)) {
      writeLock.run(() => delegate(dynaliteHandler, req, res)).catch(() => res.destroy());
    } else {
      dynaliteHandler(req, res);
    }
  });

  let closing: Promise<void> | undefined;
  return {
    server,
    async listen(port = 0) {
      await internal;
      const bound = await listenOn(server, port);
      return { url: `http://${HOST}:${bound}`, port: bound };
    },
    close() {
      closing ??= (async () => {
        if (server.listening) await closeServer(server);
        await internal.catch(() => undefined);
        client?.destroy();
        // dynalite's close() also closes its LevelDB store (releasing the directory's lock).
        if (store.listening) await closeServer(store);
      })();
      return closing;
    },
  };
}
