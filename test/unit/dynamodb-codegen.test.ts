import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { codeSnippets, shellQuote } from '../../main/core/dynamodb/codegen';
import { buildRead } from '../../main/core/dynamodb/expression';

describe('shellQuote', () => {
  it.each([
    'plain', 'Orders.v2-test_1', '#n0 = :v0', "it's", "'", "''", 'a b', '$HOME', '`date`', '$(echo hi)', '"\\"', 'new\nline', '', '!event', 'ünï',
  ])('%j survives bash as one word', (text) => {
    const out = execFileSync('/bin/bash', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' });
    expect(out).toBe(text);
  });

  it('leaves safe words bare and quotes the rest', () => {
    expect(shellQuote('Orders')).toBe('Orders');
    expect(shellQuote('#n0')).toBe("'#n0'");
    expect(shellQuote("a'b")).toBe("'a'\\''b'");
  });
});

const KEYS = { key: { partition: 'pk', sort: 'sk' }, indexes: [{ name: 'byGroup', kind: 'GSI' as const, key: { partition: 'g' } }] };

describe('codeSnippets', () => {
  const built = buildRead({
    table: 'Orders',
    partition: { S: "it's" },
    filter: { kind: 'group', join: 'AND', items: [
      { kind: 'condition', path: ['blob'], op: '=', values: [{ B: 'AAE=' }] },
      { kind: 'condition', path: ['flag'], op: '<>', values: [{ BOOL: false }] },
      { kind: 'condition', path: ['n'], op: '=', values: [{ N: '12345678901234567890123456789012345678' }] },
    ] },
    descending: true,
    consistent: true,
    pageSize: 10,
  }, KEYS);
  const snippets = codeSnippets(built.operation, { ...built.input, ExclusiveStartKey: { pk: { S: "it's" }, sk: { N: '5' } } }, { region: 'eu-west-1' });

  it('writes an aws CLI command with every parameter', () => {
    expect(snippets.cli.split(' \\\n  ')).toEqual([
      'aws dynamodb query',
      '--table-name Orders',
      "--key-condition-expression '#n0 = :v0'",
      "--filter-expression '#n1 = :v1 AND #n2 <> :v2 AND #n3 = :v3'",
      `--expression-attribute-names '{"#n0":"pk","#n1":"blob","#n2":"flag","#n3":"n"}'`,
      `--expression-attribute-values '{":v0":{"S":"it'\\''s"},":v1":{"B":"AAE="},":v2":{"BOOL":false},":v3":{"N":"12345678901234567890123456789012345678"}}'`,
      `--exclusive-start-key '{"pk":{"S":"it'\\''s"},"sk":{"N":"5"}}'`,
      '--no-scan-index-forward',
      '--consistent-read',
      '--limit 10',
      '--return-consumed-capacity TOTAL',
      '--no-paginate',
      '--cli-binary-format base64',
      '--region eu-west-1',
    ]);
  });

  it('writes a JavaScript SDK v3 snippet with DynamoDB JSON values', () => {
    const js = snippets.javascript;
    expect(js).toMatch(/^import \{ DynamoDBClient, QueryCommand \} from '@aws-sdk\/client-dynamodb';\n/);
    expect(js).toContain("new DynamoDBClient({ region: 'eu-west-1' })");
    expect(js).toContain('await client.send(new QueryCommand({');
    expect(js).toContain("    ':v0': { S: 'it\\'s' },");
    expect(js).toContain("    ':v1': { B: Buffer.from('AAE=', 'base64') },");
    expect(js).toContain("    ':v2': { BOOL: false },");
    expect(js).toContain("    ':v3': { N: '12345678901234567890123456789012345678' },");
    expect(js).toContain('  ScanIndexForward: false,\n  ConsistentRead: true,\n  Limit: 10,');
    expect(js).toContain("  ExclusiveStartKey: {\n    pk: { S: 'it\\'s' },\n    sk: { N: '5' },\n  },");
  });

  it('writes a boto3 snippet with Python literals', () => {
    const py = snippets.python;
    expect(py).toContain("client = boto3.client('dynamodb', region_name='eu-west-1')");
    expect(py).toContain('response = client.query(');
    expect(py).toContain("        ':v1': {'B': base64.b64decode('AAE=')},");
    expect(py).toContain("        ':v2': {'BOOL': False},");
    expect(py).toContain('    ScanIndexForward=False,\n    ConsistentRead=True,\n    Limit=10,');
    expect(py).not.toMatch(/\btrue\b|\bfalse\b|\bnull\b/);
  });

  it('parses as Python', () => {
    // compile() checks the syntax without running (no boto3 call is made).
    execFileSync('/usr/bin/python3', ['-c', 'import sys; compile(sys.stdin.read(), "snippet", "exec")'], { input: snippets.python });
  });

  it('writes a Scan without key condition, binary format or region when not needed', () => {
    const scan = buildRead({ table: 'Orders', index: 'byGroup' }, KEYS);
    const out = codeSnippets(scan.operation, scan.input);
    expect(out.cli).toBe('aws dynamodb scan \\\n  --table-name Orders \\\n  --index-name byGroup \\\n  --return-consumed-capacity TOTAL \\\n  --no-paginate');
    expect(out.javascript).toContain('import { DynamoDBClient, ScanCommand }');
    expect(out.javascript).toContain('new DynamoDBClient({})');
    expect(out.javascript).not.toContain('ExpressionAttribute');
    expect(out.python).toContain("boto3.client('dynamodb')\n");
    expect(out.python).toContain('response = client.scan(');
  });

  it('refuses a parameter it cannot write, rather than drop it', () => {
    expect(() => codeSnippets('Scan', { TableName: 'Orders', ScanFilter: {} })).toThrow(/ScanFilter/);
  });
});
