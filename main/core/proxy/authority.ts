/**
 * Strict parsing of a CONNECT authority ("host:port"). One parser for the CONNECT line, the SNI
 * check and the Host check, so they can never disagree (Teleport's SSRF #67620).
 */
export interface Authority {
  host: string;
  port: number;
}

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function parseAuthority(raw: string, defaultPort?: number): Authority | undefined {
  const s = raw.trim().toLowerCase();
  if (!s || /[@/\\?#\s]/.test(s)) return undefined;
  let host: string;
  let portText: string | undefined;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) return undefined;
    host = s.slice(1, end);
    const rest = s.slice(end + 1);
    if (rest && !rest.startsWith(':')) return undefined;
    portText = rest ? rest.slice(1) : undefined;
    if (!/^[0-9a-f:.]+$/.test(host)) return undefined;
  } else {
    const parts = s.split(':');
    if (parts.length > 2) return undefined;
    host = parts[0]!;
    portText = parts[1];
    if (!DNS_NAME.test(host) && !IPV4.test(host)) return undefined;
  }
  if (portText === undefined) {
    if (defaultPort === undefined) return undefined;
    return { host, port: defaultPort };
  }
  if (!/^\d{1,5}$/.test(portText)) return undefined;
  const port = Number(portText);
  if (port < 1 || port > 65535) return undefined;
  return { host, port };
}

/** Host header value to send upstream: the port only when it is not the scheme's default. */
export function hostHeader(host: string, port: number, protocol: 'http:' | 'https:'): string {
  const h = host.includes(':') ? `[${host}]` : host;
  return (protocol === 'https:' && port === 443) || (protocol === 'http:' && port === 80) ? h : `${h}:${port}`;
}

/** --allow-host patterns: "example.com", "*.example.com", optionally with ":port". */
export function matchesAllowHost(patterns: readonly string[], a: Authority): boolean {
  return patterns.some((p) => {
    const [hostPat, portPat] = p.toLowerCase().split(':');
    if (portPat !== undefined && Number(portPat) !== a.port) return false;
    if (!hostPat) return false;
    if (hostPat.startsWith('*.')) return a.host.endsWith(hostPat.slice(1));
    return a.host === hostPat;
  });
}
