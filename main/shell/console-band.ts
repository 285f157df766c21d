import { createHash } from 'node:crypto';
import type { Rectangle } from 'electron';
import type { ConsoleOwner } from '../api/context';

/**
 * The colour band on top of a console window: app, role and account on the app's colour, so two
 * roles' consoles side by side are never confused. It is its own view (console-window.ts), not
 * something drawn into the AWS page: the remote page cannot hide or restyle it. Pure: unit-tested.
 */

/** Band height in DIPs: one line of text. */
export const BAND_HEIGHT = 28;

export interface ConsoleLayout {
  band: Rectangle;
  console: Rectangle;
}

/** The band across the top of the window's content area, the console below it. */
export function consoleLayout(size: { width: number; height: number }): ConsoleLayout {
  const width = Math.max(0, Math.floor(size.width));
  const height = Math.max(0, Math.floor(size.height));
  const band = Math.min(BAND_HEIGHT, height);
  return {
    band: { x: 0, y: 0, width, height: band },
    console: { x: 0, y: band, width, height: height - band },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const HEX = /^#[0-9a-f]{6}$/i;

/** The band's stylesheet: the only thing its CSP lets in (by hash; no script at all). */
function bandCss(color: string): string {
  const bg = HEX.test(color) ? color : '#3a3a3a';
  return [
    'html,body{margin:0;height:100%;overflow:hidden}',
    `body{display:flex;align-items:center;gap:14px;padding:0 12px;box-sizing:border-box;background:${bg};color:#fff;`,
    'font:12px/1 system-ui,-apple-system,"Segoe UI",sans-serif;border-bottom:1px solid rgba(255,255,255,.28);',
    'user-select:none;cursor:default;white-space:nowrap}',
    'b{font-weight:650;letter-spacing:.01em}',
    '.dim{opacity:.82}',
    '.end{margin-left:auto;opacity:.7}',
  ].join('');
}

/** The band page: static text, a CSP that allows only its own stylesheet (no script, no request). */
export function bandHtml(owner: ConsoleOwner, color: string): string {
  const css = bandCss(color);
  const hash = createHash('sha256').update(css, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'`;
  const account = owner.accountId ? `<span class="dim">account ${escapeHtml(owner.accountId)}</span>` : '';
  return '<!doctype html><html lang="en"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<title>${escapeHtml(owner.app)}</title><style>${css}</style></head><body>` +
    `<b>${escapeHtml(owner.app)}</b><span>${escapeHtml(owner.roleName)}</span>${account}` +
    '<span class="end">AWS console · Airlock</span></body></html>';
}

/** The band as a data: URL (loaded by the main process; pages cannot navigate to data: URLs themselves). */
export function bandDataUrl(owner: ConsoleOwner, color: string): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(bandHtml(owner, color))}`;
}
