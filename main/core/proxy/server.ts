import { EventEmitter } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import type { App } from '../apps/model';
import { PARTITIONS, isPartitionHost } from '../apps/partitions';
import { errorMessage } from '../errors';
import type { AuditLog, AuditRecord } from './audit';
import { matchesAllowHost, parseAuthority } from './authority';
import type { Authority } from './authority';
import type { LocalCa } from './ca';
import { handleRequest } from './handler';
import type { Entry, LocalKey } from './handler';
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
}

export interface ProxyStats {
  requests: number;
  forwarded: number;
  refused: number;
  tunneled: number;
}

/** Services that speak WebSocket: their frames cannot be re-signed one by one. */
const WEBSOCKET_SERVICES = /^(ssmmessages|ec2messages)\./;

/**
 * The local AWS proxy. One loopback port serves both ways in: HTTP with CONNECT (HTTPS_PROXY mode,
 * TLS to AWS hosts terminated with the local CA) and HTTPS straight at the proxy (AWS_ENDPOINT_URL
 * mode). The first byte of a connection tells them apart: 0x16 starts a TLS handshake.
 */
export class AwsProxy extends EventEmitter {
  readonly stats: ProxyStats = { requests: 0, forwarded: 0, refused: 0, tunneled: 0 };
  private readonly opts: Required<ProxyOptions>;
  private readonly outer: net.Server;
  private readonly plain: http.Server;
  private readonly inner: http.Server;
  private readonly entries = new WeakMap<net.Socket, Entry>();
  private readonly sockets = new Set<net.Socket>();
  private endpointContext: tls.SecureContext | undefined;

  constructor(options: ProxyOptions) {
    super();
    this.opts = { allowHosts: [], now: () => new Date(), maxBodyBytes: 64 * 1024 * 1024, ...options };
    const deps = {
      app: this.opts.app,
      sessions: this.opts.sessions,
      audit: this.opts.audit,
      localKey: this.opts.localKey,
      now: this.opts.now,
      maxBodyBytes: this.opts.maxBodyBytes,
      onRecord: (rec: AuditRecord) => this.count(rec),
    };
    const onRequest = (entry: Entry) => (req: http.IncomingMessage, res: http.ServerResponse): void => {
      handleRequest(deps, entry, req, res).catch((err: unknown) => {
        this.emit('error', err);
        res.destroy();
      });
    };
    // Requests inside CONNECT tunnels and straight TLS connections.
    this.inner = http.createServer({ keepAlive: true }, (req, res) => {
      const entry = this.entries.get(req.socket) ?? { mode: 'endpoint' };
      onRequest(entry)(req, res);
    });
    // Plain HTTP: CONNECT, or an endpoint-mode client using http:// on loopback.
    this.plain = http.createServer({ keepAlive: true }, (req, res) => {
      if (req.url && !req.url.startsWith('/')) {
        this.refuseHttp(res, 400, `Airlock proxies AWS over HTTPS only (got a plain proxy request for ${req.url}); use HTTPS_PROXY with https endpoints`);
        return;
      }
      onRequest({ mode: 'endpoint' })(req, res);
    });
    this.plain.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
      this.onConnect(req, socket, head).catch((err: unknown) => {
        this.emit('error', err);
        socket.destroy();
      });
    });
    this.outer = net.createServer((socket) => this.onConnection(socket));
  }

  /** Starts listening on 127.0.0.1 only. */
  async listen(port = 0): Promise<number> {
    this.endpointContext = await this.opts.ca.secureContextFor('127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      this.outer.once('error', reject);
      this.outer.listen(port, '127.0.0.1', () => {
        this.outer.off('error', reject);
        resolve();
      });
    });
    return (this.outer.address() as net.AddressInfo).port;
  }

  get port(): number {
    return (this.outer.address() as net.AddressInfo | null)?.port ?? 0;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.outer.close(() => resolve());
      for (const s of this.sockets) s.destroy();
    });
    this.plain.close();
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
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private onConnection(socket: net.Socket): void {
    this.track(socket);
    socket.on('error', () => socket.destroy());
    socket.once('data', (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      if (first[0] === 0x16) {
        const tlsSocket = new tls.TLSSocket(socket, {
          isServer: true,
          secureContext: this.endpointContext!,
          SNICallback: (name, cb) => {
            // Endpoint mode is for loopback names only.
            if (name === 'localhost' || name === '127.0.0.1') cb(null, this.endpointContext);
            else cb(new Error(`unexpected TLS server name ${name}`));
          },
        });
        tlsSocket.on('error', () => tlsSocket.destroy());
        this.inner.emit('connection', tlsSocket);
      } else {
        this.plain.emit('connection', socket);
      }
      socket.resume();
    });
  }

  private refuseHttp(res: http.ServerResponse, status: number, message: string): void {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(`${message}\n`);
  }

  private async onConnect(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
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
      if (head.length) socket.unshift(head);
      const tlsSocket = new tls.TLSSocket(socket, {
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
