/**
 * "Show code": the read Airlock just sent, as an aws CLI command, a JavaScript SDK v3 snippet and a
 * boto3 snippet. Each makes the same single request (one page; LastEvaluatedKey continues), with
 * the same placeholders, so what a user copies behaves exactly like what they saw.
 */
import type { QueryCommandInput, ScanCommandInput } from '@aws-sdk/client-dynamodb';
import type { z } from 'zod';
import type { CodeSnippets } from '../../../preload/dynamodb';
import { AirlockError } from '../errors';
import type { SdkItem } from './wire';
import { itemFromSdk } from './wire';

export interface CodegenOptions {
  region?: string;
  /** Only for tests against an emulator: real users reach DynamoDB at its usual endpoint. */
  endpointUrl?: string;
}

/** The parameters a snippet can carry, in the order they are written. */
const PARAMS = [
  'TableName', 'IndexName', 'KeyConditionExpression', 'FilterExpression', 'ProjectionExpression',
  'ExpressionAttributeNames', 'ExpressionAttributeValues', 'ExclusiveStartKey', 'ScanIndexForward',
  'ConsistentRead', 'Select', 'Limit', 'Segment', 'TotalSegments', 'ReturnConsumedCapacity',
] as const;
/** Parameters holding attribute values: DynamoDB JSON for the CLI. */
const VALUE_MAPS = new Set<string>(['ExpressionAttributeValues', 'ExclusiveStartKey']);

type Param = [name: string, value: unknown];
export type Snippets = z.infer<typeof CodeSnippets>;

export function codeSnippets(operation: 'Query' | 'Scan', input: QueryCommandInput | ScanCommandInput, options: CodegenOptions = {}): Snippets {
  const params = orderedParams(input);
  return {
    cli: cliCommand(operation, params, options),
    javascript: jsSnippet(operation, params, options),
    python: pythonSnippet(operation, params, options),
  };
}

function orderedParams(input: QueryCommandInput | ScanCommandInput): Param[] {
  const given = Object.entries(input).filter(([, value]) => value !== undefined);
  const unknown = given.find(([name]) => !(PARAMS as readonly string[]).includes(name));
  // Better no code than code that quietly reads something else.
  if (unknown !== undefined) throw new AirlockError('BAD_QUERY', `Cannot show code for the ${unknown[0]} parameter`);
  const values = new Map(given);
  return PARAMS.flatMap((name): Param[] => (values.has(name) ? [[name, values.get(name)]] : []));
}

// ---- aws CLI ----

/** POSIX shell word: bare when only safe characters, else single quotes ('\'' for a quote). */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c, i: number) => `${i === 0 ? '' : '-'}${c.toLowerCase()}`);

function cliCommand(operation: string, params: Param[], options: CodegenOptions): string {
  const args: string[] = [];
  for (const [name, value] of params) {
    const flag = `--${kebab(name)}`;
    if (typeof value === 'boolean') args.push(value ? flag : `--no-${kebab(name)}`);
    else if (typeof value === 'string' || typeof value === 'number') args.push(`${flag} ${shellQuote(String(value))}`);
    else if (VALUE_MAPS.has(name)) args.push(`${flag} ${shellQuote(JSON.stringify(itemFromSdk(value as SdkItem)))}`);
    else args.push(`${flag} ${shellQuote(JSON.stringify(value))}`);
  }
  // One request, like the SDK snippets (the CLI would otherwise follow LastEvaluatedKey to the end).
  args.push('--no-paginate');
  // Binary values are written as base64: say so, since a v1-style config would read them as raw text.
  if (params.some(([, value]) => hasBinary(value))) args.push('--cli-binary-format base64');
  if (options.region !== undefined) args.push(`--region ${shellQuote(options.region)}`);
  if (options.endpointUrl !== undefined) args.push(`--endpoint-url ${shellQuote(options.endpointUrl)}`);
  return [`aws dynamodb ${operation.toLowerCase()}`, ...args].join(' \\\n  ');
}

function hasBinary(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.some(hasBinary);
  return typeof value === 'object' && value !== null && Object.values(value).some(hasBinary);
}

// ---- JavaScript and Python literals ----

type Lang = 'js' | 'py';

/** A single-quoted string literal valid in both JavaScript and Python (JSON's escapes are). */
function quote(text: string): string {
  const body = JSON.stringify(text).slice(1, -1).replace(/\\.|'/g, (m) => (m === '\\"' ? '"' : m === "'" ? "\\'" : m));
  return `'${body}'`;
}

function literal(value: unknown, lang: Lang): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return lang === 'js' ? String(value) : value ? 'True' : 'False';
  if (value instanceof Uint8Array) {
    const b64 = quote(Buffer.from(value).toString('base64'));
    return lang === 'js' ? `Buffer.from(${b64}, 'base64')` : `base64.b64decode(${b64})`;
  }
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, lang)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${key(k, lang)}: ${literal(v, lang)}`);
    if (entries.length === 0) return '{}';
    return lang === 'js' ? `{ ${entries.join(', ')} }` : `{${entries.join(', ')}}`;
  }
  throw new AirlockError('BAD_QUERY', `Cannot write ${String(value)} as code`);
}

const key = (name: string, lang: Lang): string => (lang === 'js' && /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

/** A parameter's value, maps one entry per line so long expressions stay readable. */
function paramValue(value: unknown, lang: Lang, indent: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array) return literal(value, lang);
  const step = lang === 'py' ? '    ' : '  ';
  const lines = Object.entries(value).map(([k, v]) => `${indent}${step}${key(k, lang)}: ${literal(v, lang)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}

const NOTE = 'One request, as Airlock sent it: LastEvaluatedKey in the response is where the next page starts.';

function jsSnippet(operation: string, params: Param[], options: CodegenOptions): string {
  const command = `${operation}Command`;
  const config = [
    ...(options.region === undefined ? [] : [`region: ${quote(options.region)}`]),
    ...(options.endpointUrl === undefined ? [] : [`endpoint: ${quote(options.endpointUrl)}`]),
  ];
  return [
    `import { DynamoDBClient, ${command} } from '@aws-sdk/client-dynamodb';`,
    '',
    `const client = new DynamoDBClient(${config.length ? `{ ${config.join(', ')} }` : '{}'});`,
    `// ${NOTE}`,
    `const response = await client.send(new ${command}({`,
    ...params.map(([name, value]) => `  ${name}: ${paramValue(value, 'js', '  ')},`),
    '}));',
    '// Binary values print as base64, as in DynamoDB JSON.',
    "const json = (_key, value) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value);",
    'console.log(JSON.stringify(response.Items, json, 2));',
    '',
  ].join('\n');
}

function pythonSnippet(operation: string, params: Param[], options: CodegenOptions): string {
  const method = operation.toLowerCase();
  const config = [
    quote('dynamodb'),
    ...(options.region === undefined ? [] : [`region_name=${quote(options.region)}`]),
    ...(options.endpointUrl === undefined ? [] : [`endpoint_url=${quote(options.endpointUrl)}`]),
  ];
  return [
    'import base64',
    'import json',
    '',
    'import boto3',
    '',
    `client = boto3.client(${config.join(', ')})`,
    `# ${NOTE}`,
    `response = client.${method}(`,
    ...params.map(([name, value]) => `    ${name}=${paramValue(value, 'py', '    ')},`),
    ')',
    '# Binary values print as base64, as in DynamoDB JSON.',
    "print(json.dumps(response['Items'], indent=2, default=lambda b: base64.b64encode(b).decode()))",
    '',
  ].join('\n');
}
