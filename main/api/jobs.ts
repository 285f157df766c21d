import { resolve } from 'node:path';
import { AirlockError } from '../core/errors';
import { JobRunner } from '../core/dynamodb/jobs';
import { defaultExportPath, resolveUserPath } from '../core/dynamodb/export-path';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

/**
 * Export and import jobs of this host process: they run in the background and report progress as
 * 'job.progress' events. Each run asks for a client then, so a resumed export uses the new session.
 */
export function jobsHandlers(ctx: ApiContext): HandlersFor<'files.choose' | 'jobs.list' | 'jobs.export' | 'jobs.import' | 'jobs.cancel' | 'jobs.resume'> {
  const runner = new JobRunner({ onChange: (job) => ctx.emit('job.progress', job) });
  const dynamo = () => ctx.host.dynamo();
  // Paths the user picked in the native dialog, per purpose (desktop app only).
  const granted = { export: new Set<string>(), import: new Set<string>() };
  const allowed = (purpose: 'export' | 'import', path: string): string => {
    const full = resolveUserPath(path);
    if (ctx.chooseFile && !granted[purpose].delete(resolve(full))) {
      throw new AirlockError('PATH_NOT_CHOSEN', `the desktop app ${purpose}s only files chosen in its file dialog (not ${full})`,
        `use "Choose…" to pick the file`);
    }
    return full;
  };
  return {
    'files.choose': async ({ purpose, suggestedName }) => {
      if (!ctx.chooseFile) return { supported: false, path: null };
      const path = await ctx.chooseFile(purpose, suggestedName);
      if (path) granted[purpose].add(resolve(path));
      return { supported: true, path };
    },
    'jobs.list': async () => runner.list(),
    'jobs.export': async ({ app, region, spec, format, path, segments }) => {
      const where = { app, region };
      const built = await dynamo().buildRead(where, spec);
      const view = await dynamo().describe(where, spec.table);
      return runner.startExport({
        app,
        table: spec.table,
        path: path ? allowed('export', path) : defaultExportPath(spec.table, format),
        format,
        operation: built.operation,
        scanInput: built.input,
        segments,
        itemCount: view.itemCount,
        clientFor: async () => (await dynamo().open(where)).client,
      });
    },
    'jobs.import': async ({ app, region, table, format, path }) => {
      const where = { app, region };
      await dynamo().describe(where, table); // a missing table or app fails here, before a job exists
      return runner.startImport({ app, table, path: allowed('import', path), format, clientFor: async () => (await dynamo().open(where)).client });
    },
    'jobs.cancel': ({ id }) => runner.cancel(id),
    'jobs.resume': async ({ id }) => runner.resume(id),
  };
}
