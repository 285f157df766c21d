import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';

/**
 * A keep-alive HTTPS agent that reaches hosts through an HTTP CONNECT proxy, reusing each tunnel
 * for many requests the way urllib3 (aws CLI, boto3) does. Node's Agent pools the sockets.
 */
export class TunnelAgent extends https.Agent {
  constructor(private readonly proxyUrl: URL, private readonly ca: Buffer) {
    super({ keepAlive: true, maxSockets: 64 });
  }

  override createConnection(options: http.RequestOptions & { servername?: string }, callback?: (err: Error | null, stream: Duplex) => void): Duplex | undefined {
    const target = `${options.host}:${options.port ?? 443}`;
    const fail = (err: Error): void => callback?.(err, undefined as never);
    const req = http.request({ host: this.proxyUrl.hostname, port: Number(this.proxyUrl.port), method: 'CONNECT', path: target });
    req.on('connect', (res, socket) => {
      if (res.statusCode !== 200) {
        socket.destroy();
        fail(new Error(`CONNECT ${target} refused: ${res.statusCode}`));
        return;
      }
      callback?.(null, tls.connect({ socket, servername: options.servername ?? options.host ?? undefined, ca: this.ca }));
    });
    req.on('error', fail);
    req.end();
    return undefined;
  }
}
