/**
 * The messages about a scope that does not fit a Region pair, shared by the constructs, the router configuration and
 * the CLI so that every refusal reads the same.
 */
import { AwsRouteOrigin, BgpCommunityScope } from '../../facts/bgp-community';
import { RegionPairScope } from '../region-pair-scope';

/** Names the location (when known) and its Region. */
function where(pair: RegionPairScope, location?: string): string {
  return location ? `location ${location} (associated with ${pair.locationRegion})` : `location Region ${pair.locationRegion}`;
}

/** Why a scope is too narrow, naming the location, both Regions and the scope that works. No property prefix. */
export function tooNarrowText(pair: RegionPairScope, chosen: BgpCommunityScope, location?: string): string {
  const unreached = pair.connectRegions.filter((r) => BgpCommunityScope.all().indexOf(chosen) < AwsRouteOrigin.all().indexOf(pair.originOf(r)));
  return `${chosen.name} (${chosen.community}) does not reach Amazon Connect Region ${unreached.join(', ')} from ${where(pair, location)}: `
    + `it propagates your prefixes only ${reach(chosen, pair.locationRegion)}; use ${pair.scope.name} (${pair.scope.community})`
    + `${pair.scope === BgpCommunityScope.GLOBAL ? '' : ' or wider'}`;
}

/** The warning text for a wider scope than needed. */
export function widerText(pair: RegionPairScope, chosen: BgpCommunityScope, location?: string): string {
  return `${chosen.name} (${chosen.community}) is wider than Amazon Connect Region ${pair.connectRegions.join(', ')} needs from `
    + `${where(pair, location)}: ${pair.scope.name} (${pair.scope.community}) reaches it; the wider scope propagates your prefixes `
    + `${reach(chosen, pair.locationRegion)} (more exposure, nothing gained for Amazon Connect)`;
}

function reach(scope: BgpCommunityScope, locationRegion: string): string {
  if (scope === BgpCommunityScope.REGION) return `within ${locationRegion}`;
  if (scope === BgpCommunityScope.CONTINENT) return `within the continent group of ${locationRegion}`;
  return 'to every public AWS Region';
}
