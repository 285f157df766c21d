import { posix, win32 } from 'node:path';

/**
 * Where an administrator places the managed policy (read-only to Airlock):
 * - Linux and other Unixes: /etc/airlock/policy.yaml
 * - macOS: /Library/Application Support/Airlock/policy.yaml
 * - Windows: %ProgramData%\Airlock\policy.yaml
 * AIRLOCK_MANAGED_POLICY overrides it (tests, unusual installs).
 */
export function managedPolicyPath(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (env.AIRLOCK_MANAGED_POLICY) return env.AIRLOCK_MANAGED_POLICY;
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? env.ALLUSERSPROFILE ?? 'C:\\ProgramData';
    return win32.join(programData, 'Airlock', 'policy.yaml');
  }
  if (platform === 'darwin') return posix.join('/Library', 'Application Support', 'Airlock', 'policy.yaml');
  return posix.join('/etc', 'airlock', 'policy.yaml');
}
