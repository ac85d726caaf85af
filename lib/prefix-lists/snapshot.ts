/** Access to the generated AMAZON_CONNECT snapshot (not exported from the package). */
import { SNAPSHOT, SNAPSHOT_GLOBAL, SNAPSHOT_SOURCE } from '../facts/amazon-connect-snapshot.generated';
import { aggregateCidrs } from '../ip-ranges/engine';

/** A synth-time snapshot of the AMAZON_CONNECT CIDRs for a Region and where it comes from. */
export interface AmazonConnectSnapshot {
  readonly cidrs: string[];
  readonly syncToken: string;
  readonly createDate: string;
}

/** The AMAZON_CONNECT CIDRs for the Region (GLOBAL only when the Region has none), IPv4 and optionally IPv6. */
export function amazonConnectSnapshot(region: string, ipv6: boolean): AmazonConnectSnapshot {
  const row = SNAPSHOT[region] ?? SNAPSHOT_GLOBAL;
  return {
    cidrs: [...row.ipv4, ...(ipv6 ? row.ipv6 : [])],
    syncToken: SNAPSHOT_SOURCE.syncToken,
    createDate: SNAPSHOT_SOURCE.createDate,
  };
}

/** The union of the snapshot's AMAZON_CONNECT CIDRs of several Regions, aggregated per family (IPv4 first). */
export function amazonConnectSnapshotFor(regions: string[], ipv6: boolean): AmazonConnectSnapshot {
  const rows = regions.map((r) => SNAPSHOT[r] ?? SNAPSHOT_GLOBAL);
  return {
    cidrs: [
      ...aggregateCidrs(rows.flatMap((row) => [...row.ipv4]), 4),
      ...(ipv6 ? aggregateCidrs(rows.flatMap((row) => [...row.ipv6]), 6) : []),
    ],
    syncToken: SNAPSHOT_SOURCE.syncToken,
    createDate: SNAPSHOT_SOURCE.createDate,
  };
}
