import http from 'node:http';
import https from 'node:https';

/** Keep-alive pools to upstream hosts: a new TLS handshake per request would dominate latency. */
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 15_000 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 128, keepAliveMsecs: 15_000 }),
};

export interface Upstream {
  protocol: 'http:' | 'https:';
  host: string;
  port: number;
}

export function upstreamFromUrl(url: string): Upstream {
  const u = new URL(url);
  const protocol = u.protocol === 'http:' ? 'http:' : 'https:';
  return { protocol, host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : protocol === 'https:' ? 443 : 80 };
}

export function requestUpstream(up: Upstream, method: string, target: string, headers: Record<string, string>): http.ClientRequest {
  const mod = up.protocol === 'https:' ? https : http;
  return mod.request({
    host: up.host,
    port: up.port,
    method,
    path: target,
    headers,
    agent: agents[up.protocol],
    ...(up.protocol === 'https:' ? { servername: up.host } : {}),
  });
}

/** Hop-by-hop headers are the proxy's own business on each side. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export function responseHeaders(h: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined && !HOP.has(k)) out[k] = v;
  return out;
}
