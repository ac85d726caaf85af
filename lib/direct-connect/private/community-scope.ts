/**
 * Picks a public virtual interface's community scope from the Region pair: the Region the connection's location is
 * associated with and the Amazon Connect Region(s). A scope too narrow for the pair is refused, a wider one warned
 * about; without the location's Region the scope defaults to GLOBAL, the only one that works without knowing.
 */
import { IConstruct } from 'constructs';
import { checkRegion } from '../../locations/private/regions';
import { tooNarrowText, widerText } from '../../locations/private/messages';
import { RegionPairScope, ScopeFit } from '../../locations/region-pair-scope';
import { fail, isToken, show, warn } from '../../private/errors';
import { BgpCommunityScope } from '../../facts/bgp-community';

/** What the interface knows. */
export interface ScopeInputs {
  /** `communityScope` as given. */
  readonly chosen?: BgpCommunityScope;
  /** The Region the connection knows for its location (a new connection). */
  readonly connectionLocationRegion?: string;
  /** The location code of a new connection, for messages. */
  readonly locationCode?: string;
  /** `locationRegion` as given. */
  readonly locationRegion?: string;
  /** `connectRegions` as given, else the stack's Region (possibly a token). */
  readonly connectRegions: string[];
  /** True when `connectRegions` was given (for messages). */
  readonly connectRegionsGiven: boolean;
}

/** The scope and, when the pair is known, the derivation. */
export interface ScopeDecision {
  readonly scope: BgpCommunityScope;
  readonly pair?: RegionPairScope;
}

/** Decides the scope (see the file comment). */
export function decideScope(scope: IConstruct, inputs: ScopeInputs): ScopeDecision {
  const locationRegion = pickLocationRegion(inputs);
  const connectKnown = inputs.connectRegions.length > 0 && !inputs.connectRegions.some((r) => isToken(r));
  if (!connectKnown) {
    if (inputs.connectRegionsGiven) fail('connectRegions', `must be one or more concrete Region codes, got ${show(inputs.connectRegions)}`);
    return unchecked(scope, inputs.chosen, 'connectRegions', 'the Amazon Connect Region is unknown (the stack\'s Region is an unresolved token)');
  }
  inputs.connectRegions.forEach((r) => checkRegion('connectRegions', r));
  if (locationRegion === undefined) {
    return unchecked(scope, inputs.chosen, 'locationRegion', 'the Region the Direct Connect location is associated with is unknown '
      + '(an imported connection, or a token location)');
  }
  const pair = RegionPairScope.derive(locationRegion, inputs.connectRegions);
  const location = inputs.locationCode && !isToken(inputs.locationCode) ? show(inputs.locationCode) : undefined;
  const chosen = inputs.chosen;
  if (chosen === undefined) return { scope: pair.scope, pair };
  const fit = pair.fit(chosen);
  if (fit === ScopeFit.TOO_NARROW) fail('communityScope', tooNarrowText(pair, chosen, location));
  if (fit === ScopeFit.WIDER) warn(scope, 'communityScopeWider', `communityScope ${widerText(pair, chosen, location)}.`);
  return { scope: chosen, pair };
}

function pickLocationRegion(inputs: ScopeInputs): string | undefined {
  const given = inputs.locationRegion;
  if (given !== undefined) {
    if (isToken(given)) fail('locationRegion', `must be a concrete Region code (the scope is derived at synth time), got the unresolved token ${given}`);
    checkRegion('locationRegion', given);
  }
  const fromConnection = inputs.connectionLocationRegion;
  if (given !== undefined && fromConnection !== undefined && given.toLowerCase() !== fromConnection) {
    fail('locationRegion', `must agree with the connection's location${inputs.locationCode ? ` ${show(inputs.locationCode)}` : ''}, `
      + `which is associated with ${show(fromConnection)}; got ${show(given)} (leave locationRegion out for a new connection: `
      + 'the Region comes from the location)');
  }
  return fromConnection ?? given?.toLowerCase();
}

function unchecked(scope: IConstruct, chosen: BgpCommunityScope | undefined, missing: string, why: string): ScopeDecision {
  if (chosen === undefined) {
    warn(scope, 'locationRegionUnknown', `communityScope defaults to GLOBAL (7224:9300): ${why}, and GLOBAL is the only scope that `
      + `reaches the Amazon Connect Region without knowing it. Give ${missing} to derive the narrowest scope.`);
    return { scope: BgpCommunityScope.GLOBAL };
  }
  if (chosen !== BgpCommunityScope.GLOBAL) {
    warn(scope, 'communityScopeUnchecked', `communityScope ${chosen.name} (${chosen.community}) cannot be checked: ${why}. `
      + `If the location's Region is not the Amazon Connect Region, your prefixes will not reach Amazon Connect; give ${missing} to check it.`);
  }
  return { scope: chosen };
}
