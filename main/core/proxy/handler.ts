import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../apps/model';
import { PARTITIONS, serviceHost } from '../apps/partitions';
import { errorMessage, isAirlockError } from '../errors';
import type { AuditLog, AuditRecord } from './audit';
import { errorShapeFor, sendAwsError } from './aws-error';
import { hostHeader } from './authority';
import { actionOf, tableOf } from './request-info';
import { resign } from './resign';
import { capAssumeRoleDuration } from './sts-guard';
import { checkSignature } from './verify-request';
import { requestUpstream, responseHeaders, upstreamFromUrl } from './upstream';
import type { Upstream } from './upstream';
import type { SessionSource } from './session-source';

export interface LocalKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface HandlerDeps {
  app: App;
  sessions: SessionSource;
  audit: AuditLog;
  localKey: LocalKey;
  now: () => Date;
  maxBodyBytes: number;
  onRecord?: (rec: AuditRecord) => void;
  /** Finds a local app's emulator again after its URL stopped answering (updates `app`). */
  relocate?: () => Promise<void>;
}

/** Where a request came in: through a CONNECT tunnel to an AWS host, or straight at the proxy. */
export type Entry = { mode: 'forward'; host: string; port: number } | { mode: 'endpoint' };

function upstreamFor(app: App, entry: Entry, service: string, region: string): Upstream {
  const override = app.endpoints[service] ?? (service === 'sts' ? app.stsEndpoint : undefined);
  if (override) return upstreamFromUrl(override);
  if (entry.mode === 'forward') return { protocol: 'https:', host: entry.host, port: entry.port };
  return { protocol: 'https:', host: serviceHost(PARTITIONS[app.partition], service, region), port: 443 };
}

class BodyTooLarge extends Error {}

const QUERY_AUTH = /^x-amz-(algorithm|credential|date|expires|signedheaders|signature|security-token)$/i;

