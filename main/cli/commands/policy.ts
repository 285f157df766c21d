import type { Command } from 'commander';
import { basename } from 'node:path';
import { stringify } from 'yaml';
import { parseRoleArn } from '../../core/apps/roles';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { managedPolicyStatus, offerFor, staleFiles } from '../../core/policy';
import type { PolicyStore } from '../../core/policy';
import type { LoadedPolicy, PolicyRole, PolicyUser, RoleConditions } from '../../core/policy';
import { table } from '../output';


function parseShowFormat(s: string): 'yaml' | 'json' {
  if (s !== 'yaml' && s !== 'json') throw new AirlockError('BAD_FORMAT', `unknown format "${s}"`, 'use yaml or json');
  return s;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

/** A side of a role in Teleport's shape again (single label values as scalars); undefined when empty. */
function conditionsResource(c: RoleConditions): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const labels = Object.entries(c.appLabels);
  if (labels.length) out.app_labels = Object.fromEntries(labels.map(([k, v]) => [k, v.length === 1 ? v[0] : [...v]]));
  if (c.awsRoleArns.length) out.aws_role_arns = [...c.awsRoleArns];
  return Object.keys(out).length ? out : undefined;
}

function roleResource(r: PolicyRole): Record<string, unknown> {
  const allow = conditionsResource(r.allow);
  const deny = conditionsResource(r.deny);
  return {
    kind: 'role',
    version: r.version,
    metadata: { name: r.name },
    spec: { ...(allow ? { allow } : {}), ...(deny ? { deny } : {}) },
  };
}

function userResource(u: PolicyUser): Record<string, unknown> {
  return {
    kind: 'user',
    version: 'v2',
    metadata: { name: u.name },
    spec: { traits: Object.fromEntries(Object.entries(u.traits).map(([k, v]) => [k, [...v]])) },
  };
}

/** What `policy show` prints: the managed file's status, the files in force with their resources, the files left out. */
export function policyView(store: PolicyStore, loaded: LoadedPolicy): Record<string, unknown> {
  const stale = staleFiles(loaded);
  // A file's resources in the order they are written.
  const bySource = (file: string): Record<string, unknown>[] => [
    ...loaded.roles.filter((r) => r.source.file === file).map((r) => ({ line: r.source.line, resource: roleResource(r) })),
    ...loaded.users.filter((u) => u.source.file === file).map((u) => ({ line: u.source.line, resource: userResource(u) })),
  ].sort((a, b) => a.line - b.line).map((x) => x.resource);
  return {
    managed: managedPolicyStatus(store.managedPath, loaded),
    importedDir: store.dir,
    files: loaded.files.map((file) => ({
      ...(file === store.managedPath ? { managed: true } : { managed: false, name: basename(file) }),
      path: file,
      // The file on disk is invalid: these are the resources of its last valid version.
      ...(stale.has(file) ? { lastValidVersion: true } : {}),
      resources: bySource(file),
    })),
    errors: loaded.errors.map((e) => ({
      ...(e.managed ? { managed: true } : { managed: false, name: basename(e.file) }),
      path: e.file,
      message: e.message,
    })),
  };
}

export function registerPolicy(program: Command, host: () => CoreHost): void {
  const policy = program.command('policy')
    .description('role-based policy (Teleport-style role and user resources) deciding which IAM roles each app offers');

  policy.command('import <file>')
    .description('validate a YAML file of role and user resources and keep a copy (an earlier import of the same name is replaced); an invalid file changes nothing')
    .action(async (file: string) => {
      const store = host().policies();
      const before = (await store.list()).map((f) => f.name);
      const info = await store.import(file);
      const what = [
        `${plural(info.roles.length, 'role')}${info.roles.length ? ` (${info.roles.join(', ')})` : ''}`,
        `${plural(info.users.length, 'user')}${info.users.length ? ` (${info.users.join(', ')})` : ''}`,
      ].join(', ');
      process.stdout.write(`${before.includes(info.name) ? 'Replaced' : 'Imported'} policy file ${info.name}: ${what}.\n` +
        `See what an app offers: airlock apps roles APP\n`);
    });

  policy.command('show')
    .description('the policy in force: the managed file (where it is looked for, whether found), the imported files and their resources, and files that did not load')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action(async (o: { format: string }) => {
      const format = parseShowFormat(o.format);
      const store = host().policies();
      const view = policyView(store, await store.load());
      process.stdout.write(format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : stringify(view, { lineWidth: 0 }));
    });

  policy.command('rm <name>')
    .description('remove an imported policy file (by the name policy show gives it); the managed file is never touched')
    .action(async (name: string) => {
      await host().policies().remove(name);
      process.stdout.write(`Removed policy file ${name}.\n`);
    });
}

/** `airlock apps roles NAME`: the roles the policy offers for an app, with the policy roles granting them. */
export async function showAppRoles(h: CoreHost, name: string, format: 'text' | 'json'): Promise<void> {
  const app = h.apps.get(name);
  const ctx = await h.roleAccess().context();
  const { policy: loaded, identity } = ctx;
  const offered = offerFor(app, ctx);
  const accountId = offered.accountId;
  const sourceOf = (roleName: string): string => loaded.roles
    .filter((r) => r.name === roleName)
    .map((r) => `${r.source.file} line ${r.source.line}`)
    .join(', ');

  if (format === 'json') {
    const out = {
      app: app.name,
      user: identity.user,
      ...(accountId !== undefined ? { accountId } : {}),
      roles: offered.roles.map((r) => {
        const ref = parseRoleArn(r.arn);
        return { arn: r.arn, name: ref?.name ?? r.arn, accountId: ref?.accountId ?? '', grantedBy: r.grantedBy };
      }),
      ...(offered.deniedBy ? { deniedBy: offered.deniedBy } : {}),
      warnings: offered.warnings,
      policyErrors: loaded.errors.map((e) => ({ path: e.file, managed: e.managed, message: e.message })),
    };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }

  if (offered.deniedBy) {
    const who = offered.deniedBy.map((r) => `"${r}" (${sourceOf(r)})`).join(', ');
    process.stdout.write(`No roles offered for app ${app.name}: denied by policy role ${who}, whose deny.app_labels match the app.\n`);
  } else if (app.local) {
    process.stdout.write(`App ${app.name} is a local DynamoDB app: it has no roles (no login needed).\n`);
  } else if (offered.roles.length === 0) {
    process.stdout.write(loaded.roles.length
      ? `No roles offered for app ${app.name} to user ${identity.user}: no policy role grants one, or deny.aws_role_arns removes them (see: airlock policy show).\n`
      : `No roles offered for app ${app.name}: there are no policy roles and the app lists no roles.\n`);
  } else {
    const rows = [['ROLE', 'ACCOUNT', 'ARN', 'GRANTED BY']];
    for (const r of offered.roles) {
      const ref = parseRoleArn(r.arn);
      rows.push([ref?.name ?? r.arn, ref?.accountId ?? '-', r.arn, r.grantedBy.join(', ')]);
    }
    process.stdout.write(table(rows));
  }
  for (const w of offered.warnings) {
    process.stderr.write(`warning: policy role "${w.policyRole}" (${sourceOf(w.policyRole)}): "${w.value}": ${w.reason}\n`);
  }
  for (const e of loaded.errors) {
    const status = e.previousInForce ? 'is invalid' : 'did not load and is not in force';
    process.stderr.write(`warning: policy file ${e.file} ${status}: ${e.message.replace(/\n/g, '\n  ')}\n`);
  }
}
