import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AwsRouteOrigin, BgpCommunityScope, ContinentGroup, DirectConnectLocation, RegionPairScope, ScopeFit } from '../../lib';
import { LOCATION_ROWS, LOCATION_SNAPSHOT } from '../../lib/locations/location-data.generated';
import { REGION_GROUPS } from '../../lib/locations/private/continent-table';
import { tooNarrowText, widerText } from '../../lib/locations/private/messages';

const FIXTURE = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'dx-locations.json'), 'utf8'));

describe('the generated location table', () => {
  test('GIVEN the committed dx-locations.json WHEN compared with the table THEN every row matches', () => {
    const fromFixture = FIXTURE.locations.map((l: any) => [l.code, l.name, l.partition, l.region, l.country, l.portSpeeds, l.macsecPortSpeeds])
      .sort((a: any, b: any) => a[0].localeCompare(b[0]));
    const fromTable = [...LOCATION_ROWS].map((r) => [...r]).sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
    expect(fromTable).toEqual(fromFixture);
    expect(LOCATION_SNAPSHOT).toMatchObject({ sourceCommit: FIXTURE.sourceCommit, snapshotDate: FIXTURE.sourceDate, locations: 151 });
  });

  test('every Region of the snapshot has a row in the continent table', () => {
    const missing = [...new Set(LOCATION_ROWS.map((r) => r[3]))].filter((r) => !(r in REGION_GROUPS));
    expect(missing).toEqual([]);
  });
});

describe('DirectConnectLocation', () => {
  test('codes match in any case and are spelled as AWS spells them (Equinix: Eq prefix; others upper case)', () => {
    const ld5 = DirectConnectLocation.of('EQLD5');
    expect([ld5.code, ld5.snapshotCode, ld5.region, ld5.partition, ld5.inSnapshot]).toEqual(['EqLD5', 'EqLD5', 'eu-west-1', 'aws', true]);
    expect(DirectConnectLocation.of('thno2').code).toBe('THNO2');
    expect(DirectConnectLocation.of('eqdc2').code).toBe('EqDC2');
    expect(DirectConnectLocation.of('csva1').code).toBe('CSVA1');
    expect(DirectConnectLocation.of('eqld5').region).toBe('eu-west-1');
  });

  test('port speeds are spelled as a connection bandwidth', () => {
    expect(DirectConnectLocation.of('EqDC2').portSpeeds).toEqual(['1Gbps', '10Gbps', '100Gbps', '400Gbps']);
    expect(DirectConnectLocation.of('EqMA3').macsecPortSpeeds).toEqual([]);
    expect(DirectConnectLocation.of('TCSH').macsecPortSpeeds).toEqual(['10Gbps']);
  });

  test('the UK: only THNO2 and EqMA3 are eu-west-2', () => {
    expect(['EqLD5', 'TCSH', 'THNO2', 'EqMA3'].map((c) => DirectConnectLocation.of(c).region))
      .toEqual(['eu-west-1', 'eu-west-1', 'eu-west-2', 'eu-west-2']);
  });

  test('an unknown code is refused, naming it and locationRegion', () => {
    expect(() => DirectConnectLocation.of('NoSuch1')).toThrow(/^location 'NoSuch1' is not in the Direct Connect location snapshot of 2026-02-17 .*locationRegion/);
    expect(DirectConnectLocation.tryOf('NoSuch1')).toBeUndefined();
  });

  test('a malformed code is refused with the pattern', () => {
    expect(() => DirectConnectLocation.of('Eq LD5')).toThrow(/^location must be a Direct Connect location code \(letters, digits and -, e.g. EqDC2\), got 'Eq LD5'$/);
  });

  test('withRegion describes a location the snapshot lacks', () => {
    const gov = DirectConnectLocation.withRegion('GovSite1', 'us-gov-west-1');
    expect([gov.region, gov.partition, gov.inSnapshot, gov.portSpeeds, gov.name]).toEqual(['us-gov-west-1', 'aws-us-gov', false, undefined, undefined]);
  });

  test('withRegion agrees with the snapshot or names both Regions', () => {
    expect(DirectConnectLocation.withRegion('EqLD5', 'eu-west-1').inSnapshot).toBe(true);
    expect(() => DirectConnectLocation.withRegion('EqLD5', 'eu-west-2'))
      .toThrow(/^locationRegion must be the Region location 'EqLD5' is associated with, 'eu-west-1' .*got 'eu-west-2'$/);
    expect(() => DirectConnectLocation.withRegion('New1', 'London')).toThrow(/^locationRegion must be an AWS Region code such as 'eu-west-2', got 'London'$/);
  });

  test('inRegion lists the locations of a Region', () => {
    expect(DirectConnectLocation.inRegion('eu-west-2').map((l) => l.code)).toEqual(['EqMA3', 'THNO2']);
    expect(DirectConnectLocation.all()).toHaveLength(151);
  });
});

describe('ContinentGroup', () => {
  test('Regions are placed in the three groups AWS names', () => {
    expect(['us-east-1', 'ca-central-1', 'mx-central-1', 'ap-southeast-2', 'eu-west-2', 'me-south-1', 'il-central-1', 'af-south-1']
      .map((r) => ContinentGroup.ofRegion(r).name)).toEqual([
      'NORTH_AMERICA', 'NORTH_AMERICA', 'NORTH_AMERICA', 'ASIA_PACIFIC',
      'EUROPE_MIDDLE_EAST_AFRICA', 'EUROPE_MIDDLE_EAST_AFRICA', 'EUROPE_MIDDLE_EAST_AFRICA', 'EUROPE_MIDDLE_EAST_AFRICA',
    ]);
  });

  test('sa-east-1, GovCloud and unknown Regions are other continent, with the reason', () => {
    expect(['sa-east-1', 'us-gov-west-1', 'cn-north-1', 'xx-new-1'].map((r) => ContinentGroup.ofRegion(r))).toEqual(Array(4).fill(ContinentGroup.OTHER));
    expect(ContinentGroup.reasonFor('sa-east-1')).toMatch(/South America.*assumed other continent/);
    expect(ContinentGroup.reasonFor('xx-new-1')).toMatch(/not in the continent table/);
    expect(ContinentGroup.sameContinent('sa-east-1', 'sa-east-1')).toBe(false);
  });
});

