import { Command, CommanderError } from 'commander';
import { CoreHost } from '../core/host';
import { registerApps } from './commands/apps';
import { registerAudit } from './commands/audit';
import { registerAws } from './commands/aws';
import { registerConsole } from './commands/console';
import { registerCredentials } from './commands/credentials';
import { registerIdentity } from './commands/identity';
import { registerImportAwsConfig } from './commands/import-aws-config';
import { registerPolicy } from './commands/policy';
import { registerProxy } from './commands/proxy';
import { registerStart } from './commands/start';
import { registerUi } from './commands/ui';
import { reportError } from './output';

const program = new Command('airlock')
  .description('Short-lived AWS role sessions, an encrypted vault and a signing local AWS proxy.')
  .version('0.1.0')
  .showHelpAfterError('(run airlock --help for usage)')
  .enablePositionalOptions()
  .exitOverride();

// One host per process: commands share the vault (one passphrase prompt at most) and the audit log.
let host: CoreHost | undefined;
const getHost = (): CoreHost => (host ??= new CoreHost());

registerApps(program, getHost);
registerImportAwsConfig(program, getHost);
registerCredentials(program, getHost);
registerProxy(program, getHost);
registerAws(program, getHost);
registerConsole(program, getHost);
registerAudit(program, getHost);
registerPolicy(program, getHost);
registerIdentity(program, getHost);
registerUi(program, getHost);
registerStart(program);

try {
  await program.parseAsync(process.argv);
  await host?.close();
} catch (err) {
  if (err instanceof CommanderError) {
    // Help and version exit 0; usage errors were already printed by commander.
    process.exitCode = err.exitCode === 0 ? 0 : 2;
  } else {
    reportError(err);
    process.exitCode = 1;
  }
  await host?.close().catch(() => undefined);
}
