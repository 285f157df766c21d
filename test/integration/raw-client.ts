import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** Opens a CONNECT tunnel through the proxy; resolves with the proxy's answer when it refuses. */
export function connectTunnel(proxyUrl: string, authority: string): Promise<{ socket?: Socket; status: number; body: string }> {
  const u = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: Number(u.port), method: 'CONNECT', path: authority });
    req.on('connect', (res, socket, head: Buffer) => {
      if (res.statusCode === 200) {
        if (head.length) socket.unshift(head);
        resolve({ socket, status: 200, body: '' });
        return;
      }
      let body = head.toString();
      socket.on('data', (c: Buffer) => { body += c.toString(); });
      socket.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      socket.on('error', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends one request to `host` through the proxy's CONNECT tunnel, trusting only the local CA. */
export async function viaProxy(proxyUrl: string, caPath: string, host: string, request: RawRequest): Promise<RawResponse> {
  const tunnel = await connectTunnel(proxyUrl, `${host}:443`);
  if (!tunnel.socket) throw new Error(`CONNECT refused: ${tunnel.status} ${tunnel.body}`);
  const secure = tls.connect({ socket: tunnel.socket, servername: host, ca: [readFileSync(caPath)] });
  await new Promise<void>((resolve, reject) => {
    secure.once('secureConnect', resolve);
    secure.once('error', reject);
  });
  return new Promise((resolve, reject) => {
    const req = http.request({ createConnection: () => secure, method: request.method, path: request.path, headers: request.headers, host });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => { body += c.toString(); });
      res.on('end', () => {
        secure.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A DynamoDB JSON request signed the way the SDKs sign it (host, x-amz-date, x-amz-target, content-type…). */
export async function signedDynamoRequest(opts: {
  host: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  target: string;
  body: object;
  signingDate?: Date;
}): Promise<RawRequest> {
  const body = JSON.stringify(opts.body);
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: opts.host,
    path: '/',
    headers: {
      host: opts.host,
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `DynamoDB_20120810.${opts.target}`,
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  });
  const signer = new SignatureV4({ service: 'dynamodb', region: opts.region, credentials: opts.credentials, sha256: Sha256 });
  const signed = await signer.sign(request, opts.signingDate ? { signingDate: opts.signingDate } : {});
  return { method: 'POST', path: '/', headers: signed.headers as Record<string, string>, body };
}
