import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:tls';
import type { PeerCertificate, SecureContext, Server, TlsOptions } from 'node:tls';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { LocalCa } from '../../main/core/proxy/ca';
import type { CaKeyStore } from '../../main/core/proxy/ca';
import { AirlockError } from '../../main/core/errors';

const run = promisify(execFile);
const DAY = 24 * 60 * 60 * 1000;
const DDB = 'dynamodb.us-east-1.amazonaws.com';

class MemoryKeyStore implements CaKeyStore {
  pem: string | undefined;
  saves = 0;
  async load(): Promise<string | undefined> { return this.pem; }
  async save(pem: string): Promise<void> { this.pem = pem; this.saves++; }
}

let dir: string;
let certPath: string;
const servers: Server[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'airlock-ca-'));
  certPath = join(dir, 'ca', 'airlock-ca.pem');
});

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await rm(dir, { recursive: true, force: true });
});

async function allFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A TLS server that picks its certificate by SNI (as the MITM proxy does) and says hello. */
async function startServer(opts: TlsOptions, host = '127.0.0.1'): Promise<number> {
  const server = createServer(opts, (socket) => socket.end('hello\n'));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  return addr.port;
}

function sniServer(ca: LocalCa): TlsOptions {
  return {
    SNICallback: (name: string, cb: (err: Error | null, ctx?: SecureContext) => void) => {
      ca.secureContextFor(name).then((ctx) => cb(null, ctx), (err: Error) => cb(err));
    },
  };
}

function nodeHandshake(opts: { port: number; host?: string; servername?: string; ca?: string[] }): Promise<{ data: string; peer: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: opts.host ?? '127.0.0.1', port: opts.port, servername: opts.servername, ca: opts.ca });
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => { data += chunk; });
    socket.on('end', () => resolve({ data, peer: socket.getPeerCertificate() }));
    socket.on('error', reject);
  });
}

const PY_CLIENT = `
import socket, ssl, sys
host, port, cafile, name = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
ctx = ssl.create_default_context(cafile=cafile)
with socket.create_connection((host, port), timeout=20) as raw:
    with ctx.wrap_socket(raw, server_hostname=name) as tls:
        sys.stdout.write(tls.recv(100).decode())
`;

async function pythonHandshake(host: string, port: number, name: string): Promise<string> {
  const { stdout } = await run('/usr/bin/python3', ['-c', PY_CLIENT, host, String(port), certPath, name], { timeout: 30_000 });
  return stdout;
}

