import type { Command } from 'commander';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import { formatAuditText, parseDuration, readAudit } from '../../core/proxy/audit-read';

export function registerAudit(program: Command, host: () => CoreHost): void {
  program.command('audit')
    .description('show the audit log of proxied requests')
    .option('--app <name>', 'only this app')
    .option('--since <duration>', 'only the last DURATION (e.g. 15m, 2h, 7d)')
    .option('--format <format>', 'text, or json (one object per line)', 'text')
    .action(async (o: { app?: string; since?: string; format: string }) => {
      if (o.format !== 'text' && o.format !== 'json') throw new AirlockError('BAD_FORMAT', `unknown format "${o.format}"`, 'use text or json');
      const since = o.since ? new Date(Date.now() - parseDuration(o.since)) : undefined;
      let n = 0;
      for await (const rec of readAudit(host().paths.auditDir, { ...(o.app ? { app: o.app } : {}), ...(since ? { since } : {}) })) {
        process.stdout.write(o.format === 'json' ? `${JSON.stringify(rec)}\n` : `${formatAuditText(rec)}\n`);
        n++;
      }
      if (n === 0 && o.format === 'text') process.stderr.write('No audit records match.\n');
    });
}
