// The benchmark's baseline for "one more local TLS + HTTP hop": an HTTPS server on 127.0.0.1 that
// pipes every request unchanged to one upstream over keep-alive HTTP. No verification, no
// re-signing, no audit, no buffering. The client signs for the upstream itself (the fixture
// accepts any Host header, so the signed `host: 127.0.0.1:PORT` verifies there).
//
//   node --import tsx bench/bare-forwarder.ts http://127.0.0.1:PORT
//
// prints one JSON line `{ url, ca }` (ca: PEM of its throw-away self-signed certificate, ECDSA
// P-256 like airlock's leaves) and serves until SIGTERM or SIGINT.
import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

async function selfSignedFor127(): Promise<{ key: string; cert: string }> {
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${randomBytes(15).toString('hex')}`,
    name: 'CN=127.0.0.1',
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 24 * 60 * 60 * 1000),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { key: x509.PemConverter.encode(pkcs8, 'PRIVATE KEY'), cert: cert.toString('pem') };
}

const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

function withoutHop(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !HOP.has(k)) out[k] = v;
  return out;
}

const targetArg = process.argv[2];
if (!targetArg) {
  process.stderr.write('usage: bare-forwarder.ts http://HOST:PORT\n');
  process.exit(2);
}
const target = new URL(targetArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
const tlsMaterial = await selfSignedFor127();

const server = https.createServer(tlsMaterial, (req, res) => {
  const up = http.request({
    host: target.hostname, port: Number(target.port || 80), method: req.method, path: req.url, headers: withoutHop(req.headers), agent,
  }, (upRes) => {
    res.writeHead(upRes.statusCode ?? 502, withoutHop(upRes.headers));
    upRes.pipe(res);
  });
  up.on('error', (err) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end(`bare forwarder: ${err.message}`);
    else res.destroy();
  });
  req.pipe(up);
});
await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(0, '127.0.0.1', () => resolve());
});
const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ url: `https://127.0.0.1:${port}`, ca: tlsMaterial.cert })}\n`);

const stop = (): void => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
  agent.destroy();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