describe('LocalCa: the CA itself', () => {
  it('generates once and reuses the same CA when the cert file and the stored key agree', async () => {
    const store = new MemoryKeyStore();
    const first = await LocalCa.open({ certPath, keyStore: store });
    const second = await LocalCa.open({ certPath, keyStore: store });

    expect(first.renewedBecause).toBe('first-run');
    expect(second.renewedBecause).toBeUndefined();
    expect(second.certPem).toBe(first.certPem);
    expect(store.saves).toBe(1);
    expect(await readFile(certPath, 'utf8')).toBe(first.certPem);
    expect(first.certPath).toBe(certPath);
  });

  it('keeps the private key out of the cert directory and writes the cert 0644 in a 0700 dir', async () => {
    const store = new MemoryKeyStore();
    const ca = await LocalCa.open({ certPath, keyStore: store });
    await ca.leafFor(DDB);

    expect(store.pem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const files = await allFiles(dir);
    expect(files).toEqual([certPath]);
    for (const f of files) expect(await readFile(f, 'utf8')).not.toContain('PRIVATE KEY');
    if (process.platform !== 'win32') {
      expect((await stat(certPath)).mode & 0o777).toBe(0o644);
      expect((await stat(join(dir, 'ca'))).mode & 0o777).toBe(0o700);
    }
  });

  it('has the CA extensions clients need', async () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore(), now: () => now });
    const cert = new x509.X509Certificate(ca.certPem);

    expect(cert.subject).toMatch(/^CN=Airlock Local CA \([0-9a-f]{8}\)/);
    expect(cert.subject).toBe(cert.issuer);
    const bc = cert.getExtension(x509.BasicConstraintsExtension);
    expect(bc?.ca).toBe(true);
    expect(bc?.pathLength).toBe(0);
    expect(bc?.critical).toBe(true);
    const ku = cert.getExtension(x509.KeyUsagesExtension);
    expect(ku?.critical).toBe(true);
    expect(ku?.usages).toBe(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign);
    expect(cert.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]{40}$/);
    expect(cert.notBefore.getTime()).toBe(now.getTime() - DAY);
    expect(cert.notAfter.getTime() - now.getTime()).toBeGreaterThan(9.9 * 365 * DAY);
    expect(await cert.verify({ date: now })).toBe(true);
  });

  it('makes a new CA (and replaces the cert file) when the key is gone', async () => {
    const first = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    const store = new MemoryKeyStore();
    const second = await LocalCa.open({ certPath, keyStore: store });

    expect(second.renewedBecause).toBe('key-missing');
    expect(second.certPem).not.toBe(first.certPem);
    expect(await readFile(certPath, 'utf8')).toBe(second.certPem);
    expect(store.pem).toBeDefined();
  });

  it('makes a new CA when the cert file is gone but the key is there', async () => {
    const store = new MemoryKeyStore();
    const first = await LocalCa.open({ certPath, keyStore: store });
    const oldKey = store.pem;
    await unlink(certPath);
    const second = await LocalCa.open({ certPath, keyStore: store });

    expect(second.renewedBecause).toBe('cert-missing');
    expect(second.certPem).not.toBe(first.certPem);
    expect(store.pem).not.toBe(oldKey);
    expect(await readFile(certPath, 'utf8')).toBe(second.certPem);
  });

  it('makes a new CA when the stored key belongs to another certificate, or the file is garbage', async () => {
    const store = new MemoryKeyStore();
    await LocalCa.open({ certPath, keyStore: store });
    const other = new MemoryKeyStore();
    await LocalCa.open({ certPath: join(dir, 'other', 'ca.pem'), keyStore: other });
    store.pem = other.pem;
    expect((await LocalCa.open({ certPath, keyStore: store })).renewedBecause).toBe('mismatch');

    await writeFile(certPath, 'not a certificate');
    const again = await LocalCa.open({ certPath, keyStore: store });
    expect(again.renewedBecause).toBe('invalid');
    expect(await readFile(certPath, 'utf8')).toBe(again.certPem);
  });

  it('regenerates within 30 days of expiry, not before', async () => {
    const store = new MemoryKeyStore();
    const first = await LocalCa.open({ certPath, keyStore: store });
    const notAfter = new x509.X509Certificate(first.certPem).notAfter.getTime();

    const early = await LocalCa.open({ certPath, keyStore: store, now: () => new Date(notAfter - 31 * DAY) });
    expect(early.renewedBecause).toBeUndefined();
    const late = await LocalCa.open({ certPath, keyStore: store, now: () => new Date(notAfter - 29 * DAY) });
    expect(late.renewedBecause).toBe('expiring');
    expect(late.certPem).not.toBe(first.certPem);
  });

  it('propagates a key store failure instead of replacing the CA (a locked vault is not a lost key)', async () => {
    const store = new MemoryKeyStore();
    const first = await LocalCa.open({ certPath, keyStore: store });
    const locked: CaKeyStore = { load: () => Promise.reject(new Error('vault locked')), save: () => Promise.resolve() };
    await expect(LocalCa.open({ certPath, keyStore: locked })).rejects.toThrow('vault locked');
    expect(await readFile(certPath, 'utf8')).toBe(first.certPem);
  });

  it('two concurrent opens on an empty store agree on one CA', async () => {
    const store = new MemoryKeyStore();
    const [a, b] = await Promise.all([LocalCa.open({ certPath, keyStore: store }), LocalCa.open({ certPath, keyStore: store })]);
    expect(a.certPem).toBe(b.certPem);
    expect(store.saves).toBe(1);
  });
});

