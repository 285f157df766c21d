import type { AppView, ProxyView, RoleView, SessionView } from '../../preload/contract';
import { describeAppSource } from '../core/apps/model';
import type { App } from '../core/apps/model';
import { parseRoleArn } from '../core/apps/roles';
import { roleMfaSerial } from '../core/credentials/assume-role';
import type { AppRoleOffer } from '../core/policy';
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

/** The roles an offer lists, as the role selector shows them. */
export function roleViews(app: App, offer: AppRoleOffer): RoleView[] {
  const out: RoleView[] = [];
  for (const r of offer.roles) {
    const ref = parseRoleArn(r.arn);
    if (!ref) continue;
    const durationSeconds = app.roleSettings?.[r.arn]?.durationSeconds;
    const mfaSerial = roleMfaSerial(app, r.arn);
    out.push({
      arn: ref.arn, name: ref.name, accountId: ref.accountId, grantedBy: r.grantedBy,
      ...(durationSeconds ? { durationSeconds } : {}),
      ...(mfaSerial ? { mfaSerial } : {}),
    });
  }
  return out;
}

export function appView(app: App, session: StoredSession | undefined, hasStoredKeys: boolean, offer: AppRoleOffer): AppView {
  const source = app.source ? describeAppSource(app.source) : undefined;
  return {
    name: app.name,
    kind: app.local ? 'local' : 'aws',
    ...(app.local ? { localEndpoint: 'url' in app.local ? app.local.url : 'embedded' } : {}),
    uri: app.uri,
    partition: app.partition,
    region: app.region,
    labels: app.labels,
    ...(offer.accountId ? { accountId: offer.accountId } : {}),
    ...(app.accountId ? { ownAccountId: app.accountId } : {}),
    roles: roleViews(app, offer),
    rolesFrom: offer.from,
    ownRoleArns: [...app.roleArns],
    roleWarnings: offer.warnings,
    ...(offer.deniedBy ? { deniedBy: offer.deniedBy } : {}),
    ...(source ? { source } : {}),
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
