/**
 * The continent groups AWS's 7224:9200 / 7224:8200 communities are relative to. Which Region is in which group,
 * why, and the sources: the table in `./private/continent-table.ts`.
 */
import { CONTINENT_GROUP_READ, REGION_GROUPS } from './private/continent-table';

/**
 * A continent group AWS's 7224:9200 / 7224:8200 communities are relative to: North America; Asia Pacific;
 * Europe, the Middle East and Africa; or `OTHER` for a Region AWS's documents place in none of them (sa-east-1,
 * the GovCloud, China and European Sovereign Cloud partitions) or that the table does not know. An `OTHER` Region
 * shares a continent with no other Region, so a pair involving it derives GLOBAL, which always works.
 *
 * ```ts
 * ContinentGroup.ofRegion('eu-west-2').name; // 'EUROPE_MIDDLE_EAST_AFRICA'
 * ContinentGroup.ofRegion('sa-east-1').name; // 'OTHER'
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html
 */
export class ContinentGroup {
  /** North America. */
  public static readonly NORTH_AMERICA = new ContinentGroup('NORTH_AMERICA', 'North America');
  /** Asia Pacific. */
  public static readonly ASIA_PACIFIC = new ContinentGroup('ASIA_PACIFIC', 'Asia Pacific');
  /** Europe, the Middle East and Africa. */
  public static readonly EUROPE_MIDDLE_EAST_AFRICA = new ContinentGroup('EUROPE_MIDDLE_EAST_AFRICA', 'Europe, the Middle East and Africa');
  /** No documented group (or a Region the table does not know): shares a continent with no other Region. */
  public static readonly OTHER = new ContinentGroup('OTHER', 'no documented continent group');

  /** Every group, `OTHER` last. */
  public static all(): ContinentGroup[] {
    return [ContinentGroup.NORTH_AMERICA, ContinentGroup.ASIA_PACIFIC, ContinentGroup.EUROPE_MIDDLE_EAST_AFRICA, ContinentGroup.OTHER];
  }

  /** The group of a Region (case-insensitive); `OTHER` when the documents do not place it or the table lacks it. */
  public static ofRegion(region: string): ContinentGroup {
    const row = REGION_GROUPS[region.toLowerCase()];
    return ContinentGroup.all().find((g) => g.name === row?.[0]) ?? ContinentGroup.OTHER;
  }

  /** Why a Region is in its group, as the table says (quoted in messages). */
  public static reasonFor(region: string): string {
    return REGION_GROUPS[region.toLowerCase()]?.[1]
      ?? `not in the continent table (read ${CONTINENT_GROUP_READ}); assumed other continent`;
  }

  /** True when both Regions are in the same named group (never for `OTHER`). */
  public static sameContinent(regionA: string, regionB: string): boolean {
    const a = ContinentGroup.ofRegion(regionA);
    return a !== ContinentGroup.OTHER && a === ContinentGroup.ofRegion(regionB);
  }

  /**
   * @param name identifier, e.g. `NORTH_AMERICA`
   * @param label plain-language name
   */
  private constructor(public readonly name: string, public readonly label: string) {}
}
