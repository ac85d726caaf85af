/**
 * BGP communities on an AWS Direct Connect public virtual interface: the scope tags a customer sets on the
 * prefixes it advertises, and the tags AWS sets on the routes it advertises.
 *
 * Source: AWS Direct Connect User Guide, "Routing policies and BGP communities"
 * (https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html) and the AWS whitepaper
 * "AWS Direct Connect for Amazon Connect", section "Scope BGP communities" (2022-11-02). Read 2026-11-22.
 */
import { fail } from '../private/fail';

/** The AS number of the AWS side of every Direct Connect BGP session. */
export const AMAZON_SIDE_ASN = 7224;

/** Where a route AWS advertises comes from, told by the community AWS tags it with. */
export class AwsRouteOrigin {
  /** `7224:8100`: routes from the AWS Region the Direct Connect location is associated with. */
  public static readonly SAME_REGION = new AwsRouteOrigin('SAME_REGION', '7224:8100',
    'routes from the same AWS Region as the Direct Connect location');
  /** `7224:8200`: routes from the same continent as the Direct Connect location. */
  public static readonly SAME_CONTINENT = new AwsRouteOrigin('SAME_CONTINENT', '7224:8200',
    'routes from the same continent as the Direct Connect location');
  /** No community: routes from other continents (global). */
  public static readonly OTHER_CONTINENTS = new AwsRouteOrigin('OTHER_CONTINENTS', undefined,
    'routes from all other public AWS Regions (AWS sets no community on them)');

  /** Every origin, nearest first. */
  public static all(): AwsRouteOrigin[] {
    return [AwsRouteOrigin.SAME_REGION, AwsRouteOrigin.SAME_CONTINENT, AwsRouteOrigin.OTHER_CONTINENTS];
  }

  /**
   * @param name identifier, e.g. `SAME_REGION`
   * @param community the community AWS sets, e.g. `7224:8100`; undefined for untagged routes
   * @param description plain-language meaning
   */
  private constructor(
    public readonly name: string,
    public readonly community: string | undefined,
    public readonly description: string,
  ) {}
}

/**
 * How far AWS propagates the prefixes you advertise over a public virtual interface, set with a BGP
 * community on your router.
 *
 * The scope is relative to the AWS Region the Direct Connect location is associated with (not the Region of your
 * Amazon Connect instance): `RegionPairScope` derives the narrowest one that reaches the Connect Region, and a
 * `PublicVirtualInterface` uses it by default.
 *
 * ```ts
 * const scope = BgpCommunityScope.REGION;
 * scope.community; // '7224:9100'
 * ```
 */
export class BgpCommunityScope {
  /** `7224:9100`: propagate your prefixes to the local AWS Region only. Accept AWS routes tagged 7224:8100. */
  public static readonly REGION = new BgpCommunityScope('REGION', '7224:9100',
    'your prefixes reach the local AWS Region only', [AwsRouteOrigin.SAME_REGION]);
  /**
   * `7224:9200`: propagate your prefixes to all AWS Regions on the continent (North America, Asia Pacific, or
   * Europe, the Middle East and Africa). Accept AWS routes tagged 7224:8100 and 7224:8200.
   */
  public static readonly CONTINENT = new BgpCommunityScope('CONTINENT', '7224:9200',
    'your prefixes reach all AWS Regions on the continent', [AwsRouteOrigin.SAME_REGION, AwsRouteOrigin.SAME_CONTINENT]);
  /** `7224:9300`: propagate your prefixes to all public AWS Regions. Accept all AWS routes. */
  public static readonly GLOBAL = new BgpCommunityScope('GLOBAL', '7224:9300',
    'your prefixes reach all public AWS Regions (also what AWS does with untagged prefixes)', AwsRouteOrigin.all());

  /** Every scope, narrowest first. */
  public static all(): BgpCommunityScope[] {
    return [BgpCommunityScope.REGION, BgpCommunityScope.CONTINENT, BgpCommunityScope.GLOBAL];
  }

  /**
   * The scope with this name (`REGION`, `CONTINENT` or `GLOBAL`, case-insensitive).
   * Throws with the allowed names for anything else.
   */
  public static fromName(name: string): BgpCommunityScope {
    const found = BgpCommunityScope.all().find((s) => s.name === name.toUpperCase());
    if (!found) {
      fail('communityScope', `must be one of ${BgpCommunityScope.all().map((s) => s.name).join(', ')}, got '${name}'`);
    }
    return found;
  }

  /**
   * @param name `REGION`, `CONTINENT` or `GLOBAL`
   * @param community the community you set on advertised prefixes, e.g. `7224:9100`
   * @param description plain-language meaning
   * @param acceptedOrigins which AWS routes a router should accept inbound to keep the same scope
   */
  private constructor(
    public readonly name: string,
    public readonly community: string,
    public readonly description: string,
    public readonly acceptedOrigins: AwsRouteOrigin[],
  ) {}

  /** The AWS communities a router should accept inbound for this scope (untagged routes only for GLOBAL). */
  public get acceptedAwsCommunities(): string[] {
    return this.acceptedOrigins.filter((o) => o.community !== undefined).map((o) => o.community as string);
  }

  /** True when routes without any AWS community (other continents) are accepted. */
  public get acceptsUntaggedRoutes(): boolean {
    return this.acceptedOrigins.includes(AwsRouteOrigin.OTHER_CONTINENTS);
  }
}
