import { userInfo } from 'node:os';

/**
 * RoleSessionName = the local user's name, fitted to STS rules: [\w+=,.@-], 2 to 64 characters.
 * It shows up in CloudTrail, so keep it recognisable rather than hashing it.
 */
export function sessionNameFor(user: string): string {
  let name = user.normalize('NFKD').replace(/[^\w+=,.@-]/g, '-').replace(/-{2,}/g, '-').slice(0, 64);
  if (name.replace(/-/g, '') === '') name = 'airlock-user';
  if (name.length < 2) name = `${name}-airlock`;
  return name;
}

/** The OS user name (os.userInfo), else $USER/$USERNAME (containers without a passwd entry). */
export function localUserName(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const name = userInfo().username;
    if (name) return name;
  } catch {
    // no passwd entry: fall back to the environment
  }
  return env.USER ?? env.USERNAME ?? 'airlock-user';
}
