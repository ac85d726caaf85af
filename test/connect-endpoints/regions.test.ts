/**
 * ConnectEndpointCatalog.forRegions and the Connect Region set (issue 22): the endpoints and IP requirements of every
 * Region, deduplicated, each naming its Regions; Global Resiliency adds the documented partner; the replica alias.
 */
import { AllowListMode, ConnectEndpointCatalog, ConnectFeature } from '../../lib';
import { resolveConnectRegions } from '../../lib/connect-endpoints/connect-regions';

const ID = '12345678-aaaa-bbbb-cccc-123456789012';
const gr = (sourceRegion: string) => ConnectFeature.globalResiliency({ sourceRegion, instanceId: ID });

describe('forRegions', () => {
  test('two Regions: every endpoint once, naming the Regions that need it', () => {
    const c = ConnectEndpointCatalog.forRegions(['us-east-1', 'us-west-2'], { instanceAlias: 'cc' });
    expect(c.regions).toEqual(['us-east-1', 'us-west-2']);
    const keys = c.endpoints.map((e) => `${e.host}|${e.path ?? ''}|${e.port}|${e.protocol}`);
    expect(new Set(keys).size).toBe(keys.length);
    const of = (host: string) => c.endpoints.find((e) => e.host === host)?.regions;
    expect(of('*.cloudfront.net')).toEqual(['us-east-1', 'us-west-2']);
    expect(of('*.telemetry.connect.us-west-2.amazonaws.com')).toEqual(['us-west-2']);
    expect(of('TurnNlb-*.elb.us-east-1.amazonaws.com')).toEqual(['us-east-1']);
    // the single-Region catalogs' union, nothing more
    const union = new Set([...ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'cc' }).firewallDomains(),
      ...ConnectEndpointCatalog.forRegion('us-west-2', { instanceAlias: 'cc' }).firewallDomains()]);
    expect(c.firewallDomains()).toEqual([...union].sort());
    expect(c.firewallDomainRegions()[c.firewallDomains().indexOf('.transport.connect.us-east-1.amazonaws.com')]).toEqual(['us-east-1']);
  });

  test('IP requirements select the union: AMAZON_CONNECT of GLOBAL and both Regions, S3 once per Region', () => {
    const c = ConnectEndpointCatalog.forRegions(['eu-central-1', 'eu-west-2'], { instanceAlias: 'cc' });
    expect(c.ipRuleRequirements().map((q) => [q.service, q.regions])).toEqual([['AMAZON_CONNECT', ['GLOBAL', 'eu-central-1', 'eu-west-2']]]);
    const s3 = c.ipRuleRequirements(AllowListMode.IP_RANGES).find((q) => q.service === 'S3');
    expect(s3?.regions).toEqual(['us-east-1', 'us-west-2', 'eu-central-1', 'eu-west-2']);
  });

  test('exports name the Regions: CSV column, Suricata msg, PAC comment, JSON regions', () => {
    const c = ConnectEndpointCatalog.forRegions(['eu-west-2'], { instanceAlias: 'cc', replicaAlias: 'cc-de', features: [gr('eu-west-2')] });
    expect(c.regions).toEqual(['eu-west-2', 'eu-central-1']);
    expect(c.toCsv()).toContain('"cc-de.my.connect.aws/ccp-v2","443","TCP","OUTBOUND","CCP v2 page of the instance","https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html","eu-central-1"');
    expect(c.toCsv()).toMatch(/"\*\.cloudfront\.net",.*"eu-west-2 eu-central-1"/);
    const rules = c.toSuricataRules({ homeNet: ['10.0.0.0/16'] });
    expect(rules).toContain('# Amazon Connect allow list for eu-west-2, eu-central-1,');
    expect(rules).toContain('msg:"Amazon Connect TLS .transport.connect.eu-central-1.amazonaws.com (eu-central-1)"');
    expect(rules).toContain('msg:"Amazon Connect AMAZON_CONNECT UDP 3478 (GLOBAL eu-west-2 eu-central-1)"');
    expect(c.toPac()).toMatch(/host == "cc-de\.my\.connect\.aws" \/\* eu-central-1 \*\//);
    expect(JSON.parse(c.toJson()).regions).toEqual(['eu-west-2', 'eu-central-1']);
    // one Region: the texts are as before (no Region comments in Suricata or PAC)
    const one = ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'cc' });
    expect(one.toPac()).not.toContain('/*');
    expect(one.toSuricataRules({ homeNet: ['10.0.0.0/16'] })).toContain('msg:"Amazon Connect AMAZON_CONNECT UDP 3478";');
  });

  test('replicaAlias: the replica Region\'s instance hosts; without it none, with the warning; refused without the feature', () => {
    const withAlias = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'cc', replicaAlias: 'cc-west', features: [gr('us-east-1')] });
    expect(withAlias.endpoints.filter((e) => e.host === 'cc-west.my.connect.aws').map((e) => e.regions)).toEqual([['us-west-2'], ['us-west-2'], ['us-west-2']]);
    expect(withAlias.warnings().map((w) => w.id)).toEqual(['broadWildcards']); // .cloudfront.net and S3, as every default list
    const without = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'cc', features: [gr('us-east-1')] });
    expect(without.endpoints.some((e) => e.regions.includes('us-west-2') && e.host.endsWith('.my.connect.aws'))).toBe(false);
    expect(without.warnings().map((w) => w.id).filter((id) => id !== 'broadWildcards')).toEqual(['replicaAliasMissing']);
    // no alias at all: the wildcard allows every instance, the replica's too (wildcardInstance says so)
    expect(ConnectEndpointCatalog.forRegion('us-east-1', { features: [gr('us-east-1')] }).warnings().map((w) => w.id)).toEqual(['broadWildcards', 'wildcardInstance']);
    expect(() => ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'cc', replicaAlias: 'cc-west' })).toThrow(/^replicaAlias is only used with Global Resiliency/);
  });

  test('refusals name the set: empty, duplicate, not an Amazon Connect Region, outside the pair', () => {
    expect(() => ConnectEndpointCatalog.forRegions([])).toThrow(/^regions must name at least one Amazon Connect Region/);
    expect(() => ConnectEndpointCatalog.forRegions(['us-east-1', 'us-east-1'])).toThrow(/^regions must list each Region once/);
    expect(() => ConnectEndpointCatalog.forRegions(['us-east-1', 'eu-west-1'])).toThrow(/^regions must be a Region where Amazon Connect runs: .*got 'eu-west-1'/);
    expect(() => ConnectEndpointCatalog.forRegions(['eu-central-1', 'us-west-2'], { features: [gr('eu-central-1')] }))
      .toThrow(/^regions names 'us-west-2', which is not in the Global Resiliency pair of source Region eu-central-1: its documented replica Region is eu-west-2/);
  });
});

