import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { forwardSignals } from '../signals';
import { pickApp } from './pick-app';

/** Client settings that would bypass the proxy or sign with the wrong identity. */
const SCRUB = [/^AWS_PROFILE$/, /^AWS_SESSION_TOKEN$/, /^AWS_SECURITY_TOKEN$/, /^AWS_ENDPOINT_URL/, /^AWS_DEFAULT_PROFILE$/, /^AWS_CREDENTIAL_EXPIRATION$/];

export function registerAws(program: Command, host: () => CoreHost): void {
  program.command('aws')
    .description('run the aws CLI through a temporary proxy: airlock aws [--app NAME] -- s3 ls')
    .option('--app <name>', 'app (default: the only app you are logged in to)')
    .argument('<args...>', 'arguments for the aws CLI')
    .passThroughOptions()
    .action(async (args: string[], o: { app?: string }) => {
      const h = host();
      const app = await pickApp(h, o.app);
      const running = await h.startProxy({ app });
      const env: NodeJS.ProcessEnv = {};
      for (const [k, v] of Object.entries(process.env)) if (!SCRUB.some((re) => re.test(k))) env[k] = v;
      Object.assign(env, running.env);
      if (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION) {
        // The user's explicit region wins over the app's default.
        env.AWS_REGION = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
        env.AWS_DEFAULT_REGION = process.env.AWS_DEFAULT_REGION ?? process.env.AWS_REGION;
      }
      const cli = process.env.AIRLOCK_AWS_CLI ?? 'aws';
      const code = await new Promise<number>((resolve, reject) => {
        const child = spawn(cli, args, { stdio: 'inherit', env });
        const stopForwarding = forwardSignals(child);
        child.on('error', (err: NodeJS.ErrnoException) => {
          reject(err.code === 'ENOENT'
            ? new AirlockError('NO_AWS_CLI', `the aws CLI ("${cli}") was not found`, 'install it (e.g. apt-get install awscli) or set AIRLOCK_AWS_CLI')
            : err);
        });
        child.on('exit', (c, signal) => {
          stopForwarding();
          resolve(c ?? (signal ? 128 : 1));
        });
      });
      await running.stop();
      process.exitCode = code;
    });
}