function withoutQuerySignature(query: string): string {
  return query.split('&').filter((p) => p && !QUERY_AUTH.test(decodeURIComponent(p.split('=')[0]!))).join('&');
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/**
 * One request through the proxy: verify the client's SigV4 with the proxy's local key, re-sign it
 * with the app session's credentials, forward it and stream the answer back. Every outcome is audited;
 * a refused request is never forwarded.
 */
export async function handleRequest(deps: HandlerDeps, entry: Entry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const requestId = randomUUID();
  const rawTarget = req.url ?? '/';
  const q = rawTarget.indexOf('?');
  const path = q < 0 ? rawTarget : rawTarget.slice(0, q);
  let query = q < 0 ? '' : rawTarget.slice(q + 1);
  const rec: AuditRecord = {
    time: deps.now().toISOString(),
    app: deps.app.name,
    method: req.method ?? 'GET',
    host: entry.mode === 'forward' ? entry.host : String(req.headers.host ?? ''),
    status: 0,
    latencyMs: 0,
    bytesIn: 0,
    bytesOut: 0,
    decision: 'refused',
  };
  const finish = (): void => {
    rec.latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
    deps.audit.append(rec);
    deps.onRecord?.(rec);
  };
  const refuse = (status: number, code: string, message: string, service?: string): void => {
    rec.status = status;
    rec.errorCode = code;
    rec.reason = message;
    rec.decision = 'refused';
    rec.bytesOut = sendAwsError(res, status, code, message, errorShapeFor(service, req.headers), requestId);
    // Drain what the client still sends so the keep-alive connection stays usable.
    req.resume();
    finish();
  };

  if (entry.mode === 'forward') {
    // The Host header must name the CONNECT target: one authority for the tunnel, TLS and HTTP.
    const host = String(req.headers.host ?? '').toLowerCase();
    if (host !== entry.host && host !== `${entry.host}:${entry.port}`) {
      refuse(400, 'InvalidHostHeader', `Host "${host}" does not match the CONNECT target ${entry.host}`);
      return;
    }
  }

  const check = checkSignature({
    method: req.method ?? 'GET',
    target: rawTarget,
    rawHeaders: req.rawHeaders,
  }, deps.localKey, deps.now());
  if (!check.ok) {
    refuse(check.status, check.code, check.message);
    return;
  }
  const { service, region } = check;
  // A presigned URL carries the local key's signature in its query: upstream gets a fresh header signature instead.
  if (check.presigned) query = withoutQuerySignature(query);
  rec.service = service;
  rec.region = region;
  rec.localKeyId = deps.localKey.accessKeyId;
  // A local app is an emulator, not an account: its fake credentials must never be sent to AWS.
  if (deps.app.local && !deps.app.endpoints[service]) {
    refuse(400, 'UnsupportedOperation', `Airlock: app "${deps.app.name}" is a local DynamoDB app; it serves only DynamoDB, not ${service}`, service);
    return;
  }

  if (check.payload === 'streaming-signed') {
    refuse(501, 'NotImplemented', 'chunk-signed uploads (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) are not supported by the Airlock proxy yet; ' +
      'configure the client to send UNSIGNED-PAYLOAD over HTTPS (e.g. payload_signing_enabled = false)', service);
    return;
  }

  let body: Buffer | undefined;
  let payloadHash = check.literal;
  if (check.payload === 'hashed') {
    try {
      body = await readBody(req, deps.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        refuse(413, 'RequestEntityTooLarge', `request body larger than ${deps.maxBodyBytes} bytes`, service);
      } else {
        rec.status = 499;
        rec.reason = `client went away: ${errorMessage(err)}`;
        finish();
      }
      return;
    }
    rec.bytesIn = body.length;
    payloadHash = createHash('sha256').update(body).digest('hex');
    const done = check.finish(payloadHash);
    if (!done.ok) {
      refuse(done.status, done.code, done.message, service);
      return;
    }
  }
  rec.action = actionOf(rec.method ?? 'GET', path, query, req.headers, body);
  const table = tableOf(service, body);
  if (table) rec.table = table;

  let session;
  try {
    session = await deps.sessions.current();
  } catch (err) {
    const code = isAirlockError(err) ? err.code : 'SessionUnavailable';
    const hint = isAirlockError(err) && err.hint ? ` (${err.hint})` : '';
    refuse(403, code === 'NOT_LOGGED_IN' || code === 'SESSION_EXPIRED' ? 'ExpiredTokenException' : 'AccessDeniedException',
      `Airlock: ${errorMessage(err)}${hint}`, service);
    return;
  }
  rec.roleArn = session.roleArn;

  if (service === 'sts' && body && rec.action === 'AssumeRole') {
    const capped = capAssumeRoleDuration(body, (session.expiration.getTime() - deps.now().getTime()) / 1000);
    if ('refuse' in capped) {
      refuse(403, 'AccessDenied', `Airlock: ${capped.refuse}`, service);
      return;
    }
    if (capped.capped) {
      body = capped.body;
      payloadHash = createHash('sha256').update(body).digest('hex');
      rec.reason = 'AssumeRole DurationSeconds capped to the Airlock session';
    }
  }

  const up = upstreamFor(deps.app, entry, service, region);
  const upstreamHost = hostHeader(up.host, up.port, up.protocol);
  let headers: Record<string, string>;
  try {
    headers = await resign({
      method: req.method ?? 'GET',
      path,
      query,
      headers: req.headers,
      clientSignedHeaders: check.signedHeaders,
      upstreamHost,
      service,
      region,
      credentials: session.credentials,
      payloadHash,
      signingDate: deps.now(),
    });
  } catch (err) {
    refuse(500, 'InternalFailure', `Airlock could not sign the request: ${errorMessage(err)}`, service);
    return;
  }
  if (body) headers['content-length'] = String(body.length);

  const upReq = requestUpstream(up, req.method ?? 'GET', query ? `${path}?${query}` : path, headers);
  rec.decision = 'forwarded';
  res.on('close', () => {
    if (!res.writableFinished) upReq.destroy();
  });
  upReq.on('response', (ures) => {
    rec.status = ures.statusCode ?? 502;
    const errType = ures.headers['x-amzn-errortype'];
    if (typeof errType === 'string') rec.errorCode = errType.split(':')[0]!;
    res.writeHead(rec.status, responseHeaders(ures.headers));
    let sniff = rec.status >= 400 && !rec.errorCode ? '' : undefined;
    ures.on('data', (c: Buffer) => {
      rec.bytesOut += c.length;
      if (sniff !== undefined && sniff.length < 2048) sniff += c.toString('utf8', 0, Math.min(c.length, 2048));
    });
    ures.on('end', () => {
      if (sniff) {
        const m = /<Code>([^<]{1,128})<\/Code>/.exec(sniff) ?? /"__type"\s*:\s*"(?:[^"#]*#)?([^"]{1,128})"/.exec(sniff);
        if (m) rec.errorCode = m[1]!;
      }
      finish();
    });
    ures.on('error', () => finish());
    ures.pipe(res);
  });
  upReq.on('error', (err) => {
    if (res.headersSent) {
      res.destroy();
      rec.reason = `upstream failed mid-answer: ${errorMessage(err)}`;
      finish();
      return;
    }
    rec.decision = 'refused';
    const refused = (err as NodeJS.ErrnoException).code === 'ECONNREFUSED';
    if (refused && deps.app.local && deps.relocate) {
      // The emulator's process quit: find it again (or start it here) before answering, so the
      // client's retry of this 503 (SDKs retry it by themselves) reaches it at its new URL.
      deps.relocate().then(
        () => refuse(503, 'ServiceUnavailable', `Airlock: the Local DynamoDB at ${upstreamHost} quit and was found again; retry the request`, service),
        (e: unknown) => refuse(502, 'ServiceUnavailable', `Airlock could not reach ${upstreamHost}, nor start the Local DynamoDB again: ${errorMessage(e)}`, service),
      );
      return;
    }
    refuse(502, 'ServiceUnavailable', `Airlock could not reach ${upstreamHost}: ${errorMessage(err)}`, service);
  });
  if (body) {
    upReq.end(body);
  } else {
    let n = 0;
    req.on('data', (c: Buffer) => { n += c.length; rec.bytesIn = n; });
    req.pipe(upReq);
  }
}
