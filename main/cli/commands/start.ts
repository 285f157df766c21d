import type { Command } from 'commander';

/** `npm start`: the desktop app arrives with issue 3; until then say so and point at the CLI. */
export function registerStart(program: Command): void {
  program.command('start', { hidden: true })
    .description('start the desktop app')
    .action(() => {
      process.stdout.write('The Airlock desktop app is not built yet in this version; the CLI is ready:\n' +
        '  npm run airlock -- apps add NAME --uri https://console.aws.amazon.com/ --aws-role-arn ARN\n' +
        '  npm run airlock -- apps login NAME --aws-role ROLE\n' +
        '  npm run airlock -- proxy aws --app NAME\n' +
        'Run npm run airlock -- --help for every command.\n');
    });
}
