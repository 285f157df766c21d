import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { matchesAllowHost, parseAuthority } from '../../main/core/proxy/authority';
import { formatEnv, parseEnvFormat, proxyEnv } from '../../main/core/proxy/env';
import { actionOf, tableOf } from '../../main/core/proxy/request-info';
import { sessionNameFor } from '../../main/core/credentials/session-name';

describe('CONNECT authority parsing is strict', () => {
  it.each([
    ['dynamodb.us-east-1.amazonaws.com:443', { host: 'dynamodb.us-east-1.amazonaws.com', port: 443 }],
    ['DynamoDB.US-East-1.amazonaws.com:443', { host: 'dynamodb.us-east-1.amazonaws.com', port: 443 }],
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['[::1]:443', { host: '::1', port: 443 }],
  ])('%s', (raw, want) => {
    expect(parseAuthority(raw)).toEqual(want);
  });

  it.each([
    'user@dynamodb.us-east-1.amazonaws.com:443',
    'dynamodb.us-east-1.amazonaws.com',
    'dynamodb.us-east-1.amazonaws.com:443/path',
    'dynamodb.us-east-1.amazonaws.com:99999',
    'dynamodb.us-east-1.amazonaws.com:443:1',
    'a..b:443',
    '-bad.example:443',
    'host name:443',
  ])('refuses %s', (raw) => {
    expect(parseAuthority(raw)).toBeUndefined();
  });

  it('matches --allow-host patterns', () => {
    expect(matchesAllowHost(['*.example.com'], { host: 'a.example.com', port: 443 })).toBe(true);
    expect(matchesAllowHost(['*.example.com'], { host: 'example.com', port: 443 })).toBe(false);
    expect(matchesAllowHost(['example.com:8443'], { host: 'example.com', port: 443 })).toBe(false);
    expect(matchesAllowHost(['example.com'], { host: 'example.com', port: 8443 })).toBe(true);
  });
});

describe('proxy env output', () => {
  const env = proxyEnv({ url: 'http://127.0.0.1:23456', endpointMode: false, accessKeyId: 'AKILTEST', secretAccessKey: "s3cr'et", caPath: '/tmp/ca dir/ca.pem', region: 'eu-west-1' });

  it('json is one object with the settings', () => {
    expect(JSON.parse(formatEnv(env, 'json'))).toEqual({
      HTTPS_PROXY: 'http://127.0.0.1:23456', AWS_ACCESS_KEY_ID: 'AKILTEST', AWS_SECRET_ACCESS_KEY: "s3cr'et",
      AWS_CA_BUNDLE: '/tmp/ca dir/ca.pem', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1',
    });
  });

  it('endpoint mode prints AWS_ENDPOINT_URL instead of HTTPS_PROXY', () => {
    const e = proxyEnv({ url: 'https://127.0.0.1:1', endpointMode: true, accessKeyId: 'A', secretAccessKey: 'B', caPath: '/c', region: 'us-east-1' });
    expect(e.AWS_ENDPOINT_URL).toBe('https://127.0.0.1:1');
    expect(e.HTTPS_PROXY).toBeUndefined();
  });

  it('sh output survives a real shell with awkward characters', () => {
    const out = execFileSync('/bin/sh', ['-c', `${formatEnv(env, 'sh')}\nprintf '%s|%s' "$AWS_SECRET_ACCESS_KEY" "$AWS_CA_BUNDLE"`]).toString();
    expect(out).toBe("s3cr'et|/tmp/ca dir/ca.pem");
  });

  it('fish and powershell quote single quotes their own way', () => {
    expect(formatEnv(env, 'fish')).toContain("set -gx AWS_SECRET_ACCESS_KEY 's3cr\\'et'");
    expect(formatEnv(env, 'powershell')).toContain("$Env:AWS_SECRET_ACCESS_KEY = 's3cr''et'");
    expect(() => parseEnvFormat('yaml')).toThrow(/unknown format "yaml"/);
  });
});

describe('audit request info', () => {
  it('reads the operation from X-Amz-Target, the query or a form body', () => {
    expect(actionOf('POST', '/', '', { 'x-amz-target': 'DynamoDB_20120810.PutItem' })).toBe('PutItem');
    expect(actionOf('GET', '/', 'Action=DescribeInstances&Version=2016-11-15', {})).toBe('DescribeInstances');
    expect(actionOf('POST', '/', '', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('Action=AssumeRole&Version=2011-06-15'))).toBe('AssumeRole');
    expect(actionOf('GET', '/bucket/key', '', {})).toBe('GET /bucket/key');
  });

  it('finds the DynamoDB table, including batch requests', () => {
    expect(tableOf('dynamodb', Buffer.from('{"TableName":"Orders","Key":{}}'))).toBe('Orders');
    expect(tableOf('dynamodb', Buffer.from('{"RequestItems":{"Orders":[{"PutRequest":{}}]}}'))).toBe('Orders');
    expect(tableOf('s3', Buffer.from('{"TableName":"x"}'))).toBeUndefined();
    // PartiQL names its table in the statement.
    const stmt = (s: string): Buffer => Buffer.from(JSON.stringify({ Statement: s, Parameters: [] }));
    expect(tableOf('dynamodb', stmt('SELECT * FROM "e2e-orders" WHERE pk = ?'))).toBe('e2e-orders');
    expect(tableOf('dynamodb', stmt('select a from Orders.byStatus'))).toBe('Orders.byStatus');
    expect(tableOf('dynamodb', stmt('INSERT INTO "we""ird" VALUE {\'pk\': 1}'))).toBe('we"ird');
    expect(tableOf('dynamodb', stmt('UPDATE "t1" SET a = 1 WHERE pk = 2'))).toBe('t1');
    expect(tableOf('dynamodb', stmt('DELETE FROM t2 WHERE pk = 2'))).toBe('t2');
    expect(tableOf('dynamodb', Buffer.from('{"Statement":"not json'))).toBeUndefined();
  });
});

describe('session names follow STS rules', () => {
  it.each([
    ['alice', 'alice'],
    ['DOMAIN\\bob smith', 'DOMAIN-bob-smith'],
    ['x', 'x-airlock'],
    ['', 'airlock-user'],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('%s → %s', (user, want) => {
    const name = sessionNameFor(user);
    expect(name).toBe(want);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});
