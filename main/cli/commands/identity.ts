import type { Command } from 'commander';
import { AirlockError } from '../../core/errors';
import type { CoreHost } from '../../core/host';
import type { Identity } from '../../core/policy';
import { collect } from '../output';

function parseFormat(s: string): 'text' | 'json' {
  if (s !== 'text' && s !== 'json') throw new AirlockError('BAD_FORMAT', `unknown format "${s}"`, 'use text or json');
  return s;
}

/** --trait KEY=VALUE, repeatable: a key given several times gets several values; KEY= alone removes it. */
export function parseTraits(values: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) {
      throw new AirlockError('BAD_ARGUMENT', `--trait must be KEY=VALUE (got "${v}")`, 'e.g. --trait email=alice@example.com; repeat a key for several values');
    }
    const key = v.slice(0, eq);
    const value = v.slice(eq + 1);
    const list = out.get(key) ?? [];
    if (value !== '' && !list.includes(value)) list.push(value);
    out.set(key, list);
  }
  return out;
}

function identityText(id: Identity, path: string): string {
  const lines = [`User:   ${id.user}${id.userIsDefault ? ' (the OS user; set another with: airlock identity set --user NAME)' : ''}`];
  const traits = Object.entries(id.traits);
  if (traits.length === 0) lines.push('Traits: none (add one with: airlock identity set --trait KEY=VALUE)');
  else traits.forEach(([k, v], i) => lines.push(`${i === 0 ? 'Traits: ' : '        '}${k} = ${v.join(', ')}`));
  lines.push(`Stored in ${path}`);
  return `${lines.join('\n')}\n`;
}

export function registerIdentity(program: Command, host: () => CoreHost): void {
  const identity = program.command('identity')
    .description('who you are to the policy: the user its kind: user resources are looked up by, and the traits you enter ({{external.NAME}})');

  identity.command('set')
    .description('set the user and/or traits; traits not named are kept')
    .option('--user <name>', 'user name for kind: user resources ("" goes back to the OS user name)')
    .option('--trait <key=value>', 'external trait, repeatable; repeating a key gives several values; KEY= removes the trait', collect, [])
    .action(async (o: { user?: string; trait: string[] }) => {
      if (o.user === undefined && o.trait.length === 0) {
        throw new AirlockError('BAD_ARGUMENT', 'nothing to set', 'give --user NAME and/or --trait KEY=VALUE (e.g. --trait email=alice@example.com)');
      }
      const store = host().identity();
      const patch: { user?: string; traits?: Record<string, string[]> } = {};
      if (o.user !== undefined) patch.user = o.user;
      if (o.trait.length) {
        const traits = new Map(Object.entries((await store.get()).traits));
        for (const [key, values] of parseTraits(o.trait)) {
          if (values.length) traits.set(key, values);
          else traits.delete(key);
        }
        patch.traits = Object.fromEntries(traits);
      }
      const id = await store.set(patch);
      process.stdout.write(identityText(id, store.path));
    });

  identity.command('show')
    .description('show the user and traits the policy sees')
    .option('--format <format>', 'text or json', 'text')
    .action(async (o: { format: string }) => {
      const format = parseFormat(o.format);
      const store = host().identity();
      const id = await store.get();
      process.stdout.write(format === 'json' ? `${JSON.stringify(id, null, 2)}\n` : identityText(id, store.path));
    });
}
