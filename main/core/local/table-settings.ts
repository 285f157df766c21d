/** UpdateTimeToLive, DescribeTimeToLive (reflecting it) and DescribeContinuousBackups. */
import type { CompatContext } from './context';
import { DynamoError, validation } from './errors';
import { describeTable } from './internal-client';
import { requiredObject, requiredString } from './request-fields';
import type { JsonObject } from './wire';

const created = (t: { CreationDateTime?: Date }): number => t.CreationDateTime?.getTime() ?? 0;

export async function describeTimeToLive(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const name = requiredString(body, 'TableName');
  const table = await describeTable(ctx.client, name);
  const attribute = await ctx.ttl.get(name, created(table));
  return {
    TimeToLiveDescription: attribute === undefined
      ? { TimeToLiveStatus: 'DISABLED' }
      : { TimeToLiveStatus: 'ENABLED', AttributeName: attribute },
  };
}

export async function updateTimeToLive(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const name = requiredString(body, 'TableName');
  const spec = requiredObject(body, 'TimeToLiveSpecification');
  const enabled = spec.Enabled;
  if (typeof enabled !== 'boolean') {
    throw validation('1 validation error detected: Value null at \'timeToLiveSpecification.enabled\' failed to satisfy constraint: Member must not be null');
  }
  const attributeName = requiredString(spec, 'AttributeName');
  if (attributeName.length < 1 || attributeName.length > 255) {
    throw validation('1 validation error detected: Value at \'timeToLiveSpecification.attributeName\' failed to satisfy constraint: Member must have length between 1 and 255');
  }
  return ctx.writeLock.run(async () => {
    const table = await describeTable(ctx.client, name);
    const current = await ctx.ttl.get(name, created(table));
    if (enabled && current !== undefined) throw validation('TimeToLive is already enabled');
    if (!enabled && current === undefined) throw validation('TimeToLive is already disabled');
    if (!enabled && current !== attributeName) {
      throw validation(`TimeToLive is active on a different AttributeName: current AttributeName is ${current}`);
    }
    // Enabled at once (DynamoDB passes through ENABLING for a while; nothing here needs to wait).
    await ctx.ttl.set(name, created(table), enabled ? attributeName : undefined);
    return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } };
  });
}

/** Backups are "enabled" (as on every DynamoDB table); point-in-time recovery is not offered. */
export async function describeContinuousBackups(ctx: CompatContext, body: JsonObject): Promise<JsonObject> {
  const name = requiredString(body, 'TableName');
  try {
    await describeTable(ctx.client, name);
  } catch (err) {
    // DynamoDB names a missing table differently for this operation.
    if (err instanceof Error && err.name === 'ResourceNotFoundException') {
      throw new DynamoError('TableNotFoundException', `Table not found: ${name}`);
    }
    throw err;
  }
  return {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  };
}
