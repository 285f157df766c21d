import { calls, isChannel } from '../../preload/contract';
import type { ErrorView } from '../../preload/contract';
import { errorMessage, isAirlockError } from '../core/errors';
import { appsHandlers } from './apps';
import { auditHandlers } from './audit';
import { awsConfigHandlers } from './aws-config';
import { consoleHandlers } from './console';
import type { ApiContext } from './context';
import type { Handlers } from './handler-types';
import { jobsHandlers } from './jobs';
import { policyHandlers } from './policy';
import { proxiesHandlers } from './proxies';
import { queriesHandlers } from './queries';
import { sessionsHandlers } from './sessions';
import { settingsHandlers } from './settings';
import { tablesHandlers } from './tables';

export type InvokeResult = { ok: true; value: unknown } | { ok: false; error: ErrorView };

export function createHandlers(ctx: ApiContext): Handlers {
  return { ...appsHandlers(ctx), ...sessionsHandlers(ctx), ...proxiesHandlers(ctx), ...auditHandlers(ctx), ...settingsHandlers(ctx),
    ...tablesHandlers(ctx), ...queriesHandlers(ctx), ...jobsHandlers(ctx), ...policyHandlers(ctx), ...consoleHandlers(ctx),
    ...awsConfigHandlers(ctx) };
}

/**
 * The one entry point every transport (Electron IPC, the web host) calls: unknown channels and
 * arguments that do not match the contract are refused before any handler runs.
 */
export async function invoke(handlers: Handlers, channel: unknown, payload: unknown): Promise<InvokeResult> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `unknown call ${String(channel).slice(0, 64)}` } };
  const parsed = calls[channel].request.safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
    return { ok: false, error: { code: 'BAD_REQUEST', message: `invalid ${channel} request: ${where}${issue?.message ?? 'bad arguments'}` } };
  }
  try {
    const handler = handlers[channel] as (req: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (err) {
    if (isAirlockError(err)) return { ok: false, error: { code: err.code, message: err.message, ...(err.hint ? { hint: err.hint } : {}) } };
    return { ok: false, error: { code: 'INTERNAL', message: errorMessage(err) } };
  }
}
