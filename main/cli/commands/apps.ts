import type { Command } from 'commander';
import { CREDENTIAL_SOURCES } from '../../core/apps/model';
import type { App, AppSource } from '../../core/apps/model';
import { parseRoleArn } from '../../core/apps/roles';
import { AirlockError, errorMessage } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { parseDuration } from '../../core/proxy/audit-read';
import type { StoredSession } from '../../core/credentials/types';
import { collect, formatTimeLeft, parsePairs, table } from '../output';
import { existsSync } from 'node:fs';
import { offerFor } from '../../core/policy';
import { showAppRoles } from './policy';

function parseFormat(s: string): 'text' | 'json' {
  if (s !== 'text' && s !== 'json') throw new AirlockError('BAD_FORMAT', `unknown format "${s}"`, 'use text or json');
  return s;
}

/** Sessions, if a vault exists; listing apps must not demand a passphrase from a new user. */
async function sessionsIfAny(host: CoreHost): Promise<Map<string, StoredSession> | undefined> {
  if (!existsSync(host.paths.vault)) return new Map();
  try {
    const sessions = await (await host.sessions()).list();
    return new Map(sessions.map((s) => [s.app, s]));
  } catch (err) {
    // The app list is still worth showing when the vault stays locked (no passphrase, no keyring).
    process.stderr.write(`airlock: sessions unknown: ${errorMessage(err)}\n`);
    return undefined;
  }
}

function sessionText(s: StoredSession | undefined, now: number, known: boolean, local: boolean): string {
  if (local) return 'local (no login)';
  if (!known) return '?';
  if (!s) return '-';
  const role = parseRoleArn(s.roleArn);
  return `${role?.name ?? s.roleArn} (${formatTimeLeft(Date.parse(s.expiration) - now)})`;
}

interface AddOptions {
  uri: string;
  region?: string;
  label: string[];
  awsRoleArn: string[];
  endpoint: string[];
  stsEndpoint?: string;
  federationEndpoint?: string;
  mfaSerial?: string;
  accountId?: string;
  sourceProfile?: string;
  credentialSource?: string;
}

/** --source-profile / --credential-source as an app's source; "" (update) clears it. */
function sourceOption(o: { sourceProfile?: string | undefined; credentialSource?: string | undefined }): { source?: AppSource | null } {
  if (o.sourceProfile !== undefined && o.credentialSource !== undefined) {
    throw new AirlockError('BAD_SOURCE', '--source-profile and --credential-source exclude each other', 'give one of them');
  }
  if (o.sourceProfile === '' || o.credentialSource === '') return { source: null };
  if (o.sourceProfile !== undefined) return { source: { kind: 'profile', profile: o.sourceProfile } };
  if (o.credentialSource !== undefined) {
    const value = CREDENTIAL_SOURCES.find((v) => v.toLowerCase() === o.credentialSource!.toLowerCase());
    if (!value) {
      throw new AirlockError('BAD_SOURCE', `unknown credential source "${o.credentialSource}"`, `use one of ${CREDENTIAL_SOURCES.join(', ')}`);
    }
    return { source: { kind: 'credential_source', value } };
  }
  return {};
}

