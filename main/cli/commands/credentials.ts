import type { Command } from 'commander';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { promptSecretFromTty } from '../../core/credentials/prompt-secret';
import { sourceKey } from '../../core/credentials/source';
import type { StoredSourceKeys } from '../../core/credentials/source';
import { table } from '../output';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{12,124}$/;

export function registerCredentials(program: Command, host: () => CoreHost): void {
  const creds = program.command('credentials').description('long-lived source keys kept encrypted in the vault, per app');

  creds.command('set <app>')
    .description('store the keys used to assume roles of an app; the secret is read from stdin, never from arguments')
    .requiredOption('--access-key-id <id>', 'access key id (not secret)')
    .action(async (appName: string, o: { accessKeyId: string }) => {
      const h = host();
      h.apps.get(appName);
      if (!ACCESS_KEY_ID.test(o.accessKeyId)) {
        throw new AirlockError('BAD_ACCESS_KEY_ID', `"${o.accessKeyId}" does not look like an AWS access key id`, 'it starts with AKIA (or ASIA for temporary keys)');
      }
      let secret: string;
      let token: string | undefined;
      if (process.stdin.isTTY) {
        secret = await promptSecretFromTty('AWS secret access key: ');
        if (o.accessKeyId.startsWith('ASIA')) token = await promptSecretFromTty('AWS session token: ');
      } else {
        // stdin: the secret on the first line, optionally a session token on the second.
        const lines = (await readStdin()).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
        secret = lines[0] ?? '';
        token = lines[1];
      }
      if (!/^[\x21-\x7e]{16,128}$/.test(secret)) {
        throw new AirlockError('BAD_SECRET', 'the secret access key read from stdin is empty or malformed', 'pipe it in: airlock credentials set APP --access-key-id ID < secret.txt');
      }
      const stored: StoredSourceKeys = {
        accessKeyId: o.accessKeyId,
        secretAccessKey: secret,
        ...(token ? { sessionToken: token } : {}),
        storedAt: new Date().toISOString(),
      };
      await (await h.vault()).set(sourceKey(appName), stored);
      process.stdout.write(`Stored keys ${o.accessKeyId} for app ${appName} in the encrypted vault.\n`);
    });

  creds.command('ls')
    .description('list stored keys (ids only)')
    .action(async () => {
      const vault = await host().vault();
      const keys = await vault.keys('source/');
      if (keys.length === 0) {
        process.stdout.write('No stored keys; apps use the standard AWS credential chain.\n');
        return;
      }
      const rows = [['APP', 'ACCESS KEY ID', 'STORED']];
      for (const k of keys) {
        const s = await vault.get<StoredSourceKeys>(k);
        if (s) rows.push([k.slice('source/'.length), s.accessKeyId, s.storedAt]);
      }
      process.stdout.write(table(rows));
    });

  creds.command('rm <app>')
    .description('forget the stored keys of an app')
    .action(async (appName: string) => {
      const removed = await (await host().vault()).delete(sourceKey(appName));
      process.stdout.write(removed ? `Removed stored keys of ${appName}.\n` : `No stored keys for ${appName}.\n`);
    });
}
