import type { Command } from 'commander';
import { applyImport, draftImport, planKeyCopies } from '../../core/apps/aws-config-apply';
import { planImport, readAwsSetup } from '../../core/apps/aws-config-import';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { collect, parsePairs } from '../output';
import { previewText, resultText } from './import-aws-config-text';

interface ImportOptions {
  dryRun?: boolean;
  app: string[];
  rename: string[];
  moveKeys: string[];
  format: string;
}

function parseFormat(s: string): 'text' | 'json' {
  if (s !== 'text' && s !== 'json') throw new AirlockError('BAD_FORMAT', `unknown format "${s}"`, 'use text or json');
  return s;
}

/**
 * `airlock apps import-aws-config`: apps from ~/.aws/config and ~/.aws/credentials (or
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, the files the SDK reads at login). Registered
 * under the existing `apps` command.
 */
export function registerImportAwsConfig(program: Command, host: () => CoreHost): void {
  const apps = program.commands.find((c) => c.name() === 'apps');
  if (!apps) throw new Error('registerImportAwsConfig: register the apps command first');

  apps.command('import-aws-config')
    .description('create apps from the role profiles of your AWS config (one per account and partition); prints a preview first')
    .option('--dry-run', 'only show what would be created; write nothing')
    .option('--app <name>', 'import only this planned app (repeatable); default: every importable app whose account Airlock does not have yet', collect, [])
    .option('--rename <planned=name>', 'create a planned app under another name (repeatable)', collect, [])
    .option('--move-keys <profile>', "copy this profile's long-lived keys into Airlock's encrypted vault for the apps assumed with them (repeatable); the credentials file is not changed", collect, [])
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: ImportOptions) => {
      const format = parseFormat(o.format);
      const h = host();
      const setup = await readAwsSetup();
      if (!setup.configFile.found && !setup.credentialsFile.found) {
        throw new AirlockError('NO_AWS_CONFIG', `no AWS config found: neither ${setup.configFile.path} nor ${setup.credentialsFile.path} exists`,
          'point AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE at your files, or create them with: aws configure');
      }
      const existing = h.apps.list();
      const plan = planImport(setup, { existingAppNames: existing.map((a) => a.name) });
      const draft = draftImport(setup, plan, {
        existingApps: existing,
        selection: { ...(o.app.length ? { apps: o.app } : {}), renames: parsePairs(o.rename, '--rename') },
      });
      const copies = planKeyCopies(draft, o.moveKeys);
      const result = o.dryRun ? undefined : await applyImport({ setup, draft, store: h.apps, moveKeys: o.moveKeys, vault: () => h.vault() });

      if (format === 'json') {
        process.stdout.write(`${JSON.stringify({ dryRun: o.dryRun === true, preview: draft, keyCopies: copies, ...(result ? { result } : {}) }, null, 2)}\n`);
        return;
      }
      process.stdout.write(previewText(draft, copies));
      process.stdout.write('\n');
      process.stdout.write(result ? resultText(result, draft) : 'Dry run: nothing was written. Run again without --dry-run to import.\n');
      if (result?.keysError) process.exitCode = 1;
    });
}
