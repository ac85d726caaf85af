/**
 * What `status` says about locations: the Region a connection's location is associated with, and, with
 * `--connect-region`, whether an interface's community (its `bgp-community-scope` tag) reaches the Amazon Connect
 * Region(s) from there.
 */
import { BgpCommunityScope } from '../../../facts/bgp-community';
import { ConnectionSummary, InterfaceSummary } from '../../../handlers/shared/direct-connect-read';
import { DirectConnectLocation } from '../../../locations/direct-connect-location';
import { tooNarrowText } from '../../../locations/private/messages';
import { RegionPairScope, ScopeFit } from '../../../locations/region-pair-scope';

/** `EqLD5 (associated with eu-west-1)`, or a note that the snapshot lacks it. */
export function locationText(code: string | undefined): string {
  if (code === undefined) return 'unknown';
  const loc = /^[A-Za-z0-9-]+$/.test(code) ? DirectConnectLocation.tryOf(code) : undefined;
  return loc ? `${code} (associated with ${loc.region})` : `${code} (not in the location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}; its Region is unknown)`;
}

/** The pair for a location code and the Connect Regions, when both are known. */
export function pairOf(code: string | undefined, connectRegions: string[] | undefined): RegionPairScope | undefined {
  if (code === undefined || connectRegions === undefined || !/^[A-Za-z0-9-]+$/.test(code)) return undefined;
  const loc = DirectConnectLocation.tryOf(code);
  return loc ? RegionPairScope.derive(loc.region, connectRegions) : undefined;
}

/** The warning for an interface whose community cannot reach the Connect Region(s), or undefined. */
export function reachWarning(v: InterfaceSummary, options: { connectRegions?: string[] }, containers: ConnectionSummary[]): string | undefined {
  if (options.connectRegions === undefined || v.type !== 'public') return undefined;
  const location = containers.find((c) => c.id === v.connectionId)?.location;
  const pair = pairOf(location, options.connectRegions);
  if (!pair) return `cannot check the community against ${options.connectRegions.join(', ')}: the location's Region is unknown (${locationText(location)})`;
  if (v.community === undefined) {
    return `no bgp-community-scope tag: make sure your router sets ${pair.scope.community} (${pair.scope.name}) or wider; ${pair.describe()}`;
  }
  const scope = BgpCommunityScope.all().find((s) => s.community === v.community);
  if (!scope) return `community tag ${v.community} is not a scope community (7224:9100/9200/9300)`;
  return pair.fit(scope) === ScopeFit.TOO_NARROW ? `community ${tooNarrowText(pair, scope, location)}` : undefined;
}
