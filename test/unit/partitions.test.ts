import { describe, expect, it } from 'vitest';
import { PARTITIONS, isPartitionHost, partitionFromConsoleUri, serviceHost, stsEndpoint } from '../../main/core/apps/partitions';

describe('partitions', () => {
  it.each([
    ['https://console.aws.amazon.com/', 'aws'],
    ['https://us-west-2.console.aws.amazon.com/dynamodbv2/home', 'aws'],
    ['https://console.amazonaws-us-gov.com/', 'aws-us-gov'],
    ['https://console.amazonaws.cn/console/home', 'aws-cn'],
  ])('%s is in partition %s', (uri, id) => {
    expect(partitionFromConsoleUri(uri).id).toBe(id);
  });

  it.each([
    'http://console.aws.amazon.com/',
    'https://console.aws.amazon.com.evil.example/',
    'https://evilconsole.aws.amazon.com/',
    'not a url',
  ])('rejects %s with a clear error', (uri) => {
    expect(() => partitionFromConsoleUri(uri)).toThrow(/console/);
  });

  it('names STS and service hosts per partition (STS regional in GovCloud and China)', () => {
    expect(stsEndpoint(PARTITIONS.aws, 'eu-west-1')).toBe('https://sts.eu-west-1.amazonaws.com');
    expect(stsEndpoint(PARTITIONS['aws-us-gov'], 'us-gov-west-1')).toBe('https://sts.us-gov-west-1.amazonaws.com');
    expect(stsEndpoint(PARTITIONS['aws-cn'], 'cn-north-1')).toBe('https://sts.cn-north-1.amazonaws.com.cn');
    expect(serviceHost(PARTITIONS.aws, 'dynamodb', 'us-east-1')).toBe('dynamodb.us-east-1.amazonaws.com');
  });

  it('tells AWS hosts of a partition from everything else', () => {
    const aws = PARTITIONS.aws;
    expect(isPartitionHost(aws, 'dynamodb.us-east-1.amazonaws.com')).toBe(true);
    expect(isPartitionHost(aws, '123456789012.ddb.us-east-1.amazonaws.com')).toBe(true);
    expect(isPartitionHost(aws, 'sts.amazonaws.com')).toBe(true);
    expect(isPartitionHost(aws, 'dynamodb.us-east-1.api.aws')).toBe(true);
    expect(isPartitionHost(aws, 'dynamodb.us-gov-west-1.amazonaws.com')).toBe(false);
    expect(isPartitionHost(aws, 'amazonaws.com.evil.example')).toBe(false);
    expect(isPartitionHost(aws, 'evilamazonaws.com')).toBe(false);
    expect(isPartitionHost(aws, 'dynamodb.cn-north-1.amazonaws.com.cn')).toBe(false);
    expect(isPartitionHost(PARTITIONS['aws-us-gov'], 'dynamodb.us-gov-west-1.amazonaws.com')).toBe(true);
    expect(isPartitionHost(PARTITIONS['aws-us-gov'], 'dynamodb.us-east-1.amazonaws.com')).toBe(false);
    expect(isPartitionHost(PARTITIONS['aws-cn'], 'dynamodb.cn-north-1.amazonaws.com.cn')).toBe(true);
  });
});
