/**
 * The pure derivation at the heart of the library: given the Region a Direct Connect location is associated with
 * and the Region(s) of the Amazon Connect instance(s), which outbound scope community reaches them, and which of
 * AWS's communities the router must accept inbound to receive their routes.
 *
 * AWS tags its routes relative to the location's Region: 7224:8100 from that Region, 7224:8200 from another Region
 * of the same continent group, no tag from other continents; 7224:9100/9200/9300 scope the customer's prefixes the
 * same way. Source: https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html (read 2026-12-01).
 */
import { AwsRouteOrigin, BgpCommunityScope } from '../facts/bgp-community';
import { fail, show } from '../private/fail';
import { ContinentGroup } from './continent-groups';
import { partitionOfRegion } from '../facts/partitions';
import { checkRegion } from './private/regions';
import { checkKind } from '../private/prop-types';

/** How a chosen scope compares with the one a Region pair needs. */
export enum ScopeFit {
  /** Narrower than needed: the customer's prefixes do not reach every Connect Region. */
  TOO_NARROW = 'TOO_NARROW',
  /** Exactly the narrowest scope that reaches every Connect Region. */
  EXACT = 'EXACT',
  /** Wider than needed: works, with more exposure than necessary. */
  WIDER = 'WIDER',
}

/**
 * The narrowest outbound scope and the inbound acceptance for a location Region and one or more Amazon Connect
 * Regions (two for a Global Resiliency pair).
 *
 * | location Region vs Connect Region | scope (outbound) | accept inbound |
 * | --- | --- | --- |
 * | same Region | REGION 7224:9100 | 7224:8100 |
 * | same continent group | CONTINENT 7224:9200 | 7224:8100, 7224:8200 |
 * | other continent (or no documented group) | GLOBAL 7224:9300 | all, untagged included |
 *
 * With several Connect Regions, the farthest one decides.
 *
 * ```ts
 * const pair = RegionPairScope.derive('eu-west-1', ['eu-west-2']); // EqLD5 -> eu-west-2
 * pair.scope.name;               // 'CONTINENT'
 * pair.acceptedAwsCommunities;   // ['7224:8100', '7224:8200']
 * pair.fit(BgpCommunityScope.REGION); // ScopeFit.TOO_NARROW
 * ```
 */
export class RegionPairScope {
  /**
   * Derives the scope for a location Region and the Connect Region(s). Throws for a malformed Region, an empty
   * list, or a pair across the China partition boundary (China prefixes are advertised only in the China Regions,
   * and commercial ones only in the commercial Regions).
   */
  public static derive(locationRegion: string, connectRegions: string[]): RegionPairScope {
    checkKind('connectRegions', connectRegions, 'array:string');
    checkRegion('locationRegion', locationRegion);
    if (!Array.isArray(connectRegions) || connectRegions.length === 0) {
      fail('connectRegions', `must name at least one Amazon Connect Region, got ${show(connectRegions)}`);
    }
    connectRegions.forEach((r) => checkRegion('connectRegions', r));
    const location = locationRegion.toLowerCase();
    const connect = [...new Set(connectRegions.map((r) => r.toLowerCase()))];
    const china = (r: string) => partitionOfRegion(r) === 'aws-cn';
    const across = connect.find((r) => china(r) !== china(location));
    if (across) {
      fail('connectRegions', `cannot be reached from a location associated with ${show(location)}: ${show(across)} is on the other side of `
        + 'the China partition boundary (AWS advertises China Region prefixes only in the China Regions and commercial ones only in the commercial Regions)');
    }
    return new RegionPairScope(location, connect);
  }

  /** The narrowest outbound scope that reaches every Connect Region. */
  public readonly scope: BgpCommunityScope;

  /**
   * @param locationRegion the Region the location is associated with
   * @param connectRegions the Connect Regions (lower case, no duplicates)
   */
  private constructor(public readonly locationRegion: string, public readonly connectRegions: string[]) {
    const farthest = Math.max(...connectRegions.map((r) => AwsRouteOrigin.all().indexOf(this.originOf(r))));
    this.scope = BgpCommunityScope.all()[farthest];
  }

  /**
   * How AWS tags a Region's routes at this location: SAME_REGION (7224:8100), SAME_CONTINENT (7224:8200) or
   * OTHER_CONTINENTS (untagged).
   */
  public originOf(region: string): AwsRouteOrigin {
    const r = region.toLowerCase();
    if (r === this.locationRegion) return AwsRouteOrigin.SAME_REGION;
    if (ContinentGroup.sameContinent(r, this.locationRegion)) return AwsRouteOrigin.SAME_CONTINENT;
    return AwsRouteOrigin.OTHER_CONTINENTS;
  }

  /** The AWS route origins to accept inbound (nearest first): those of the scope, whatever scope you advertise. */
  public get acceptedOrigins(): AwsRouteOrigin[] {
    return this.scope.acceptedOrigins;
  }

  /** The AWS communities to accept inbound: `7224:8100`, plus `7224:8200` beyond the Region. */
  public get acceptedAwsCommunities(): string[] {
    return this.scope.acceptedAwsCommunities;
  }

  /** True when untagged routes (other continents) must be accepted too: a GLOBAL pair. */
  public get acceptsUntaggedRoutes(): boolean {
    return this.scope.acceptsUntaggedRoutes;
  }

  /** How a chosen outbound scope compares with the derived one. */
  public fit(scope: BgpCommunityScope): ScopeFit {
    const chosen = BgpCommunityScope.all().findIndex((s) => s.name === scope.name);
    const needed = BgpCommunityScope.all().indexOf(this.scope);
    if (chosen < needed) return ScopeFit.TOO_NARROW;
    return chosen === needed ? ScopeFit.EXACT : ScopeFit.WIDER;
  }

  /**
   * One line: the pair, how each Connect Region relates to the location's Region, the scope and the acceptance, e.g.
   * `location Region eu-west-1, Connect Region eu-west-2 (same continent, Europe, the Middle East and Africa): CONTINENT 7224:9200, accept 7224:8100 7224:8200`.
   */
  public describe(): string {
    const relations = this.connectRegions.map((r) => `${r} (${relationText(this.originOf(r), r, this.locationRegion)})`).join(', ');
    const accept = [...this.acceptedAwsCommunities, ...(this.acceptsUntaggedRoutes ? ['untagged'] : [])].join(' ');
    return `location Region ${this.locationRegion}, Connect Region${this.connectRegions.length > 1 ? 's' : ''} ${relations}: `
      + `${this.scope.name} ${this.scope.community}, accept ${accept}`;
  }
}

function relationText(origin: AwsRouteOrigin, region: string, location: string): string {
  if (origin === AwsRouteOrigin.SAME_REGION) return 'same Region';
  if (origin === AwsRouteOrigin.SAME_CONTINENT) return `same continent, ${ContinentGroup.ofRegion(region).label}`;
  const unplaced = [region, location].find((r) => ContinentGroup.ofRegion(r) === ContinentGroup.OTHER);
  return unplaced ? `other continent: ${unplaced} ${ContinentGroup.reasonFor(unplaced)}` : `other continent, ${ContinentGroup.ofRegion(region).label}`;
}
