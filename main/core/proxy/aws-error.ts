import type { ServerResponse } from 'node:http';

/**
 * An error answer in the shape the client's protocol expects, so the aws CLI, boto3 and the SDKs
 * show our code and message instead of a parse failure.
 */
export type ErrorShape = 'json' | 'query-xml' | 'rest-xml';

export function errorShapeFor(service: string | undefined, headers: Record<string, string | string[] | undefined>): ErrorShape {
  const ct = String(headers['content-type'] ?? '');
  if (headers['x-amz-target'] || ct.includes('json')) return 'json';
  if (service === 's3' || service === 's3-object-lambda') return 'rest-xml';
  if (ct.includes('x-www-form-urlencoded')) return 'query-xml';
  return 'json';
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sendAwsError(res: ServerResponse, status: number, code: string, message: string, shape: ErrorShape, requestId: string): number {
  let body: string;
  let type: string;
  if (shape === 'json') {
    body = JSON.stringify({ __type: code, message, Message: message });
    type = 'application/x-amz-json-1.0';
  } else if (shape === 'query-xml') {
    body = `<ErrorResponse><Error><Type>Sender</Type><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    type = 'text/xml';
  } else {
    body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${xmlEscape(code)}</Code><Message>${xmlEscape(message)}</Message><RequestId>${requestId}</RequestId></Error>`;
    type = 'application/xml';
  }
  const buf = Buffer.from(body);
  if (!res.headersSent) {
    res.writeHead(status, {
      'content-type': type,
      'content-length': buf.length,
      'x-amzn-errortype': code,
      'x-amzn-requestid': requestId,
      'x-airlock-refused': 'true',
    });
  }
  res.end(buf);
  return buf.length;
}
