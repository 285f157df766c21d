import { EventEmitter } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { App } from '../apps/model';
import { PARTITIONS, isPartitionHost } from '../apps/partitions';
import { AirlockError, errorMessage } from '../errors';
import type { AuditLog, AuditRecord } from './audit';
import { matchesAllowHost, parseAuthority } from './authority';
import type { Authority } from './authority';
import type { LocalCa } from './ca';
import { handleRequest } from './handler';
import type { Entry, HandlerDeps, LocalKey } from './handler';
import type { SessionSource } from './session-source';

export interface ProxyOptions {
  app: App;
  sessions: SessionSource;
  ca: LocalCa;
  audit: AuditLog;
  localKey: LocalKey;
  /** Non-AWS hosts a client may CONNECT to; tunnelled untouched (no MITM, no signing). */
  allowHosts?: string[];
  now?: () => Date;
  maxBodyBytes?: number;
  /**
   * A local app whose emulator may move (the embedded one, run by another Airlock process that may
   * quit): the app with its emulator's URL as it is now, started here if nobody runs it any more.
   */
  relocate?: () => Promise<App>;
}

export interface ProxyStats {
  requests: number;
  forwarded: number;
  refused: number;
  tunneled: number;
  /** Client connections accepted (keep-alive clients reuse one for many requests). */
  connections: number;
  /** CONNECT tunnels terminated with the local CA. */
  tlsTunnels: number;
}

/** Services that speak WebSocket: their frames cannot be re-signed one by one. */
const WEBSOCKET_SERVICES = /^(ssmmessages|ec2messages)\./;

export type ProxyMode = 'forward' | 'endpoint';

/**
 * The local AWS proxy on loopback, in one of two modes: 'forward' is an HTTP proxy for CONNECT
 * (HTTPS_PROXY; TLS to AWS hosts terminated with the local CA), 'endpoint' is HTTPS straight at
 * the proxy (AWS_ENDPOINT_URL). Both hand requests to the same handler.
 */
export class AwsProxy extends EventEmitter {
  readonly stats: ProxyStats = { requests: 0, forwarded: 0, refused: 0, tunneled: 0, connections: 0, tlsTunnels: 0 };
  private readonly opts: Required<Omit<ProxyOptions, 'relocate'>> & Pick<ProxyOptions, 'relocate'>;
  private relocating: Promise<void> | undefined;
  private readonly plain: http.Server;
  private readonly inner: http.Server;
  private secure: https.Server | undefined;
  private listening: net.Server | undefined;
  private readonly entries = new WeakMap<net.Socket, Entry>();
  private readonly sockets = new Set<net.Socket>();
  private readonly onRequest: (entry: Entry) => http.RequestListener;

