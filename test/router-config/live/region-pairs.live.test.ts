/**
 * The Region pair with real routing software: FRR (the customer router, generated configuration) against BIRD
 * playing AWS at a Direct Connect location. BIRD advertises one route per AWS Region and tags it relative to the
 * Region the LOCATION is associated with, as AWS does (7224:8100 from that Region, 7224:8200 from another Region of
 * its continent group, untagged from elsewhere). The tagging below is written out independently of the library
 * (its own small Region -> continent table), so a mistake in the library's derivation cannot hide itself.
 *
 * For each pair class the test shows that the configuration generated from the pair (location + Connect Region)
 * installs the Connect Region's routes in the kernel, and that the customer prefixes reach BIRD with the derived
 * community. One more lab shows the failure the issue reports: EqLD5 for an eu-west-2 instance with REGION scope
 * and no pair drops eu-west-2's routes.
 *
 * Same machinery as frr-bird.live.test.ts (network namespaces it creates and removes; frr and bird2 installed by
 * `.ci/run`); skips, visibly, where network namespaces cannot be created or a tool is missing (never under CI=true).
 */
import { BgpCommunityScope } from '../../../lib/facts/bgp-community';
import { MD5_PLACEHOLDER_PATTERN } from '../../../lib/router-config/plan';
import { RouterConfiguration, RouterConfigurationProps, RouterVendor } from '../../../lib/router-config/router-configuration';
import { AwsRoute, PeeringLab, routingSkipReason, waitFor } from './harness';
import { networkNamespaces, skipSuite } from '../../helpers/tools';

const SKIP_REASON = routingSkipReason();
const CUSTOMER = '198.51.100.1/31';
const AMAZON = '198.51.100.0/31';
const AMAZON_IP = '198.51.100.0';
const KEY = 'lab-Md5-key-pairs';
const NO_EXPORT = '65535:65281';
const ROUTE_FILTER = ['203.0.113.0/24'];

/** One stand-in prefix per AWS Region BIRD advertises. */
const REGION_PREFIX: Record<string, string> = {
  'eu-west-1': '192.0.2.0/27',
  'eu-west-2': '192.0.2.32/27',
  'us-east-1': '192.0.2.64/27',
  'us-west-2': '192.0.2.96/27',
  'sa-east-1': '192.0.2.128/27',
  'ap-southeast-2': '192.0.2.160/27',
};
/** The continent groups AWS names, for the Regions above; sa-east-1 is in none. */
const CONTINENT: Record<string, string | undefined> = {
  'eu-west-1': 'EMEA', 'eu-west-2': 'EMEA', 'us-east-1': 'NA', 'us-west-2': 'NA', 'sa-east-1': undefined, 'ap-southeast-2': 'AP',
};

/** What AWS advertises at a location associated with `locationRegion`: every Region's route, tagged relative to it. */
function awsRoutesAt(locationRegion: string): AwsRoute[] {
  return Object.entries(REGION_PREFIX).map(([region, prefix]) => {
    const sameContinent = CONTINENT[region] !== undefined && CONTINENT[region] === CONTINENT[locationRegion];
    const tag = region === locationRegion ? ['7224:8100'] : sameContinent ? ['7224:8200'] : [];
    return { prefix, communities: [...tag, NO_EXPORT] };
  });
}

interface PairCase {
  readonly label: string;
  readonly pairClass: string;
  readonly location: string;
  readonly locationRegion: string;
  readonly connectRegions: string[];
  /** Outbound community the customer prefixes must carry at BIRD. */
  readonly community: string;
  /** The render props besides the peering (the pair, or the old scope-only way). */
  readonly render: Partial<RouterConfigurationProps>;
}

const PAIRS: PairCase[] = [
  { label: 'pr', pairClass: 'same Region', location: 'THNO2', locationRegion: 'eu-west-2', connectRegions: ['eu-west-2'], community: '7224:9100', render: {} },
  { label: 'pc', pairClass: 'same continent', location: 'EqLD5', locationRegion: 'eu-west-1', connectRegions: ['eu-west-2'], community: '7224:9200', render: {} },
  { label: 'po', pairClass: 'other continent', location: 'EqDC2', locationRegion: 'us-east-1', connectRegions: ['eu-west-2'], community: '7224:9300', render: {} },
  { label: 'pu', pairClass: 'unknown continent', location: 'CIBNA', locationRegion: 'sa-east-1', connectRegions: ['us-east-1'], community: '7224:9300', render: {} },
  { label: 'p2', pairClass: 'two Connect Regions', location: 'EqDC2', locationRegion: 'us-east-1', connectRegions: ['us-east-1', 'us-west-2'], community: '7224:9200', render: {} },
];

function generated(c: PairCase): string {
  return RouterConfiguration.render(RouterVendor.FRR, {
    vlan: 101, asn: 65000, customerAddress: CUSTOMER, amazonAddress: AMAZON, routeFilterPrefixes: ROUTE_FILTER,
    authKeySecretName: 'dx/bgp-md5-lab', location: c.location, connectRegions: c.connectRegions, ...c.render,
  });
}

/** The engineer's steps on this lab: key in place of the placeholder, the veth for the VLAN sub-interface, anchor routes. */
function labConfig(text: string, veth: string): string {
  return text.replace(MD5_PLACEHOLDER_PATTERN, KEY).replace('interface eth0.101\n', `interface ${veth}\n`).replace(/^end\n$/m, '')
    + ROUTE_FILTER.map((p) => `ip route ${p} blackhole\n`).join('');
}

