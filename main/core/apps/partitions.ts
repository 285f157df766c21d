import { AirlockError } from '../errors';

/** The three public AWS partitions Airlock knows; each decides host names for STS and services. */
export type PartitionId = 'aws' | 'aws-us-gov' | 'aws-cn';

export interface Partition {
  id: PartitionId;
  /** DNS suffixes of service endpoints in this partition (regular and dual-stack). */
  dnsSuffixes: readonly string[];
  consoleHost: string;
  signinHost: string;
  defaultRegion: string;
  regionPattern: RegExp;
}

export const PARTITIONS: Record<PartitionId, Partition> = {
  aws: {
    id: 'aws',
    dnsSuffixes: ['amazonaws.com', 'api.aws'],
    consoleHost: 'console.aws.amazon.com',
    signinHost: 'signin.aws.amazon.com',
    defaultRegion: 'us-east-1',
    regionPattern: /^(?!us-gov-)(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/,
  },
  'aws-us-gov': {
    id: 'aws-us-gov',
    dnsSuffixes: ['amazonaws.com', 'api.aws'],
    consoleHost: 'console.amazonaws-us-gov.com',
    signinHost: 'signin.amazonaws-us-gov.com',
    defaultRegion: 'us-gov-west-1',
    regionPattern: /^us-gov-[a-z]+-\d+$/,
  },
  'aws-cn': {
    id: 'aws-cn',
    dnsSuffixes: ['amazonaws.com.cn', 'api.amazonwebservices.com.cn'],
    consoleHost: 'console.amazonaws.cn',
    signinHost: 'signin.amazonaws.cn',
    defaultRegion: 'cn-north-1',
    regionPattern: /^cn-[a-z]+-\d+$/,
  },
};

/** The partition a console URI belongs to, e.g. https://console.amazonaws-us-gov.com → aws-us-gov. */
export function partitionFromConsoleUri(uri: string): Partition {
  let host: string;
  try {
    const url = new URL(uri);
    if (url.protocol !== 'https:') throw new Error('not https');
    host = url.hostname.toLowerCase();
  } catch {
    throw new AirlockError('BAD_CONSOLE_URI', `"${uri}" is not an https console URI`,
      'use e.g. https://console.aws.amazon.com/, https://console.amazonaws-us-gov.com/ or https://console.amazonaws.cn/');
  }
  for (const p of Object.values(PARTITIONS)) {
    if (host === p.consoleHost || host.endsWith(`.${p.consoleHost}`)) return p;
  }
  throw new AirlockError('BAD_CONSOLE_URI', `"${host}" is not an AWS console host`,
    'the console URI must be on console.aws.amazon.com, console.amazonaws-us-gov.com or console.amazonaws.cn');
}

export function isRegionOf(partition: Partition, region: string): boolean {
  return partition.regionPattern.test(region);
}

/** Regional endpoint host of a service, e.g. dynamodb.us-east-1.amazonaws.com. */
export function serviceHost(partition: Partition, service: string, region: string): string {
  return `${service}.${region}.${partition.dnsSuffixes[0]}`;
}

/** STS is called on its regional endpoint in every partition (GovCloud and China have no global one). */
export function stsEndpoint(partition: Partition, region: string): string {
  return `https://${serviceHost(partition, 'sts', region)}`;
}

/**
 * Whether a host name is an AWS service endpoint of this partition. aws and aws-us-gov share
 * amazonaws.com, so a region label in the host must belong to the partition.
 */
export function isPartitionHost(partition: Partition, host: string): boolean {
  const h = host.toLowerCase();
  if (!/^[a-z0-9.-]+$/.test(h) || h.includes('..')) return false;
  const suffix = partition.dnsSuffixes.find((s) => h.endsWith(`.${s}`));
  if (!suffix) return false;
  const labels = h.slice(0, -suffix.length - 1).split('.');
  for (const other of Object.values(PARTITIONS)) {
    if (other.id === partition.id) continue;
    if (labels.some((l) => other.regionPattern.test(l))) return false;
  }
  return true;
}
