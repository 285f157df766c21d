import { JobRunner } from '../core/dynamodb/jobs';
import { defaultExportPath, resolveUserPath } from '../core/dynamodb/export-path';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

/**
 * Export and import jobs of this host process: they run in the background and report progress as
 * 'job.progress' events. Each run asks for a client then, so a resumed export uses the new session.
 */
export function jobsHandlers(ctx: ApiContext): HandlersFor<'jobs.list' | 'jobs.export' | 'jobs.import' | 'jobs.cancel' | 'jobs.resume'> {
  const runner = new JobRunner({ onChange: (job) => ctx.emit('job.progress', job) });
  const dynamo = () => ctx.host.dynamo();
  return {
    'jobs.list': async () => runner.list(),
    'jobs.export': async ({ app, region, spec, format, path, segments }) => {
      const where = { app, region };
      const built = await dynamo().buildRead(where, spec);
      const view = await dynamo().describe(where, spec.table);
      return runner.startExport({
        app,
        table: spec.table,
        path: path ? resolveUserPath(path) : defaultExportPath(spec.table, format),
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
      return runner.startImport({ app, table, path: resolveUserPath(path), format, clientFor: async () => (await dynamo().open(where)).client });
    },
    'jobs.cancel': ({ id }) => runner.cancel(id),
    'jobs.resume': async ({ id }) => runner.resume(id),
  };
}
