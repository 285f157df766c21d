/** What the audit log says about a request: the operation and the DynamoDB table, when cheap to tell. */
export function actionOf(method: string, path: string, query: string, headers: Record<string, string | string[] | undefined>, body?: Buffer): string {
  const target = headers['x-amz-target'];
  if (typeof target === 'string' && target) return target.slice(target.lastIndexOf('.') + 1);
  const fromQuery = /(?:^|&)Action=([^&]*)/.exec(query);
  if (fromQuery) return decodeURIComponent(fromQuery[1]!);
  const ct = String(headers['content-type'] ?? '');
  if (body && ct.includes('x-www-form-urlencoded')) {
    const m = /(?:^|&)Action=([^&]*)/.exec(body.subarray(0, 4096).toString('latin1'));
    if (m) return decodeURIComponent(m[1]!);
  }
  return `${method} ${path}`;
}

const TABLE_NAME = /"TableName"\s*:\s*"((?:[^"\\]|\\.){1,255})"/;

/** TableName of a DynamoDB JSON request; for batch calls the first table in RequestItems. */
export function tableOf(service: string | undefined, body?: Buffer): string | undefined {
  if (service !== 'dynamodb' || !body || body.length === 0) return undefined;
  const head = body.subarray(0, 8192).toString('utf8');
  const m = TABLE_NAME.exec(head);
  if (m) return m[1];
  const batch = /"RequestItems"\s*:\s*\{\s*"((?:[^"\\]|\\.){1,255})"/.exec(head);
  return batch?.[1];
}
