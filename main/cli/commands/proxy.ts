import type { Command } from 'commander';
import { AirlockError, errorMessage } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { untilStopSignal } from '../signals';
import { formatEnv, parseEnvFormat } from '../../core/proxy/env';
import { collect } from '../output';
import { pickApp } from './pick-app';

export function parsePort(s: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s) || n > 65535) throw new AirlockError('BAD_PORT', `"${s}" is not a port number`, 'use 1-65535, or 0 for any free port');
  return n;
}

export function registerProxy(program: Command, host: () => CoreHost): void {
  const proxy = program.command('proxy').description('local proxies');
  proxy.command('aws')
    .description('run the local AWS proxy for an app session until interrupted')
    .option('--app <name>', 'app (default: the only app you are logged in to)')
    .option('-p, --port <port>', 'port on 127.0.0.1 (default: any free port)', parsePort)
    .option('--endpoint-url', 'print AWS_ENDPOINT_URL settings instead of HTTPS_PROXY')
    .option('--format <format>', 'text, json, sh, fish or powershell', 'text')
    .option('--allow-host <host>', 'non-AWS host clients may tunnel to (no signing), repeatable', collect, [])
    .action(async (o: { app?: string; port?: number; endpointUrl?: boolean; format: string; allowHost: string[] }) => {
      const format = parseEnvFormat(o.format);
      const h = host();
      const app = await pickApp(h, o.app);
      const session = app.local ? undefined : await (await h.sessions()).get(app.name);
      if (!app.local && !session) {
        throw new AirlockError('NOT_LOGGED_IN', `not logged in to app "${app.name}"`, `log in: airlock apps login ${app.name} --aws-role ROLE`);
      }
      const running = await h.startProxy({ app, port: o.port ?? 0, endpointMode: o.endpointUrl ?? false, allowHosts: o.allowHost });
      running.keeper.on('ended', (err: unknown) => process.stderr.write(`airlock: ${errorMessage(err)}\n`));
      running.proxy.on('failure', (err: unknown) => process.stderr.write(`airlock: proxy error: ${errorMessage(err)}\n`));
      const banner = `Started AWS proxy for app ${app.name} (${session ? `role ${session.roleArn}` : 'local DynamoDB, no login'}) on ${running.url}.`;
      process.stdout.write(formatEnv(running.env, format, banner));
      if (format === 'text') process.stdout.write('\nEvery request is verified, re-signed and audited (airlock audit). Press Ctrl+C to stop.\n');
      await untilStopSignal();
      await running.stop();
      if (format === 'text') process.stdout.write(`Proxy stopped after ${running.proxy.stats.requests} request(s).\n`);
    });
}
