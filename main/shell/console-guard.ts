import { join } from 'node:path';
import type { SaveDialogOptions } from 'electron';
import type { ConsoleOwner } from '../api/context';
import { PARTITIONS } from '../core/apps/partitions';
import type { PartitionId } from '../core/apps/partitions';
import { signinEndpoint } from '../core/console/endpoint';
import { externalUrl } from './navigation';

/**
 * The guards of an in-app AWS console window, as pure decisions (unit-tested); console-window.ts
 * wires them. A console window shows AWS's own site, so unlike the Airlock window it may navigate,
 * but only within its partition's console and sign-in hosts (and the app's federation endpoint
 * override): everything else goes to the default browser, where it carries no console cookie.
 */

/** Where a console window may navigate. */
export interface ConsoleSite {
  /** https hosts allowed, with any subdomain (regional consoles: eu-west-1.console.aws.amazon.com). */
  hosts: readonly string[];
  /** Exact origins allowed besides: the app's federation endpoint override (a test fixture, a private partition). */
  origins: readonly string[];
}

/**
 * The console and sign-in hosts of the app's partition, plus the origin of its federation
 * endpoint override. Deliberately narrow: docs.aws.amazon.com, marketing pages or S3 links open
 * in the browser rather than in a window signed in as the role.
 */
export function consoleSite(partition: PartitionId, federationEndpoint?: string): ConsoleSite {
  const p = PARTITIONS[partition];
  const origins: string[] = [];
  if (federationEndpoint) {
    try {
      // The same rule the sign-in uses: https, or http on loopback only.
      origins.push(new URL(signinEndpoint(p, federationEndpoint)).origin);
    } catch {
      // An invalid override never signs in (openConsole refuses it): nothing to allow.
    }
  }
  return { hosts: [p.consoleHost, p.signinHost], origins };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** Whether `url` is part of the console site: a page a console window may show. */
export function isConsoleUrl(url: string, site: ConsoleSite): boolean {
  const u = parse(url);
  if (!u || u.username !== '' || u.password !== '') return false;
  if (site.origins.includes(u.origin)) return true;
  if (u.protocol !== 'https:' || u.port !== '') return false;
  const host = u.hostname.toLowerCase();
  return site.hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

export type ConsoleNavigation = { allow: true } | { allow: false; openExternal: string | null };

/** A main-frame navigation (or redirect) of a console view: stay on the console site, else hand https links to the browser. */
export function consoleNavigation(url: string, site: ConsoleSite): ConsoleNavigation {
  return isConsoleUrl(url, site) ? { allow: true } : { allow: false, openExternal: externalUrl(url) };
}

export type ConsoleWindowOpen =
  /** Another console window, in the same partition (so signed in as the same role). */
  | { open: 'console'; url: string }
  | { open: 'external'; url: string }
  | { open: 'none' };

/**
 * window.open and target=_blank from a console view. Electron never creates the window itself
 * (it would lack the colour band and share an opener with the console): console URLs become
 * another console window of the same app and role, https links go to the browser, the rest
 * (about:blank, javascript:, file:) nowhere.
 */
export function consoleWindowOpen(url: string, site: ConsoleSite): ConsoleWindowOpen {
  if (isConsoleUrl(url, site)) return { open: 'console', url };
  const external = externalUrl(url);
  return external ? { open: 'external', url: external } : { open: 'none' };
}

/** The only permission a console page gets: writing to the clipboard (its "copy ARN" buttons). */
export const CONSOLE_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

export function isConsolePermissionAllowed(permission: string, requestingUrl: string | undefined, site: ConsoleSite): boolean {
  return CONSOLE_PERMISSIONS.includes(permission) && requestingUrl !== undefined && isConsoleUrl(requestingUrl, site);
}

/** A file name the console suggested, reduced to a bare, printable name. */
export function safeDownloadName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\x00-\x1f\x7f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 180);
  return clean || 'download';
}

/**
 * The save dialog a console download goes through: Electron asks where to save whenever no save
 * path is set, so a console page never writes a file the user did not place. The title names the
 * role the file came from.
 */
export function consoleDownloadDialog(filename: string, downloadsDir: string, who: ConsoleOwner): SaveDialogOptions {
  const name = safeDownloadName(filename);
  return {
    title: `Save a file from the AWS console (${who.app}, ${who.roleName})`,
    buttonLabel: 'Save',
    defaultPath: join(downloadsDir, name),
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** The window title: who it is, then the page's own title (which the console changes per service). */
export function consoleWindowTitle(base: string, pageTitle: string | undefined): string {
  const page = pageTitle?.replace(/\s+/g, ' ').trim().slice(0, 120);
  return page ? `${base} · ${page}` : base;
}
