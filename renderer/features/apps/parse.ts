/** Parsing of the "Add app" form's free-text fields; errors name the line the user typed. */

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

function lines(text: string, commaSeparated: boolean): string[] {
  return text.split(commaSeparated ? /[\n,]/ : /\n/).map((l) => l.trim()).filter(Boolean);
}

/** "env=dev, team=data" (commas or new lines) → { env: 'dev', team: 'data' }. */
export function parseLabels(text: string): ParseResult<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of lines(text, true)) {
    const i = item.indexOf('=');
    if (i <= 0) return { ok: false, error: `"${item}" is not KEY=VALUE` };
    const key = item.slice(0, i).trim();
    const value = item.slice(i + 1).trim();
    if (!key) return { ok: false, error: `"${item}" has no key` };
    out[key] = value;
  }
  return { ok: true, value: out };
}

/** One SERVICE=URL per line → { dynamodb: 'http://…' }. */
export function parseEndpoints(text: string): ParseResult<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const item of lines(text, false)) {
    const i = item.indexOf('=');
    if (i <= 0) return { ok: false, error: `"${item}" is not SERVICE=URL (e.g. dynamodb=http://127.0.0.1:8000)` };
    out[item.slice(0, i).trim().toLowerCase()] = item.slice(i + 1).trim();
  }
  return { ok: true, value: out };
}

/** One role ARN per line (commas and spaces also separate). */
export function parseRoleArns(text: string): string[] {
  return text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
}

export const APP_NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The role's name from its ARN (the last path segment). */
export function roleNameOf(arn: string | undefined): string {
  if (!arn) return '';
  const i = arn.lastIndexOf('/');
  return i >= 0 ? arn.slice(i + 1) : arn;
}

/** A stable hue per app name for its avatar. */
export function hueOf(name: string): number {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.charCodeAt(0)) % 360;
  return h;
}