export function registerApps(program: Command, host: () => CoreHost): void {
  const apps = program.command('apps').description('AWS apps: accounts/partitions you reach through roles');

  apps.command('add <name>')
    .description('add an app')
    .requiredOption('--uri <console-uri>', 'AWS console URI; decides the partition (aws, aws-us-gov, aws-cn)')
    .option('--region <region>', "default region (the partition's default if omitted)")
    .option('--label <key=value>', 'label, repeatable', collect, [])
    .option('--aws-role-arn <arn>', 'IAM role users may assume, repeatable', collect, [])
    .option('--endpoint <service=url>', 'send a service to another URL (DynamoDB Local, LocalStack), repeatable', collect, [])
    .option('--sts-endpoint <url>', 'STS endpoint override')
    .option('--federation-endpoint <url>', "AWS Sign-In federation endpoint for `airlock console` (default: the partition's)")
    .option('--mfa-serial <arn>', 'MFA device ARN of the source identity, for roles that require MFA')
    .option('--account-id <id>', "the app's AWS account (12 digits): an access policy offers only its roles")
    .option('--source-profile <profile>', 'assume roles with the credentials of this ~/.aws/config profile (keys, SSO, credential_process) unless keys are stored with airlock credentials set')
    .option('--credential-source <source>', 'assume roles with credentials from Environment, Ec2InstanceMetadata or EcsContainer')
    .action((name: string, o: AddOptions) => {
      const { source } = sourceOption(o);
      const app = host().apps.add({
        name,
        uri: o.uri,
        ...(o.region ? { region: o.region } : {}),
        labels: parsePairs(o.label, '--label'),
        roleArns: o.awsRoleArn,
        endpoints: parsePairs(o.endpoint, '--endpoint'),
        ...(o.stsEndpoint ? { stsEndpoint: o.stsEndpoint } : {}),
        ...(o.federationEndpoint ? { federationEndpoint: o.federationEndpoint } : {}),
        ...(o.mfaSerial ? { mfaSerial: o.mfaSerial } : {}),
        ...(o.accountId ? { accountId: o.accountId } : {}),
        ...(source ? { source } : {}),
      });
      process.stdout.write(`Added app ${app.name} (${app.partition}, ${app.region}) with ${app.roleArns.length} role(s).\n`);
    });

  apps.command('add-local <name>')
    .description('add a local DynamoDB app: the embedded one (data in AIRLOCK_HOME/local-dynamodb), or an emulator at --url')
    .option('--url <url>', 'a DynamoDB emulator you run: DynamoDB Local (http://127.0.0.1:8000), LocalStack (http://127.0.0.1:4566)')
    .option('--region <region>', 'region the emulator is told (default us-east-1)')
    .option('--label <key=value>', 'label, repeatable (default env=local)', collect, [])
    .action((name: string, o: { url?: string; region?: string; label: string[] }) => {
      const labels = parsePairs(o.label, '--label');
      const app = host().apps.addLocal({
        name, ...(o.url ? { url: o.url } : {}), ...(o.region ? { region: o.region } : {}), ...(o.label.length ? { labels } : {}),
      });
      const where = app.local && 'url' in app.local ? `the emulator at ${app.local.url}` : 'the embedded Local DynamoDB';
      process.stdout.write(`Added local app ${app.name} (${where}, ${app.region}). No login needed: airlock proxy aws --app ${app.name}\n`);
    });

  apps.command('update <name>')
    .description('change an app in place, keeping its stored keys and session (the name cannot change)')
    .option('--uri <console-uri>', 'AWS console URI; decides the partition')
    .option('--region <region>', 'default region ("" for the partition\'s default)')
    .option('--label <key=value>', 'label, repeatable; replaces all labels', collect, [])
    .option('--aws-role-arn <arn>', 'IAM role users may assume, repeatable; replaces all roles', collect, [])
    .option('--endpoint <service=url>', 'service endpoint override, repeatable; replaces all overrides', collect, [])
    .option('--sts-endpoint <url>', 'STS endpoint override ("" to remove)')
    .option('--federation-endpoint <url>', 'AWS Sign-In federation endpoint override ("" to remove)')
    .option('--mfa-serial <arn>', 'MFA device ARN ("" to remove)')
    .option('--account-id <id>', 'the app\'s AWS account ("" to remove)')
    .option('--source-profile <profile>', 'assume roles with this ~/.aws/config profile\'s credentials ("" to use the standard AWS chain)')
    .option('--credential-source <source>', 'Environment, Ec2InstanceMetadata or EcsContainer ("" to use the standard AWS chain)')
    .action((name: string, o: Partial<AddOptions> & { label: string[]; awsRoleArn: string[]; endpoint: string[] }) => {
      const h = host();
      const before = h.apps.get(name);
      const app = h.apps.update(name, {
        ...(o.uri !== undefined ? { uri: o.uri } : {}),
        ...(o.region !== undefined ? { region: o.region } : {}),
        ...(o.label.length ? { labels: parsePairs(o.label, '--label') } : {}),
        ...(o.awsRoleArn.length ? { roleArns: o.awsRoleArn } : {}),
        ...(o.endpoint.length ? { endpoints: parsePairs(o.endpoint, '--endpoint') } : {}),
        ...(o.stsEndpoint !== undefined ? { stsEndpoint: o.stsEndpoint } : {}),
        ...(o.federationEndpoint !== undefined ? { federationEndpoint: o.federationEndpoint } : {}),
        ...(o.mfaSerial !== undefined ? { mfaSerial: o.mfaSerial } : {}),
        ...(o.accountId !== undefined ? { accountId: o.accountId } : {}),
        ...sourceOption(o),
      });
      process.stdout.write(`Updated app ${app.name} (${app.partition}, ${app.region}) with ${app.roleArns.length} role(s).\n`);
      const dropped = before.roleArns.filter((a) => !app.roleArns.includes(a));
      if (dropped.length) {
        process.stdout.write(`Removed role(s): ${dropped.map((a) => parseRoleArn(a)?.name ?? a).join(', ')}. A session with one of them stays until it ends or you log out, and will not renew.\n`);
      }
    });

  apps.command('ls')
    .description('list apps and their sessions')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { format: string }) => {
      const format = parseFormat(o.format);
      const list = host().apps.list();
      const sessions = await sessionsIfAny(host());
      // Listing apps must work even when identity.json is broken: then roles are the apps' own lists.
      const access = await host().roleAccess().context().catch((err: unknown) => {
        process.stderr.write(`airlock: roles offered unknown: ${errorMessage(err)}\n`);
        return undefined;
      });
      const offered = (a: App): string[] => (access ? offerFor(a, access).roles.map((r) => r.arn) : a.roleArns);
      const now = Date.now();
      if (format === 'json') {
        const out = list.map((a: App) => {
          const s = sessions?.get(a.name);
          const offer = access ? offerFor(a, access) : undefined;
          return {
            ...a,
            ...(offer ? { offeredRoles: offer.roles, rolesFrom: offer.from } : {}),
            session: !sessions ? 'unknown' : s ? { roleArn: s.roleArn, expiration: s.expiration, expired: Date.parse(s.expiration) <= now } : null,
          };
        });
        process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      if (list.length === 0) {
        process.stdout.write('No apps yet. An app is an AWS account (or partition) and the IAM roles you may assume in it.\n' +
          'Add one: airlock apps add NAME --uri https://console.aws.amazon.com/ --aws-role-arn arn:aws:iam::ACCOUNT:role/NAME\n');
        return;
      }
      const rows = [['NAME', 'PARTITION', 'REGION', 'ROLES', 'LABELS', 'SESSION']];
      for (const a of list) {
        // The roles the user may assume: the policy's offer when it has roles, else the app's own list.
        rows.push([a.name, a.local ? 'local' : a.partition, a.region, a.local ? '-' : String(offered(a).length),
          Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(',') || '-', sessionText(sessions?.get(a.name), now, sessions !== undefined, a.local !== undefined)]);
      }
      process.stdout.write(table(rows));
    });

  apps.command('rm <name>')
    .description('remove an app, its session and its stored keys')
    .action(async (name: string) => {
      const h = host();
      h.apps.get(name);
      if (existsSync(h.paths.vault)) {
        const vault = await h.vault();
        await vault.update((data) => {
          data.delete(`session/${name}`);
          data.delete(`source/${name}`);
        });
      }
      h.apps.remove(name);
      process.stdout.write(`Removed app ${name}.\n`);
    });

  apps.command('login <name>')
    .description('assume a role of the app with STS and keep the session in the vault')
    .requiredOption('--aws-role <role>', 'role name or full ARN')
    .option('--duration <duration>', "session duration, 15m to 12h (e.g. 1h, 90m); default: the role's duration if it has one (imported from ~/.aws/config), else your default session duration preference (1h unless changed in Settings)")
    .option('--mfa-code <code>', 'current code of your MFA device, for roles that require MFA')
    .action(async (name: string, o: { awsRole: string; duration?: string; mfaCode?: string }) => {
      const h = host();
      const app = h.apps.get(name);
      // Without --duration: the role's own duration (duration_seconds of an imported profile), else the preference.
      const session = await (await h.sessions()).login({
        app,
        role: o.awsRole,
        ...(o.duration !== undefined ? { durationSeconds: Math.round(parseDuration(o.duration) / 1000) } : {}),
        defaultDurationSeconds: h.preferences.get().defaultDurationSeconds,
        ...(o.mfaCode !== undefined ? { mfaCode: o.mfaCode } : {}),
      });
      const role = parseRoleArn(session.roleArn)!;
      process.stdout.write(`Logged in to ${app.name} as ${role.name} (account ${role.accountId}) as session "${session.sessionName}".\n` +
        `Session expires ${session.expiration} (in ${formatTimeLeft(Date.parse(session.expiration) - Date.now())}).\n` +
        `Start a proxy: airlock proxy aws --app ${app.name}\n`);
    });

  apps.command('logout [name]')
    .description('end the session of one app, or of all apps')
    .action(async (name: string | undefined) => {
      const h = host();
      if (name) h.apps.get(name);
      if (!existsSync(h.paths.vault)) {
        process.stdout.write('Not logged in to any app.\n');
        return;
      }
      const sessions = await h.sessions();
      const names = name ? [name] : (await sessions.list()).map((s) => s.app);
      let n = 0;
      for (const app of names) if (await sessions.logout(app)) n++;
      process.stdout.write(n ? `Logged out of ${names.join(', ')}.\n` : `Not logged in${name ? ` to ${name}` : ''}.\n`);
    });

  apps.command('roles <name>')
    .description("the IAM roles the policy offers you for an app, with the policy roles granting them (the app's own role list when there are no policy roles)")
    .option('--format <format>', 'text or json', 'text')
    .action(async (name: string, o: { format: string }) => {
      await showAppRoles(host(), name, parseFormat(o.format));
    });
}