describe('LocalCa: leaf certificates', () => {
  it('issues a leaf that openssl verifies for sslserver, with the host as DNS SAN', async () => {
    const now = new Date();
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore(), now: () => now });
    const leaf = await ca.leafFor(DDB);
    const leafPath = join(dir, 'leaf.pem');
    await writeFile(leafPath, leaf.cert);

    const verify = await run('openssl', ['verify', '-CAfile', certPath, '-purpose', 'sslserver', '-x509_strict', leafPath]);
    expect(verify.stdout.trim()).toBe(`${leafPath}: OK`);
    const san = await run('openssl', ['x509', '-in', leafPath, '-noout', '-ext', 'subjectAltName']);
    expect(san.stdout).toContain(`DNS:${DDB}`);

    const certs = leaf.cert.match(/-----BEGIN CERTIFICATE-----/g);
    expect(certs).toHaveLength(2); // leaf + CA
    expect(leaf.cert.endsWith(ca.certPem)).toBe(true);
    expect(leaf.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);

    const parsed = new x509.X509Certificate(leaf.cert);
    expect(parsed.notBefore.getTime()).toBeLessThanOrEqual(now.getTime() - DAY + 1000);
    expect(parsed.notAfter.getTime() - parsed.notBefore.getTime()).toBeLessThanOrEqual(397 * DAY);
    expect(parsed.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
    expect(parsed.getExtension(x509.KeyUsagesExtension)?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(parsed.getExtension(x509.KeyUsagesExtension)?.critical).toBe(true);
    expect(parsed.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([x509.ExtendedKeyUsage.serverAuth]);
    const caSki = new x509.X509Certificate(ca.certPem).getExtension(x509.SubjectKeyIdentifierExtension)?.keyId;
    expect(parsed.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(caSki);
  });

  it('uses iPAddress SANs for IP literals', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    for (const [name, expected] of [['127.0.0.1', 'IP Address:127.0.0.1'], ['[::1]', 'IP Address:0:0:0:0:0:0:0:1']] as const) {
      const leafPath = join(dir, 'ip.pem');
      await writeFile(leafPath, (await ca.leafFor(name)).cert);
      const san = await run('openssl', ['x509', '-in', leafPath, '-noout', '-ext', 'subjectAltName']);
      expect(san.stdout.trim().split('\n').pop()?.trim()).toBe(expected);
    }
  });

  it('caches per canonical name, and concurrent requests sign once', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    const burst = await Promise.all(Array.from({ length: 8 }, () => ca.leafFor(DDB)));
    expect(new Set(burst.map((l) => l.cert)).size).toBe(1);
    expect((await ca.leafFor('DynamoDB.US-East-1.amazonaws.com.')).cert).toBe(burst[0]?.cert);
    expect((await ca.leafFor('sts.amazonaws.com')).cert).not.toBe(burst[0]?.cert);
    expect(await ca.secureContextFor(DDB)).toBe(await ca.secureContextFor(DDB));
  });

  it('bounds the cache: the least recently used leaf is evicted and re-issued', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore(), maxLeaves: 2 });
    const a = await ca.leafFor('a.example.com');
    await ca.leafFor('b.example.com');
    expect((await ca.leafFor('a.example.com')).cert).toBe(a.cert); // touch a: b is now oldest
    const c = await ca.leafFor('c.example.com');
    expect((await ca.leafFor('a.example.com')).cert).toBe(a.cert);
    expect((await ca.leafFor('c.example.com')).cert).toBe(c.cert);
    const b2 = await ca.leafFor('b.example.com'); // was evicted: new serial
    expect(new x509.X509Certificate(b2.cert).subject).toBe('CN=b.example.com');
    expect((await ca.leafFor('a.example.com')).cert).not.toBe(a.cert); // a fell out when b came back
  });

  it('refuses names that cannot go in a certificate', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    for (const bad of ['', 'a b.com', 'evil.com/x', '-lead.example.com', 'x'.repeat(300), 'a..b']) {
      await expect(ca.leafFor(bad)).rejects.toBeInstanceOf(AirlockError);
    }
  });
});

describe('LocalCa: real TLS handshakes', () => {
  it('Node and Python clients that trust the CA bundle accept the SNI-selected leaf', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    const port = await startServer(sniServer(ca));

    const node = await nodeHandshake({ port, servername: DDB, ca: [ca.certPem] });
    expect(node.data).toBe('hello\n');
    expect(node.peer.subjectaltname).toBe(`DNS:${DDB}`);

    expect(await pythonHandshake('127.0.0.1', port, DDB)).toBe('hello\n');
    expect(await pythonHandshake('127.0.0.1', port, 'sts.us-west-2.amazonaws.com')).toBe('hello\n');
  });

  it('clients refuse the leaf for a different host name, and without the CA', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    // Always presents the DynamoDB leaf, whatever the client asks for.
    const port = await startServer(await ca.leafFor(DDB));

    await expect(nodeHandshake({ port, servername: 's3.amazonaws.com', ca: [ca.certPem] }))
      .rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    await expect(pythonHandshake('127.0.0.1', port, 's3.amazonaws.com')).rejects.toThrow(/CERTIFICATE_VERIFY_FAILED|match/);
    // Sanity: the name that is on the certificate works on this same server...
    expect(await pythonHandshake('127.0.0.1', port, DDB)).toBe('hello\n');
    // ...but only because the client trusts our CA.
    await expect(nodeHandshake({ port, servername: DDB })).rejects.toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN' });
  });

  it('an IP leaf serves https://127.0.0.1 and https://[::1] (no SNI) to Python and Node', async () => {
    const ca = await LocalCa.open({ certPath, keyStore: new MemoryKeyStore() });
    const v4 = await startServer(await ca.leafFor('127.0.0.1'));
    expect(await pythonHandshake('127.0.0.1', v4, '127.0.0.1')).toBe('hello\n');
    expect((await nodeHandshake({ port: v4, ca: [ca.certPem] })).data).toBe('hello\n');
    await expect(pythonHandshake('127.0.0.1', v4, 'localhost')).rejects.toThrow(/CERTIFICATE_VERIFY_FAILED|match/);

    const v6 = await startServer(await ca.leafFor('::1'), '::1');
    expect((await nodeHandshake({ port: v6, host: '::1', ca: [ca.certPem] })).data).toBe('hello\n');
    expect(await pythonHandshake('::1', v6, '::1')).toBe('hello\n');
  });
});