describe('RegionPairScope: one case per pair class', () => {
  const summary = (p: RegionPairScope) => [p.scope.name, p.acceptedAwsCommunities, p.acceptsUntaggedRoutes];

  test('same Region: REGION, accept 7224:8100', () => {
    expect(summary(DirectConnectLocation.of('THNO2').scopeFor(['eu-west-2']))).toEqual(['REGION', ['7224:8100'], false]);
  });

  test('same continent: CONTINENT, accept 7224:8100 and 7224:8200 (EqLD5 -> eu-west-2)', () => {
    const pair = DirectConnectLocation.of('EqLD5').scopeFor(['eu-west-2']);
    expect(summary(pair)).toEqual(['CONTINENT', ['7224:8100', '7224:8200'], false]);
    expect(pair.originOf('eu-west-2')).toBe(AwsRouteOrigin.SAME_CONTINENT);
  });

  test('other continent: GLOBAL, accept all', () => {
    expect(summary(RegionPairScope.derive('us-east-1', ['eu-west-2']))).toEqual(['GLOBAL', ['7224:8100', '7224:8200'], true]);
  });

  test('unknown continent: sa-east-1 location to us-east-1 is GLOBAL, and sa-east-1 to itself is REGION', () => {
    expect(summary(RegionPairScope.derive('sa-east-1', ['us-east-1']))[0]).toBe('GLOBAL');
    expect(summary(RegionPairScope.derive('sa-east-1', ['sa-east-1']))[0]).toBe('REGION');
    expect(RegionPairScope.derive('sa-east-1', ['us-east-1']).describe()).toMatch(/other continent: sa-east-1 South America/);
  });

  test('two Connect Regions: the farther one decides', () => {
    expect(summary(RegionPairScope.derive('us-east-1', ['us-east-1', 'us-west-2']))[0]).toBe('CONTINENT');
    expect(summary(RegionPairScope.derive('us-east-1', ['us-east-1', 'eu-west-2']))[0]).toBe('GLOBAL');
    expect(RegionPairScope.derive('us-east-1', ['US-EAST-1', 'us-east-1']).connectRegions).toEqual(['us-east-1']);
  });

  test('fit: narrower, equal and wider scopes', () => {
    const pair = RegionPairScope.derive('eu-west-1', ['eu-west-2']);
    expect(BgpCommunityScope.all().map((s) => pair.fit(s))).toEqual([ScopeFit.TOO_NARROW, ScopeFit.EXACT, ScopeFit.WIDER]);
  });

  test('describe names both Regions, the relation, the scope and the acceptance', () => {
    expect(RegionPairScope.derive('eu-west-1', ['eu-west-2']).describe()).toBe(
      'location Region eu-west-1, Connect Region eu-west-2 (same continent, Europe, the Middle East and Africa): CONTINENT 7224:9200, accept 7224:8100 7224:8200');
  });

  test('refusals: malformed Regions, no Connect Region, across the China partition', () => {
    expect(() => RegionPairScope.derive('eu-west-1', [])).toThrow(/^connectRegions must name at least one Amazon Connect Region, got \[\]$/);
    expect(() => RegionPairScope.derive('eu-west-1', ['eu-west-2', 'nowhere'])).toThrow(/^connectRegions must be an AWS Region code such as 'eu-west-2', got 'nowhere'$/);
    expect(() => RegionPairScope.derive('EU_WEST_1', ['eu-west-2'])).toThrow(/^locationRegion must be an AWS Region code/);
    expect(() => RegionPairScope.derive('cn-north-1', ['us-east-1'])).toThrow(/^connectRegions cannot be reached from a location associated with 'cn-north-1': 'us-east-1'/);
  });

  test('messages name the location, both Regions and the scope that works', () => {
    const pair = RegionPairScope.derive('eu-west-1', ['eu-west-2']);
    expect(tooNarrowText(pair, BgpCommunityScope.REGION, 'EqLD5')).toBe(
      'REGION (7224:9100) does not reach Amazon Connect Region eu-west-2 from location EqLD5 (associated with eu-west-1): '
      + 'it propagates your prefixes only within eu-west-1; use CONTINENT (7224:9200) or wider');
    expect(widerText(pair, BgpCommunityScope.GLOBAL)).toMatch(/^GLOBAL \(7224:9300\) is wider than Amazon Connect Region eu-west-2 needs from location Region eu-west-1: CONTINENT \(7224:9200\) reaches it/);
  });
});

describe('the location module is pure', () => {
  test('no file under lib/locations (or what it imports from lib) pulls in aws-cdk-lib or constructs', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/from '([^']+)'/g)) {
        expect([file, m[1]]).not.toEqual([file, expect.stringMatching(/^(aws-cdk-lib|constructs)/)]);
        if (m[1].startsWith('.')) visit(path.resolve(path.dirname(file), `${m[1]}.ts`));
      }
    };
    for (const f of ['continent-groups.ts', 'direct-connect-location.ts', 'region-pair-scope.ts']) {
      visit(path.join(__dirname, '..', '..', 'lib', 'locations', f));
    }
    expect(seen.size).toBeGreaterThan(5);
  });
});
