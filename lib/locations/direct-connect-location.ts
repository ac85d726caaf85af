/**
 * Direct Connect locations from the generated snapshot table (`./location-data.generated.ts`): the Region each is associated
 * with, its port speeds and its MACsec-capable speeds. Pure: no aws-cdk-lib, so the CLI and other modules can use it.
 */
import { DX_FACTS } from '../facts/direct-connect-limits';
import { fail, show } from '../private/fail';
import { LOCATION_ROWS, LOCATION_SNAPSHOT, LocationRow } from './location-data.generated';
import { partitionOfRegion } from '../facts/partitions';
import { checkRegion } from './private/regions';
import { RegionPairScope } from './region-pair-scope';

const BY_CODE = new Map<string, LocationRow>(LOCATION_ROWS.map((r) => [r[0].toUpperCase(), r]));

/**
 * A Direct Connect location and the AWS Region it is associated with (the Region whose `DescribeLocations` lists
 * it). That Region, not the Region of your Amazon Connect instance, is what the BGP communities 7224:9100/8100
 * ("Region") and 7224:9200/8200 ("continent") are relative to.
 *
 * Codes match case-insensitively (`eqld5`, `EQLD5`); `code` is AWS's spelling (`EqLD5`), which the constructs write
 * into the template, the `locations` table prints and the docs use (see `awsSpelling`).
 *
 * ```ts
 * const ld5 = DirectConnectLocation.of('EqLD5');
 * ld5.code;       // 'EqLD5' (AWS's spelling)
 * ld5.region;     // 'eu-west-1' (not eu-west-2, although the site is near London)
 * ld5.portSpeeds; // ['1Gbps', '10Gbps', '100Gbps']
 * ld5.scopeFor(['eu-west-2']).scope.community; // '7224:9200'
 * // a location the snapshot lacks (GovCloud, a new site): give its Region
 * const gov = DirectConnectLocation.withRegion('NewSite1', 'us-gov-west-1');
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_DescribeLocations.html
 */
export class DirectConnectLocation {
  /** Date of the location snapshot (YYYY-MM-DD). */
  public static readonly SNAPSHOT_DATE: string = LOCATION_SNAPSHOT.snapshotDate;
  /** Where the location snapshot comes from. */
  public static readonly SNAPSHOT_SOURCE: string = `${LOCATION_SNAPSHOT.source} at commit ${LOCATION_SNAPSHOT.sourceCommit}`;

  /**
   * The location with this code from the snapshot (case-insensitive). Throws, naming the code, when the snapshot
   * lacks it: describe such a location with `withRegion`.
   */
  public static of(code: string): DirectConnectLocation {
    const found = DirectConnectLocation.tryOf(code);
    if (!found) {
      fail('location', `${show(code)} is not in the Direct Connect location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE} `
        + `(${LOCATION_ROWS.length} locations; \`cdk-connect-dx locations\` lists them); if it is a real location (GovCloud, a new site), `
        + 'give the Region it is associated with (locationRegion)');
    }
    return found;
  }

  /** The location with this code from the snapshot (case-insensitive), or undefined when the snapshot lacks it. */
  public static tryOf(code: string): DirectConnectLocation | undefined {
    checkCode(code);
    const row = BY_CODE.get(code.toUpperCase());
    return row ? new DirectConnectLocation(awsSpelling(row[0]), row[3], true, row) : undefined;
  }

  /**
   * A location with its associated Region given explicitly. For a code the snapshot knows, the Region must be the
   * snapshot's (an error names both otherwise) and the result is the snapshot's location. For a code it lacks
   * (GovCloud, a new site) the result has the Region and no port facts (`inSnapshot` false).
   */
  public static withRegion(code: string, region: string): DirectConnectLocation {
    checkRegion('locationRegion', region);
    const known = DirectConnectLocation.tryOf(code);
    if (known) {
      if (known.region !== region.toLowerCase()) {
        fail('locationRegion', `must be the Region location ${show(code)} is associated with, ${show(known.region)} `
          + `(Direct Connect location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}), got ${show(region)}`);
      }
      return known;
    }
    return new DirectConnectLocation(code, region.toLowerCase(), false);
  }

  /** Every location of the snapshot, by Region then code. */
  public static all(): DirectConnectLocation[] {
    return LOCATION_ROWS.map((r) => new DirectConnectLocation(awsSpelling(r[0]), r[3], true, r));
  }

  /** The snapshot's locations associated with a Region (empty for a Region with none). */
  public static inRegion(region: string): DirectConnectLocation[] {
    checkRegion('region', region);
    return DirectConnectLocation.all().filter((l) => l.region === region.toLowerCase());
  }

  /** The site, e.g. `Equinix LD5 - London, Slough, GB`. @default - unknown (not in the snapshot) */
  public readonly name?: string;
  /** Partition: `aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`. */
  public readonly partition: string;
  /** ISO country code of the site. @default - unknown (not in the snapshot) */
  public readonly country?: string;
  /**
   * Dedicated port speeds offered, spelled as the connection's `bandwidth` (`1Gbps`, `10Gbps`, ...).
   * @default - unknown (not in the snapshot)
   */
  public readonly portSpeeds?: string[];
  /**
   * Port speeds at which MACsec is offered (empty: none), spelled as `bandwidth`.
   * @default - unknown (not in the snapshot)
   */
  public readonly macsecPortSpeeds?: string[];

  /**
   * @param code AWS's spelling for a known location, else the code as given
   * @param region the associated Region
   * @param inSnapshot true when the snapshot has the location
   */
  private constructor(
    public readonly code: string,
    public readonly region: string,
    public readonly inSnapshot: boolean,
    row?: LocationRow,
  ) {
    this.partition = row?.[2] ?? partitionOfRegion(region);
    this.name = row?.[1];
    this.country = row?.[4];
    this.portSpeeds = row?.[5].map(toBandwidth);
    this.macsecPortSpeeds = row?.[6].map(toBandwidth);
  }

  /** The code as AWS writes it (the same as `code`), or as given when the snapshot lacks it. */
  public get snapshotCode(): string {
    return this.code;
  }

  /** The scope and the inbound acceptance for Amazon Connect instances in these Regions reached through this location. */
  public scopeFor(connectRegions: string[]): RegionPairScope {
    return RegionPairScope.derive(this.region, connectRegions);
  }

  /** e.g. `EqLD5 (Equinix LD5 - London, Slough, GB; associated with eu-west-1)`. */
  public describe(): string {
    return `${this.code} (${this.name ? `${this.name}; ` : 'not in the location snapshot; '}associated with ${this.region})`;
  }
}

/** `10G` (DescribeLocations) -> `10Gbps` (CreateConnection). */
function toBandwidth(speed: string): string {
  return speed.replace(/G$/, 'Gbps');
}

/**
 * AWS's spelling of a location code from the table. The table's source upper-cases every code, but DescribeLocations
 * writes Equinix sites with a mixed-case prefix (`EqLD5`, `EqDC2`: test/fixtures/README.md, the provenance of
 * dx-locations.json), and `Location` is a replacement property of a connection and a LAG: a template that wrote
 * `EQDC2` where a deployed stack has `EqDC2` would order a new port. Other providers' codes are upper case.
 */
function awsSpelling(tableCode: string): string {
  return /^EQ[A-Z]/.test(tableCode) ? `Eq${tableCode.slice(2)}` : tableCode;
}

function checkCode(code: string): void {
  if (typeof code !== 'string' || !DX_FACTS.locationPattern.value.test(code)) {
    fail('location', `must be a Direct Connect location code (${DX_FACTS.locationPattern.text}), got ${show(code)}`);
  }
}
