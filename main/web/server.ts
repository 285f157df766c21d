import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { events as eventSchemas } from '../../preload/contract';
import type { EventName, EventPayload } from '../../preload/contract';
import { createHandlers, invoke } from '../api';
import type { ApiContext } from '../api/context';
import type { CoreHost } from '../core/host';
import { AirlockError } from '../core/errors';
import { ProxyRegistry } from '../core/proxy/registry';
import { WebGuard } from './guard';
import { SECURITY_HEADERS, serveStatic } from './static';

export interface WebHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new AirlockError('TOO_LARGE', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      try {
        resolve(size === 0 ? {} : JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AirlockError('BAD_JSON', 'request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json', 'content-length': data.length });
  res.end(data);
}

/**
 * `airlock ui`: serves the built renderer and the contract's calls over HTTP on 127.0.0.1 only.
 * RPC is POST /rpc/<channel> with the token in `x-airlock-token`; events are server-sent at
 * GET /events?token=…. The token reaches the page in the URL fragment, which browsers never send.
 */
export async function startWebHost(opts: { host: CoreHost; port?: number; staticDir?: string; token?: string }): Promise<WebHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const proxies = new ProxyRegistry(opts.host);
  const streams = new Set<http.ServerResponse>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const data = `event: ${name}\ndata: ${JSON.stringify(eventSchemas[name].parse(payload))}\n\n`;
    for (const s of streams) s.write(data);
  };
  const ctx: ApiContext = { host: opts.host, proxies, emit };
  proxies.on('record', (proxyId: string, record) => emit('proxy.record', { proxyId, record }));
  proxies.on('stopped', (proxyId: string) => emit('proxy.stopped', { proxyId }));
  proxies.on('ended', (app: string, message: string) => emit('session.ended', { app, message }));
  const handlers = createHandlers(ctx);
  // Known once listening (the guard needs the port).
  const state: { guard?: WebGuard } = {};

  const server = http.createServer((req, res) => {
    void (async () => {
      const g = state.guard;
      if (!g) {
        res.destroy();
        return;
      }
      if (!g.hostOk(req)) {
        sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN_HOST', message: 'unexpected Host header' } });
        return;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname.startsWith('/rpc/')) {
        if (req.method !== 'POST') {
          sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: 'use POST' } });
          return;
        }
        if (!g.originOk(req)) {
          sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN_ORIGIN', message: 'calls are accepted only from the Airlock page' } });
          return;
        }
        if (!g.tokenOk(req.headers['x-airlock-token'] as string | undefined)) {
          sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong Airlock token: open the URL airlock ui printed' } });
          return;
        }
        if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
          sendJson(res, 415, { ok: false, error: { code: 'CONTENT_TYPE', message: 'send application/json' } });
          return;
        }
        let payload: unknown;
        try {
          payload = await readJson(req);
        } catch (err) {
          sendJson(res, 400, { ok: false, error: { code: (err as AirlockError).code ?? 'BAD_REQUEST', message: (err as Error).message } });
          return;
        }
        const result = await invoke(handlers, decodeURIComponent(url.pathname.slice('/rpc/'.length)), payload);
        sendJson(res, 200, result);
        return;
      }
      if (url.pathname === '/events') {
        if (!g.originOk(req) || !g.tokenOk(url.searchParams.get('token'))) {
          sendJson(res, 401, { ok: false, error: { code: 'UNAUTHORIZED', message: 'missing or wrong Airlock token' } });
          return;
        }
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { ok: false, error: { code: 'METHOD', message: 'not allowed' } });
        return;
      }
      await serveStatic(opts.staticDir, url.pathname, res);
    })().catch(() => res.destroy());
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE'
      ? new AirlockError('PORT_IN_USE', `port ${opts.port} on 127.0.0.1 is already in use`, 'pick another with --port, or leave it out')
      : err));
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  state.guard = new WebGuard(port, token);
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    close: async () => {
      for (const s of streams) s.end();
      await proxies.stopAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
