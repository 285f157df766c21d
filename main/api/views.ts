import type { AppView, ProxyView, SessionView } from '../../preload/contract';
import type { App } from '../core/apps/model';
import { parseRoleArn } from '../core/apps/roles';
import type { RoleRef } from '../core/apps/roles';
import type { StoredSession } from '../core/credentials/types';
import { formatEnv } from '../core/proxy/env';
import type { ProxyEntry } from '../core/proxy/registry';

/** What the renderer sees of a session: never a secret. */
export function sessionView(s: StoredSession): SessionView {
  const role = parseRoleArn(s.roleArn);
  return {
    roleArn: s.roleArn,
    roleName: role?.name ?? s.roleArn,
    accountId: role?.accountId ?? '',
    sessionName: s.sessionName,
    expiration: s.expiration,
    usedMfa: s.usedMfa,
  };
}

export function appView(app: App, session: StoredSession | undefined, hasStoredKeys: boolean): AppView {
  return {
    name: app.name,
    kind: app.local ? 'local' : 'aws',
    ...(app.local ? { localEndpoint: 'url' in app.local ? app.local.url : 'embedded' } : {}),
    uri: app.uri,
    partition: app.partition,
    region: app.region,
    labels: app.labels,
    roles: app.roleArns.map((a) => parseRoleArn(a)).filter((r): r is RoleRef => r !== undefined)
      .map((r) => ({ arn: r.arn, name: r.name, accountId: r.accountId })),
    endpoints: app.endpoints,
    ...(app.stsEndpoint ? { stsEndpoint: app.stsEndpoint } : {}),
    ...(app.federationEndpoint ? { federationEndpoint: app.federationEndpoint } : {}),
    ...(app.mfaSerial ? { mfaSerial: app.mfaSerial } : {}),
    hasStoredKeys,
    session: session ? sessionView(session) : null,
  };
}

export function proxyView(e: ProxyEntry): ProxyView {
  const s = e.running.proxy.stats;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.running.env)) if (typeof v === 'string') env[k] = v;
  return {
    id: e.id,
    app: e.app,
    mode: e.mode,
    url: e.running.url,
    port: e.running.proxy.port,
    env,
    envText: {
      sh: formatEnv(e.running.env, 'sh'),
      fish: formatEnv(e.running.env, 'fish'),
      powershell: formatEnv(e.running.env, 'powershell'),
      json: formatEnv(e.running.env, 'json'),
    },
    caPath: e.running.env.AWS_CA_BUNDLE,
    startedAt: e.startedAt,
    stats: { requests: s.requests, forwarded: s.forwarded, refused: s.refused, tunneled: s.tunneled },
  };
}
