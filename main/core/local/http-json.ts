/** Reading an AWS JSON 1.0 request and answering it the way dynalite (and DynamoDB) does. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import { DynamoError } from './errors';
import { isObject } from './wire';
import type { JsonObject } from './wire';

// dynalite's limit for a request body.
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

/** A 52-character id like DynamoDB's (and dynalite's) x-amzn-RequestId. */
export function requestId(): string {
  return randomBytes(39).toString('base64').toUpperCase().replace(/[+/]/g, '0');
}

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new DynamoError('RequestEntityTooLarge', 'Request too large', 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function parseJsonBody(text: string): JsonObject {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new DynamoError('SerializationException', 'Start of structure or map found where not expected');
  }
  if (!isObject(data)) throw new DynamoError('SerializationException', 'Start of structure or map found where not expected');
  return data;
}

/** The answer's content type follows the request's, as dynalite's does. */
export function responseContentType(req: IncomingMessage): string {
  const ct = String(req.headers['content-type'] ?? '').split(';')[0]?.trim();
  return ct === 'application/json' ? 'application/json' : 'application/x-amz-json-1.0';
}

export function sendJson(res: ServerResponse, status: number, data: unknown, contentType: string): void {
  const body = Buffer.from(JSON.stringify(data), 'utf8');
  res.statusCode = status;
  // Clients (botocore) check the body against this checksum.
  res.setHeader('x-amz-crc32', String(crc32(body)));
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

export function sendError(res: ServerResponse, err: DynamoError, contentType: string): void {
  sendJson(res, err.status, err.body(), contentType);
}

/** dynalite answers unsigned requests with this error; the compatibility layer does the same. */
export function hasAuthentication(req: IncomingMessage): boolean {
  const auth = req.headers.authorization;
  if (auth !== undefined) return auth.trim().startsWith('AWS4-');
  return new URL(req.url ?? '/', 'http://localhost').searchParams.has('X-Amz-Algorithm');
}