describe('resolveConnectRegions', () => {
  const names = { set: 'connectRegions', fallback: 'env.region' };
  test.each([
    [undefined, 'us-east-1', 'us-east-1', ['us-east-1', 'us-west-2']],
    [undefined, 'eu-west-1', 'eu-central-1', ['eu-central-1', 'eu-west-2']], // the stack in the location's Region
    [['eu-west-2'], 'eu-west-1', 'eu-central-1', ['eu-west-2', 'eu-central-1']],
    [undefined, 'ap-northeast-3', 'ap-northeast-1', ['ap-northeast-1', 'ap-northeast-3']],
    [['ap-northeast-3'], 'ap-northeast-3', 'ap-northeast-1', ['ap-northeast-3', 'ap-northeast-1']],
  ])('given %j, fallback %s, source %s: %j', (given, fallback, source, expected) => {
    expect(resolveConnectRegions(given, fallback, [gr(source)], names)).toEqual(expected);
  });
  test('without Global Resiliency: the given set, else the fallback (checked under its own name)', () => {
    expect(resolveConnectRegions(undefined, 'eu-west-2', [], names)).toEqual(['eu-west-2']);
    expect(resolveConnectRegions(['us-east-1', 'us-west-2'], 'eu-west-1', [], names)).toEqual(['us-east-1', 'us-west-2']);
    expect(() => resolveConnectRegions(undefined, 'eu-west-1', [], names)).toThrow(/^env.region must be a Region where Amazon Connect runs/);
    expect(() => resolveConnectRegions(['ap-northeast-1', 'ap-northeast-3'], 'x', [], names)).toThrow(/^connectRegions must be a Region where Amazon Connect runs.*got 'ap-northeast-3'/);
  });
});
