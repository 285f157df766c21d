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

const STATEMENT = /"Statement"\s*:\s*("(?:[^"\\]|\\.)*")/;
/** The table a PartiQL statement reads or writes: SELECT … FROM t, INSERT INTO t, UPDATE t, DELETE FROM t. */
const PARTIQL_TABLE = /\b(?:FROM|INTO|UPDATE)\s+(?:"((?:[^"]|"")+)"|([A-Za-z0-9_.-]+))/i;

export function partiqlTable(statement: string): string | undefined {
  const m = PARTIQL_TABLE.exec(statement);
  const name = m?.[1]?.replace(/""/g, '"') ?? m?.[2];
  // "table"."index" yields the table (the first quoted name); an unquoted name may itself contain dots.
  return name && name.length <= 255 ? name : undefined;
}

/** TableName of a DynamoDB JSON request; for batch calls the first table in RequestItems; for PartiQL the statement's table. */
export function tableOf(service: string | undefined, body?: Buffer): string | undefined {
  if (service !== 'dynamodb' || !body || body.length === 0) return undefined;
  const head = body.subarray(0, 8192).toString('utf8');
  const m = TABLE_NAME.exec(head);
  if (m) return m[1];
  const batch = /"RequestItems"\s*:\s*\{\s*"((?:[^"\\]|\\.){1,255})"/.exec(head);
  if (batch) return batch[1];
  const statement = STATEMENT.exec(head);
  if (!statement) return undefined;
  try {
    return partiqlTable(JSON.parse(statement[1]!) as string);
  } catch {
    return undefined;
  }
}
