import { describe, expect, it } from 'vitest';
import { formatEnv, proxyEnv } from '../../main/core/proxy/env';
import { ENV_SHELLS, maskSecrets } from '../../renderer/features/proxies/env-format';

describe('renderer env tabs', () => {
  const env = proxyEnv({ url: 'http://127.0.0.1:1', endpointMode: false, accessKeyId: 'AKILTEST', secretAccessKey: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', caPath: "/tmp/it's/ca.pem", region: 'us-east-1' });
  const plain = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => typeof e[1] === 'string'));

  it('masks the secret in every shell format the core produces, and nothing else', () => {
    for (const shell of ENV_SHELLS) {
      const text = formatEnv(env, shell);
      const masked = maskSecrets(text, plain);
      expect(masked, shell).not.toContain(env.AWS_SECRET_ACCESS_KEY);
      expect(masked, shell).toContain('•'.repeat(24));
      expect(masked.replace(/•+/, env.AWS_SECRET_ACCESS_KEY), shell).toBe(text);
    }
  });
});
