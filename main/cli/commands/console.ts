import type { Command } from 'commander';
import open from 'open';
import { parseRoleArn, resolveRole } from '../../core/apps/roles';
import { openConsole } from '../../core/console/open-console';
import { appSourceKind } from '../../core/console/duration';
import { sourceKey } from '../../core/credentials/source';
import type { StoredSourceKeys } from '../../core/credentials/source';
import { AirlockError, errorMessage } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { formatTimeLeft } from '../output';

interface ConsoleOptions {
  awsRole?: string;
  print?: boolean;
  federationEndpoint?: string;
  dynamodb?: boolean;
  region?: string;
}

export function registerConsole(program: Command, host: () => CoreHost): void {
  program.command('console <name>')
    .description("open the AWS console of an app, signed in with the app's role session (AWS federation sign-in)")
    .option('--aws-role <role>', "role name or ARN; logs in with it first unless the app's session already uses it")
    .option('--print', 'print the sign-in URL instead of opening a browser (it grants console access for 15 minutes: keep it secret)')
    .option('--dynamodb', "open the DynamoDB console of the app's region instead of the app's console URI")
    .option('--region <region>', 'region of the DynamoDB console (default: the app\'s region)')
    .option('--federation-endpoint <url>', "AWS Sign-In federation endpoint (default: the app's --federation-endpoint, else the partition's, e.g. https://signin.aws.amazon.com/federation)")
    .action(async (name: string, o: ConsoleOptions) => {
      const h = host();
      const app = h.apps.get(name);
      if (app.local) {
        throw new AirlockError('LOCAL_APP', `app "${app.name}" is a local DynamoDB app: it has no AWS console`, 'browse its tables with: airlock ui');
      }
      // A Linux machine without a display has no browser to open: say so before asking AWS for anything.
      if (!o.print && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
        throw new AirlockError('NO_BROWSER', 'no display to open a browser on', `print the sign-in URL instead: airlock console ${app.name} --print`);
      }
      const vault = await h.vault();
      const sessions = await h.sessions();
      let session = await sessions.get(app.name);
      if (o.awsRole !== undefined) {
        const role = resolveRole(app, o.awsRole, await h.roleAccess().allowed(app));
        const usable = session !== undefined && session.roleArn === role.arn && Date.parse(session.expiration) > Date.now();
        if (!usable) {
          session = await sessions.login({ app, role: role.arn, defaultDurationSeconds: h.preferences.get().defaultDurationSeconds });
          process.stderr.write(`airlock: logged in to ${app.name} as ${role.name} (account ${role.accountId}); ` +
            `session expires in ${formatTimeLeft(Date.parse(session.expiration) - Date.now())}\n`);
        }
      }
      const source = await appSourceKind(app, session, await vault.get<StoredSourceKeys>(sourceKey(app.name)));
      const link = await openConsole({
        app,
        session,
        source,
        target: o.dynamodb ? 'dynamodb' : 'home',
        ...(o.region !== undefined ? { region: o.region } : {}),
        ...(o.federationEndpoint !== undefined ? { federationEndpoint: o.federationEndpoint } : {}),
      });
      if (link.duration.note) process.stderr.write(`airlock: note: ${link.duration.note}\n`);
      const role = parseRoleArn(link.roleArn);
      const who = `${app.name} as ${role?.name ?? link.roleArn}${role ? ` (account ${role.accountId})` : ''}`;
      if (o.print) {
        process.stdout.write(`${link.url}\n`);
        process.stderr.write(`airlock: sign-in URL for ${who}, valid until ${link.validUntil.toISOString()}, single use: keep it secret\n`);
        return;
      }
      try {
        await open(link.url);
      } catch (err) {
        throw new AirlockError('NO_BROWSER', `could not open a browser: ${errorMessage(err)}`, `print the sign-in URL instead: airlock console ${app.name} --print`);
      }
      process.stdout.write(`Opened the AWS console of ${who} in your default browser, at ${link.destination}\n`);
    });
}
