import { AMAZON_SIDE_ASN, AwsRouteOrigin, BgpCommunityScope } from '../../lib';
import { DX_FACTS } from '../../lib/facts/direct-connect-limits';

describe('BgpCommunityScope', () => {
  test('scopes carry the AWS communities, narrowest first', () => {
    expect(BgpCommunityScope.all().map((s) => [s.name, s.community])).toEqual([
      ['REGION', '7224:9100'], ['CONTINENT', '7224:9200'], ['GLOBAL', '7224:9300'],
    ]);
  });

  test('each scope accepts the AWS routes of the same reach', () => {
    expect(BgpCommunityScope.REGION.acceptedAwsCommunities).toEqual(['7224:8100']);
    expect(BgpCommunityScope.CONTINENT.acceptedAwsCommunities).toEqual(['7224:8100', '7224:8200']);
    expect(BgpCommunityScope.GLOBAL.acceptedAwsCommunities).toEqual(['7224:8100', '7224:8200']);
    expect(BgpCommunityScope.all().map((s) => s.acceptsUntaggedRoutes)).toEqual([false, false, true]);
  });

  test('fromName is case-insensitive and returns the same instance', () => {
    expect(BgpCommunityScope.fromName('continent')).toBe(BgpCommunityScope.CONTINENT);
  });

  test('fromName refuses other names with the allowed list', () => {
    expect(() => BgpCommunityScope.fromName('LOCAL')).toThrow(/^communityScope must be one of REGION, CONTINENT, GLOBAL, got 'LOCAL'$/);
  });

  test('route origins: untagged routes come from other continents', () => {
    expect(AwsRouteOrigin.all().map((o) => o.community)).toEqual(['7224:8100', '7224:8200', undefined]);
  });

  test('the Amazon side ASN is the one the facts table reserves', () => {
    expect(DX_FACTS.reservedAsns.values).toContain(AMAZON_SIDE_ASN);
  });
});

describe('DX_FACTS table', () => {
  test('every entry names a source and a read date', () => {
    for (const [name, fact] of Object.entries(DX_FACTS)) {
      expect([name, typeof fact.source, /^\d{4}-\d{2}-\d{2}$/.test(fact.read)]).toEqual([name, 'string', true]);
      expect(fact.source).toMatch(/https:\/\/|botocore/);
    }
  });

  test('the connection id pattern accepts ids and ARNs of connections and LAGs only', () => {
    const re = DX_FACTS.connectionIdPattern.value;
    expect(['dxcon-fgabc123', 'dxlag-ffabc123', 'arn:aws-us-gov:directconnect:us-gov-west-1:111122223333:dxlag/dxlag-ffabc123'].every((v) => re.test(v))).toBe(true);
    expect(['dxvif-fgabc123', 'dxcon-abc', 'arn:aws:directconnect:eu-west-1:111122223333:dxlag/dxcon-ffabc123'].some((v) => re.test(v))).toBe(false);
  });
});