if (SKIP_REASON !== undefined) {
  skipSuite(networkNamespaces('frr and bird2'), 'router-config Region pairs with real FRR and BIRD', SKIP_REASON);
} else {
  describe('router-config Region pairs with real FRR and BIRD', () => {
    const labs = new Map<string, PeeringLab>();
    let before: PeeringLab;

    beforeAll(async () => {
      const start: Array<Promise<void>> = [];
      for (const c of PAIRS) {
        const lab = new PeeringLab({
          label: c.label, customerCidr: CUSTOMER, amazonCidr: AMAZON, customerAsn: 65000, awsKey: KEY, awsRoutes: awsRoutesAt(c.locationRegion),
          frrConfig: (veth) => labConfig(generated(c), veth),
        });
        labs.set(c.label, lab);
        start.push(lab.start());
      }
      // The issue's failure: EqLD5 (eu-west-1) for an eu-west-2 instance, REGION scope, no pair given.
      before = new PeeringLab({
        label: 'pb', customerCidr: CUSTOMER, amazonCidr: AMAZON, customerAsn: 65000, awsKey: KEY, awsRoutes: awsRoutesAt('eu-west-1'),
        frrConfig: (veth) => labConfig(RouterConfiguration.render(RouterVendor.FRR, {
          vlan: 101, asn: 65000, customerAddress: CUSTOMER, amazonAddress: AMAZON, routeFilterPrefixes: ROUTE_FILTER,
          authKeySecretName: 'dx/bgp-md5-lab', communityScope: BgpCommunityScope.REGION,
        }), veth),
      });
      start.push(before.start());
      await Promise.all(start);
    }, 600_000);

    afterAll(async () => {
      for (const lab of [...labs.values(), before]) await lab?.stop();
    }, 30_000);

    describe.each(PAIRS.map((c) => [`${c.pairClass}: ${c.location} (${c.locationRegion}) -> ${c.connectRegions.join(' + ')}`, c] as const))('%s', (_name, c) => {
      test(`installs the Connect Region's routes; the customer prefixes reach BIRD tagged ${c.community}`, async () => {
        const lab = labs.get(c.label)!;
        const connectPrefixes = c.connectRegions.map((r) => REGION_PREFIX[r]);
        // WHEN the session is up and the routes have been exchanged
        await waitFor(async () => (await lab.bgpState(AMAZON_IP)).state === 'Established', 30_000, `${c.label}: Established`);
        await waitFor(async () => {
          const hops = await Promise.all(connectPrefixes.map((p) => lab.kernelNextHops(p)));
          return hops.every((h) => h.length > 0) && (await lab.awsReceived()).length > 0;
        }, 30_000, `${c.label}: Connect routes installed and customer routes at BIRD`);
        await new Promise((r) => setTimeout(r, 500));
        const accepted = await lab.customerAccepted(AMAZON_IP);
        const received = await lab.awsReceived();
        console.log(`[${c.pairClass}] ${c.location} (${c.locationRegion}) -> ${c.connectRegions.join(',')}: FRR accepted `
          + `${JSON.stringify(accepted.map((r) => `${r.prefix} ${r.communities.filter((x) => x !== NO_EXPORT).join(' ') || 'untagged'}`))}; `
          + `BIRD received ${JSON.stringify(received)}`);
        // THEN every Connect Region's route is in the customer's kernel, via the AWS peer
        for (const p of connectPrefixes) expect(await lab.kernelNextHops(p)).toEqual([AMAZON_IP]);
        // AND the customer prefixes carry exactly the derived community at the AWS side
        expect(received).toEqual(ROUTE_FILTER.map((prefix) => ({ prefix, communities: [c.community] })));
        // AND nothing beyond the pair's acceptance was taken: routes of farther origins than the farthest Connect Region are dropped
        const originOf = (r: AwsRoute) => (r.communities.length === 1 ? 2 : r.communities[0] === '7224:8100' ? 0 : 1);
        const routes = awsRoutesAt(c.locationRegion);
        const farthest = Math.max(...connectPrefixes.map((p) => originOf(routes.find((r) => r.prefix === p)!)));
        const expected = routes.filter((r) => originOf(r) <= farthest).map((r) => r.prefix).sort();
        expect(accepted.map((r) => r.prefix).sort()).toEqual(expected);
      });
    });

    test('the issue\'s failure, for contrast: EqLD5 -> eu-west-2 with REGION and no pair drops eu-west-2\'s routes', async () => {
      await waitFor(async () => (await before.customerAccepted(AMAZON_IP)).length > 0, 30_000, 'before: routes at FRR');
      await new Promise((r) => setTimeout(r, 500));
      const accepted = (await before.customerAccepted(AMAZON_IP)).map((r) => r.prefix);
      console.log(`[before] EqLD5 -> eu-west-2, REGION, no pair: FRR accepted ${JSON.stringify(accepted)}`);
      expect(accepted).toEqual([REGION_PREFIX['eu-west-1']]);
      expect(await before.kernelNextHops(REGION_PREFIX['eu-west-2'])).toEqual([]);
      expect(await before.awsReceived()).toEqual([{ prefix: '203.0.113.0/24', communities: ['7224:9100'] }]);
    });
  });
}
