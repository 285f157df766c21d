import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may talk to the web host: only pages it served itself, on the loopback names it listens on.
 * The Host check defeats DNS rebinding; the Origin check defeats other sites' pages; the token
 * (from the URL the user opened) defeats other local users and processes.
 */
export class WebGuard {
  private readonly hosts: Set<string>;
  private readonly origins: Set<string>;
  private readonly token: Buffer;

  constructor(port: number, token: string) {
    this.hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`));
    this.token = Buffer.from(token);
  }

  hostOk(req: IncomingMessage): boolean {
    return this.hosts.has(String(req.headers.host ?? '').toLowerCase());
  }

  /** Browsers send Origin on every POST and cross-origin request; a tool without it still needs the token. */
  originOk(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.origins.has(origin.toLowerCase());
  }

  tokenOk(given: string | undefined | null): boolean {
    if (!given) return false;
    const g = Buffer.from(given);
    return g.length === this.token.length && timingSafeEqual(g, this.token);
  }
}
