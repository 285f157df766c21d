import type { ErrorView, Response } from '../../../preload/contract';

/** What console.open answered. */
export type ConsoleOpened = Response<'console.open'>;

/** Where the user asked the console to open. */
export interface ConsoleRequest {
  destination: 'home' | 'dynamodb';
  /** Desktop app only: an Airlock console window or the default browser (the web UI always opens a tab). */
  target: 'window' | 'browser';
  region?: string;
}

function roleName(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1) || roleArn;
}

/** "role chaining caps…" → "Role chaining caps….": the core's notes are clauses, a toast shows sentences. */
export function sentence(text: string): string {
  const t = text.trim();
  if (!t) return t;
  return `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** The success toast: where it opened, as whom, and why the console session is shorter, if it is. */
export function consoleOpenedToast(app: string, r: ConsoleOpened): { title: string; detail: string } {
  const what = r.destination.includes('/dynamodbv2/') ? 'DynamoDB console' : 'AWS console';
  const where = r.openedIn === 'browser' ? ' in your browser' : r.openedIn === 'none' ? ' in a new tab' : '';
  const parts = [`Signed in as ${roleName(r.roleArn)}.`];
  if (r.durationNote) parts.push(sentence(r.durationNote));
  // A page cannot tell whether its popup was blocked (noopener hides the new tab from it).
  if (r.openedIn === 'none') parts.push('No new tab? Allow pop-ups for Airlock and try again.');
  return { title: `Opened the ${what} of ${app}${where}`, detail: parts.join(' ') };
}

/**
 * The error as the UI says it: the API's hints name CLI commands, the page names its own buttons.
 * Unknown codes keep the API's message and hint. (Plain data: this module stays free of the transport.)
 */
export function consoleError(app: string, e: { code: string; message: string; hint?: string | undefined }): ErrorView {
  switch (e.code) {
    case 'NOT_LOGGED_IN':
      return { code: e.code, message: `You are not logged in to ${app}.`, hint: 'Log in with one of its roles first.' };
    case 'SESSION_EXPIRED':
      return { code: e.code, message: `Your session for ${app} has expired.`, hint: 'Log in again to open its console.' };
    case 'LOCAL_APP':
      return { code: e.code, message: `${app} is a local DynamoDB app: it has no AWS console.`, hint: 'Browse its tables in Airlock instead.' };
    case 'CONSOLE_SIGNIN':
      return { code: e.code, message: e.message, hint: 'The session may have expired or been revoked: log in again.' };
    default:
      return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  }
}

/** The codes after which the app list is stale (the session is gone): worth a refresh. */
export function sessionGone(code: string): boolean {
  return code === 'NOT_LOGGED_IN' || code === 'SESSION_EXPIRED' || code === 'CONSOLE_SIGNIN';
}

export interface ConsoleChoice {
  label: string;
  detail: string;
  req: ConsoleRequest;
}

/** The console menu of an app row: where to open it (desktop app: window or browser) and which console. */
export function consoleChoices(region: string, desktop: boolean): ConsoleChoice[] {
  const near: ConsoleRequest['target'] = desktop ? 'window' : 'browser';
  return [
    ...(desktop
      ? [
        { label: 'In an Airlock window', detail: 'Its own window and cookies for this role', req: { destination: 'home', target: 'window' } } as const,
        { label: 'In your browser', detail: 'Signs your default browser in as this role', req: { destination: 'home', target: 'browser' } } as const,
      ]
      : [{ label: 'In a new tab', detail: 'The AWS console home', req: { destination: 'home', target: 'browser' } } as const]),
    { label: 'DynamoDB console', detail: `Tables in ${region}`, req: { destination: 'dynamodb', target: near, region } },
  ];
}
