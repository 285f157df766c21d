/**
 * The env settings tabs. The text itself comes formatted from the core (ProxyView.envText), so
 * quoting has one implementation; the renderer only labels the shells and masks the secret.
 */
export const ENV_SHELLS = ['sh', 'fish', 'powershell', 'json'] as const;
export type EnvShell = (typeof ENV_SHELLS)[number];

export const ENV_SHELL_LABELS: Record<EnvShell, string> = { sh: 'sh', fish: 'fish', powershell: 'PowerShell', json: 'JSON' };

/** Settings whose values are not shown until the user asks (they are still copied as they are). */
export const SECRET_KEYS: ReadonlySet<string> = new Set(['AWS_SECRET_ACCESS_KEY']);

/** The text with every secret value replaced by dots, whatever the shell's quoting around it. */
export function maskSecrets(text: string, env: Readonly<Record<string, string>>): string {
  let out = text;
  for (const key of SECRET_KEYS) {
    const value = env[key];
    if (value) out = out.split(value).join('•'.repeat(Math.min(24, value.length)));
  }
  return out;
}
