/**
 * The inbound acceptance of a router configuration, from the Region pair when it is known: the Region the Direct
 * Connect location is associated with and the Amazon Connect Region(s). AWS tags the Connect Region's routes
 * 7224:8100, 7224:8200 or not at all relative to the location's Region, so the acceptance follows the pair, not the
 * outbound scope. Without the pair, the outbound scope decides both, as before, and the output says so.
 */
import { BgpCommunityScope } from '../facts/bgp-community';
import { DirectConnectLocation } from '../locations/direct-connect-location';
import { tooNarrowText, widerText } from '../locations/private/messages';
import { RegionPairScope, ScopeFit } from '../locations/region-pair-scope';
import { fail, show } from '../private/fail';

/** What the props say about the pair. */
export interface PairInputs {
  readonly communityScope?: BgpCommunityScope;
  readonly location?: string;
  readonly locationRegion?: string;
  readonly connectRegions?: string[];
}

/** The outbound scope, the scope whose acceptance the inbound filter renders, and comment lines about the pair. */
export interface PairDecision {
  readonly scope: BgpCommunityScope;
  readonly accept: BgpCommunityScope;
  readonly pairLines: string[];
}

/** Decides the scopes (see the file comment). */
export function decidePair(props: PairInputs): PairDecision {
  const hasLocation = props.location !== undefined || props.locationRegion !== undefined;
  if (!hasLocation && props.connectRegions === undefined) {
    const scope = props.communityScope ?? BgpCommunityScope.REGION;
    return {
      scope,
      accept: scope,
      pairLines: ['NOTE: the inbound acceptance could not be checked: AWS tags its routes relative to the Region the Direct',
        'Connect location is associated with, which was not given (location or locationRegion, and connectRegions).',
        `The filter below accepts what the ${scope.name} scope implies; it drops Amazon Connect's routes if their Region is farther.`],
    };
  }
  if (!hasLocation) {
    fail('locationRegion', `must be given with connectRegions (or location, whose Region the snapshot knows): AWS's communities are relative to the location's Region; got connectRegions ${show(props.connectRegions)} alone`);
  }
  if (props.connectRegions === undefined) {
    fail('connectRegions', `must be given with ${props.location !== undefined ? 'location' : 'locationRegion'}: the Amazon Connect Region(s) the routes must reach`);
  }
  const location = props.location === undefined ? undefined
    : props.locationRegion === undefined ? DirectConnectLocation.of(props.location) : DirectConnectLocation.withRegion(props.location, props.locationRegion);
  const pair = RegionPairScope.derive(location?.region ?? props.locationRegion!, props.connectRegions);
  const code = location ? show(location.code) : undefined;
  const chosen = props.communityScope;
  if (chosen !== undefined && pair.fit(chosen) === ScopeFit.TOO_NARROW) fail('communityScope', tooNarrowText(pair, chosen, code));
  const scope = chosen ?? pair.scope;
  const lines = [`Region pair: ${location ? `location ${location.code}, ` : ''}${pair.describe()}.`];
  if (pair.fit(scope) === ScopeFit.WIDER) lines.push(`Outbound scope ${widerText(pair, scope, code)}.`);
  return { scope, accept: pair.scope, pairLines: lines };
}
