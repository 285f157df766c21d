import type { AuditRecordView } from '../../preload/contract';
import { readAudit } from '../core/proxy/audit-read';
import type { ApiContext } from './context';
import type { HandlersFor } from './handler-types';

export function auditHandlers(ctx: ApiContext): HandlersFor<'audit.query'> {
  return {
    'audit.query': async ({ app, sinceMs, limit }) => {
      await ctx.host.auditLog().flush();
      const since = sinceMs ? new Date(Date.now() - sinceMs) : undefined;
      // Newest last in the files; keep only the last `limit` without holding the whole log.
      const out: AuditRecordView[] = [];
      for await (const rec of readAudit(ctx.host.paths.auditDir, { ...(app ? { app } : {}), ...(since ? { since } : {}) })) {
        out.push(rec);
        if (out.length > limit) out.shift();
      }
      return out;
    },
  };
}
