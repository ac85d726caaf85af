/**
 * The AWS partitions, and the Region-code prefix that places a Region in each: ONE table, which the location module,
 * the endpoint catalog and the stack read. A Region with none of these prefixes is in the commercial partition `aws`.
 *
 * Source: AWS Fault Isolation Boundaries whitepaper, "Partitions"
 * (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html), read 2026-12-01;
 * the Direct Connect location data (test/fixtures/dx-locations.json) uses the same partition names.
 */
const PARTITION_PREFIXES: ReadonlyArray<readonly [prefix: string, partition: string]> = [
  ['cn-', 'aws-cn'], // China (Beijing, Ningxia)
  ['us-gov-', 'aws-us-gov'], // AWS GovCloud (US)
  ['eusc-', 'aws-eusc'], // AWS European Sovereign Cloud
];

/** The partition of a Region code (`aws` unless its prefix names another). */
export function partitionOfRegion(region: string): string {
  return PARTITION_PREFIXES.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}
