/** The one Region -> partition table (lib/facts/partitions.ts), checked against the location data's own partitions. */
import { DirectConnectLocation } from '../../lib';
import { partitionOf } from '../../lib/connect-endpoints/catalog-data';
import { partitionOfRegion } from '../../lib/facts/partitions';

test('each prefix names its partition; anything else is aws', () => {
  expect(['us-east-1', 'eu-west-2', 'il-central-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1', 'eusc-de-east-1']
    .map(partitionOfRegion)).toEqual(['aws', 'aws', 'aws', 'aws-cn', 'aws-cn', 'aws-us-gov', 'aws-us-gov', 'aws-eusc']);
});

test('every Direct Connect location\'s partition (from AWS\'s data) is the one the table gives its Region', () => {
  const all = DirectConnectLocation.all();
  expect(all.length).toBeGreaterThan(100);
  expect(new Set(all.map((l) => l.partition))).toEqual(new Set(['aws', 'aws-cn', 'aws-eusc']));
  expect(all.filter((l) => partitionOfRegion(l.region) !== l.partition).map((l) => `${l.code} ${l.region} ${l.partition}`)).toEqual([]);
});

test('the catalog reads the same table for the two partitions where Amazon Connect runs', () => {
  expect(partitionOf('us-gov-west-1')).toBe('aws-us-gov');
  expect(partitionOf('eu-west-2')).toBe('aws');
});
