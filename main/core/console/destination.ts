import type { App } from '../apps/model';
import { isRegionOf, PARTITIONS, partitionFromConsoleUri } from '../apps/partitions';
import { AirlockError } from '../errors';

/** Where the console opens: the app's console URI, or the DynamoDB console of a region. */
export type ConsoleTarget = 'home' | 'dynamodb';

/**
 * The console page to land on after sign-in. `home` is the app's console URI as the user gave it;
 * `dynamodb` is the DynamoDB console of `region` (default the app's region) in the app's partition.
 * Local DynamoDB apps have no AWS console.
 */
export function consoleDestination(app: App, region?: string, target: ConsoleTarget = 'home'): string {
  if (app.local) {
    throw new AirlockError('LOCAL_APP', `app "${app.name}" is a local DynamoDB app: it has no AWS console`,
      `browse its tables in Airlock instead: airlock ui`);
  }
  const partition = PARTITIONS[app.partition];
  const r = region ?? app.region;
  if (!isRegionOf(partition, r)) {
    throw new AirlockError('BAD_REGION', `region "${r}" is not in the ${partition.id} partition of app "${app.name}"`);
  }
  if (target === 'home') {
    const uriPartition = partitionFromConsoleUri(app.uri);
    if (uriPartition.id !== partition.id) {
      throw new AirlockError('BAD_CONSOLE_URI', `the console URI of app "${app.name}" is in ${uriPartition.id}, not ${partition.id}`);
    }
    return app.uri;
  }
  const url = new URL(`https://${partition.consoleHost}/dynamodbv2/home`);
  url.searchParams.set('region', r);
  url.hash = 'tables';
  return url.href;
}