  constructor(options: ProxyOptions) {
    super();
    this.opts = { allowHosts: [], now: () => new Date(), maxBodyBytes: 64 * 1024 * 1024, ...options };
    const deps: HandlerDeps = {
      app: this.opts.app,
      sessions: this.opts.sessions,
      audit: this.opts.audit,
      localKey: this.opts.localKey,
      now: this.opts.now,
      maxBodyBytes: this.opts.maxBodyBytes,
      onRecord: (rec: AuditRecord) => this.count(rec),
    };
    const relocate = this.opts.relocate;
    if (relocate) {
      // One search at a time, however many requests found the emulator gone; later requests use the new URL.
      deps.relocate = (): Promise<void> => {
        this.relocating ??= relocate()
          .then((app) => {
            deps.app = app;
          })
          .finally(() => {
            this.relocating = undefined;
          });
        return this.relocating;
      };
    }
    this.onRequest = (entry: Entry) => (req: http.IncomingMessage, res: http.ServerResponse): void => {
      handleRequest(deps, entry, req, res).catch((err: unknown) => {
        // Not 'error': an EventEmitter with no 'error' listener would throw and take the process down.
        this.emit('failure', err);
        res.destroy();
      });
    };
    // Requests inside CONNECT tunnels: the tunnel's target is the only upstream they may reach.
    this.inner = http.createServer({ keepAlive: true }, (req, res) => {
      const entry = this.entries.get(req.socket);
      if (!entry) {
        res.destroy();
        return;
      }
      this.onRequest(entry)(req, res);
    });
    // The forward proxy itself: CONNECT only; AWS clients never send plain-HTTP proxy requests.
    this.plain = http.createServer({ keepAlive: true }, (_req, res) => {
      this.refuseHttp(res, 400, 'Airlock is an HTTPS proxy for AWS: point HTTPS_PROXY at it (plain HTTP requests are not proxied)');
    });
    this.plain.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      this.onConnect(req, socket, head).catch((err: unknown) => {
        // Not 'error': an EventEmitter with no 'error' listener would throw and take the process down.
        this.emit('failure', err);
        socket.destroy();
      });
    });
  }

  /** Starts listening on 127.0.0.1 only; resolves with the port. */
  async listen(port = 0, mode: ProxyMode = 'forward'): Promise<number> {
    let server: net.Server;
    if (mode === 'endpoint') {
      // Clients connecting to an IP literal send no SNI: the 127.0.0.1 leaf is the default.
      const ip = await this.opts.ca.leafFor('127.0.0.1');
      const localhost = await this.opts.ca.secureContextFor('localhost');
      this.secure = https.createServer({
        key: ip.key,
        cert: ip.cert,
        keepAlive: true,
        SNICallback: (name, cb) => {
          if (name === 'localhost') cb(null, localhost);
          else cb(new Error(`unexpected TLS server name ${name}`));
        },
      }, this.onRequest({ mode: 'endpoint' }));
      server = this.secure;
    } else {
      server = this.plain;
    }
    server.on('connection', (socket: net.Socket) => this.track(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        reject(err.code === 'EADDRINUSE'
          ? new AirlockError('PORT_IN_USE', `port ${port} on 127.0.0.1 is already in use`, 'pick another with -p PORT, or leave it out for any free port')
          : err);
      });
      server.listen(port, '127.0.0.1', () => {
        server.removeAllListeners('error');
        resolve();
      });
    });
    this.listening = server;
    return (server.address() as net.AddressInfo).port;
  }

  get port(): number {
    return (this.listening?.address() as net.AddressInfo | null)?.port ?? 0;
  }

  async close(): Promise<void> {
    const server = this.listening;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    this.inner.close();
  }

  private count(rec: AuditRecord): void {
    this.stats.requests++;
    if (rec.decision === 'forwarded') this.stats.forwarded++;
    else if (rec.decision === 'tunneled') this.stats.tunneled++;
    else this.stats.refused++;
    this.emit('record', rec);
  }

  private track(socket: net.Socket): void {
    this.stats.connections++;
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private refuseHttp(res: http.ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(`${message}\n`);
  }

  private async onConnect(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
    // After CONNECT the HTTP server no longer watches this socket: a client reset must not become an uncaught error.
    socket.on('error', () => socket.destroy());
    const target = req.url ?? '';
    const authority = parseAuthority(target);
    const partition = PARTITIONS[this.opts.app.partition];
    const refuse = (status: number, reason: string): void => {
      socket.end(`HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : 'Bad Request'}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\nAirlock: ${reason}\n`);
      this.writeConnectAudit(target, status, 'refused', reason, authority);
    };
    if (!authority) {
      refuse(400, `"${target}" is not a host:port authority`);
      return;
    }
    if (isPartitionHost(partition, authority.host) && authority.port === 443) {
      if (WEBSOCKET_SERVICES.test(authority.host)) {
        refuse(403, `${authority.host} uses WebSockets, which cannot be re-signed per message; add it to NO_PROXY to reach it directly`);
        return;
      }
      const context = await this.opts.ca.secureContextFor(authority.host);
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      // TLS reads a net.Socket's handle directly and would miss bytes the client sent early
      // (before our 200); in that rare case feed it through a JS stream that has them.
      let carrier: Duplex = socket;
      if (head.length) {
        socket.unshift(head);
        carrier = Duplex.from({ readable: socket, writable: socket });
      }
      const tlsSocket = new tls.TLSSocket(carrier, {
        isServer: true,
        secureContext: context,
        SNICallback: (name, cb) => {
          // SNI must name the CONNECT target, or the Host check would guard a different name.
          if (name.toLowerCase() === authority.host) cb(null, context);
          else cb(new Error(`TLS server name ${name} does not match CONNECT ${authority.host}`));
        },
      });
      tlsSocket.on('error', () => tlsSocket.destroy());
      this.entries.set(tlsSocket, { mode: 'forward', host: authority.host, port: authority.port });
      this.stats.tlsTunnels++;
      this.inner.emit('connection', tlsSocket);
      return;
    }
    if (matchesAllowHost(this.opts.allowHosts, authority)) {
      const upstream = net.connect(authority.port, authority.host);
      upstream.once('connect', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        if (head.length) upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
        this.writeConnectAudit(target, 200, 'tunneled', undefined, authority);
      });
      upstream.on('error', (err) => {
        if (!socket.destroyed) refuse(502, `could not reach ${target}: ${errorMessage(err)}`);
        socket.destroy();
      });
      socket.on('error', () => upstream.destroy());
      socket.on('close', () => upstream.destroy());
      return;
    }
    refuse(403, `${authority.host}:${authority.port} is not an AWS endpoint of partition ${partition.id}; pass --allow-host to tunnel it`);
  }

  private writeConnectAudit(target: string, status: number, decision: AuditRecord['decision'], reason: string | undefined, a: Authority | undefined): void {
    const rec: AuditRecord = {
      time: this.opts.now().toISOString(),
      app: this.opts.app.name,
      host: a ? a.host : target.slice(0, 255),
      method: 'CONNECT',
      action: 'CONNECT',
      status,
      latencyMs: 0,
      bytesIn: 0,
      bytesOut: 0,
      decision,
      ...(reason ? { reason } : {}),
    };
    this.opts.audit.append(rec);
    this.count(rec);
  }
}
