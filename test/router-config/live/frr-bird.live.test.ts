/**
 * Proof with real routing software: the generated FRR configuration passes FRR's own syntax check, and,
 * loaded into FRR as the customer router, peers with BIRD playing the AWS side (AS 7224, MD5) in network
 * namespaces this test creates and removes. For each community scope it asserts what AWS receives (exactly
 * the route filter prefixes, with the scope community) and what the customer accepts (exactly the AWS
 * routes the scope allows).
 *
 * Needs the Debian packages `frr` and `bird2` (installed by `.ci/run`; the test installs nothing). This machine's kernel has no 802.1Q module, so the session runs on the untagged veth
 * link: the test renames the generated sub-interface to the veth; the VLAN lines are covered by the syntax
 * check and the unit tests. Skips, visibly, where network namespaces cannot be created or a tool is missing, and
 * never under CI=true.
 */
import { BgpCommunityScope } from '../../../lib/facts/bgp-community';
import { MD5_PLACEHOLDER_PATTERN } from '../../../lib/router-config/plan';
import { RouterConfiguration, RouterConfigurationProps, RouterVendor } from '../../../lib/router-config/router-configuration';
import {
  AwsRoute, LearnedRoute, PeeringLab, frrSyntaxCheck, missingTools, routingSkipReason, waitFor,
} from './harness';
import { networkNamespaces, skipSuite } from '../../helpers/tools';

const SKIP_REASON = routingSkipReason();
const LAB_TIMEOUT_MS = 60_000;

const CUSTOMER = '198.51.100.1/31';
const AMAZON = '198.51.100.0/31';
const AMAZON_IP = '198.51.100.0';
const KEY = 'lab-Md5-key-7224';
const SECRET_NAME = 'dx/bgp-md5-lab';
const NO_EXPORT = '65535:65281';

/** What BIRD advertises as AWS: one route per AWS origin, tagged as AWS tags them (all with NO_EXPORT). */
const AWS_ROUTES: AwsRoute[] = [
  { prefix: '192.0.2.0/25', communities: ['7224:8100', NO_EXPORT] }, // same Region
  { prefix: '192.0.2.128/25', communities: ['7224:8200', NO_EXPORT] }, // same continent
  { prefix: '198.51.100.128/25', communities: [NO_EXPORT] }, // other continents: untagged
];

/** The routes each scope must accept: the AWS routes whose origin the scope allows. */
const EXPECTED_ACCEPTED: Record<string, string[]> = {
  REGION: ['192.0.2.0/25'],
  CONTINENT: ['192.0.2.0/25', '192.0.2.128/25'],
  GLOBAL: ['192.0.2.0/25', '192.0.2.128/25', '198.51.100.128/25'],
};

const ROUTE_FILTER = ['203.0.113.0/25', '203.0.113.128/25'];
/** Inbound narrowing for one lab (standing in for the AMAZON_CONNECT, EC2 and CLOUDFRONT prefixes). */
const NARROWED_TO = ['192.0.2.0/24', '198.51.100.128/26'];
/** A route the customer router also has in BGP but that is not a route filter prefix: it must not leak to AWS. */
const NOT_IN_FILTER = '100.64.1.0/24';

function props(scope: BgpCommunityScope, extra: Partial<RouterConfigurationProps> = {}): RouterConfigurationProps {
  return {
    vlan: 101, asn: 65000, customerAddress: CUSTOMER, amazonAddress: AMAZON, routeFilterPrefixes: ROUTE_FILTER,
    communityScope: scope, authKeySecretName: SECRET_NAME, ...extra,
  };
}

/**
 * What a network engineer does with the generated configuration on this lab: put the key in place of the
 * placeholder, use the veth instead of the VLAN sub-interface (no 802.1Q here), anchor the prefixes (the
 * commented-out blackhole routes the configuration suggests), and (test only) add one more BGP route that
 * the outbound policy must hold back.
 */
function labConfig(generated: string, veth: string, key: string): string {
  expect(generated).toContain(` neighbor ${AMAZON_IP} password <BGP-MD5-KEY:secretsmanager:${SECRET_NAME}>\n`);
  expect(generated).not.toContain(key);
  expect(generated).toContain('interface eth0.101\n');
  return generated
    .replace(MD5_PLACEHOLDER_PATTERN, key)
    .replace('interface eth0.101\n', `interface ${veth}\n`)
    .replace(/^end\n$/m, '') + [
    ...ROUTE_FILTER.map((p) => `ip route ${p} blackhole`),
    `ip route ${NOT_IN_FILTER} blackhole`,
    'router bgp 65000',
    ' address-family ipv4 unicast',
    `  network ${NOT_IN_FILTER}`,
    ' exit-address-family',
    'exit',
    '',
  ].join('\n');
}

const prefixes = (routes: LearnedRoute[]): string[] => routes.map((r) => r.prefix);

if (SKIP_REASON !== undefined) {
  skipSuite(networkNamespaces('frr and bird2'), 'router-config with real FRR and BIRD', SKIP_REASON);
} else {
  describe('router-config with real FRR and BIRD', () => {
    const labs: PeeringLab[] = [];

    afterAll(async () => {
      for (const lab of labs) await lab.stop();
    }, 30_000);

    test('frr, bird2 and iproute2 tools are present', () => {
      // THEN
      expect(missingTools()).toEqual([]);
    });

    describe("FRR's own syntax check (vtysh --dryrun)", () => {
      const cases: Array<[string, Partial<RouterConfigurationProps>]> = [];
      for (const scope of BgpCommunityScope.all()) {
        cases.push([`${scope.name}`, { communityScope: scope }]);
        cases.push([`${scope.name} + BFD + IPv6 + inbound narrowing`, {
          communityScope: scope, bfd: true, ipv6: true, routeFilterPrefixes: [...ROUTE_FILTER, '2001:db8:100::/48'],
          inboundPrefixes: ['52.94.0.0/22', '3.80.0.0/12', '54.239.0.1/32', '2600:1f18::/33'],
        }]);
      }

      test.each(cases)('accepts the configuration for %s', (_name, extra) => {
        // GIVEN the generated configuration, with the IPv6 placeholders filled in as an engineer would
        const config = RouterConfiguration.render(RouterVendor.FRR, props(BgpCommunityScope.REGION, extra))
          .replace(/<AMAZON-IPV6-ADDRESS>/g, '2001:db8:ffff::1')
          .replace(/<CUSTOMER-IPV6-ADDRESS>/g, '2001:db8:ffff::2');
        // WHEN
        const result = frrSyntaxCheck(config);
        // THEN
        expect(result).toEqual({ ok: true, output: '' });
      });

      test('rejects a configuration with a mistake (the check can fail)', () => {
        // GIVEN a generated configuration with one command misspelt
        const config = RouterConfiguration.render(RouterVendor.FRR, props(BgpCommunityScope.REGION))
          .replace('route-map AWS-DX-IN-V4 in', 'route-map AWS-DX-IN-V4 inbound');
        // WHEN
        const result = frrSyntaxCheck(config);
        // THEN
        expect(result.ok).toBe(false);
        expect(result.output).toMatch(/Unknown command.*AWS-DX-IN-V4 inbound/);
      });
    });

    describe('BGP session: FRR (customer, generated configuration) <-> BIRD (AWS, AS 7224)', () => {
      const byScope = new Map<string, PeeringLab>();
      let wrongKeyLab: PeeringLab;
      let narrowedLab: PeeringLab;

      beforeAll(async () => {
        // GIVEN one lab per scope, plus one whose FRR has the wrong MD5 key; all started together
        const start: Array<Promise<void>> = [];
        BgpCommunityScope.all().forEach((scope, i) => {
          const lab = new PeeringLab({
            label: `s${i}`, customerCidr: CUSTOMER, amazonCidr: AMAZON, customerAsn: 65000, awsKey: KEY, awsRoutes: AWS_ROUTES,
            frrConfig: (veth) => labConfig(RouterConfiguration.render(RouterVendor.FRR, props(scope)), veth, KEY),
          });
          labs.push(lab);
          byScope.set(scope.name, lab);
          start.push(lab.start());
        });
        wrongKeyLab = new PeeringLab({
          label: 'wk', customerCidr: CUSTOMER, amazonCidr: AMAZON, customerAsn: 65000, awsKey: KEY, awsRoutes: AWS_ROUTES,
          frrConfig: (veth) => labConfig(RouterConfiguration.render(RouterVendor.FRR, props(BgpCommunityScope.REGION)), veth, 'not-the-key-7224'),
        });
        labs.push(wrongKeyLab);
        start.push(wrongKeyLab.start());
        narrowedLab = new PeeringLab({
          label: 'nw', customerCidr: CUSTOMER, amazonCidr: AMAZON, customerAsn: 65000, awsKey: KEY, awsRoutes: AWS_ROUTES,
          frrConfig: (veth) => labConfig(RouterConfiguration.render(RouterVendor.FRR, props(BgpCommunityScope.GLOBAL, {
            inboundPrefixes: NARROWED_TO,
          })), veth, KEY),
        });
        labs.push(narrowedLab);
        start.push(narrowedLab.start());
        await Promise.all(start);
      }, LAB_TIMEOUT_MS);

      describe.each(BgpCommunityScope.all().map((s) => [s.name, s] as const))('scope %s', (name, scope) => {
        test('the session is established with TCP MD5', async () => {
          const lab = byScope.get(name)!;
          // WHEN both sides have had time to connect
          await waitFor(async () => (await lab.bgpState(AMAZON_IP)).state === 'Established', 30_000, `${name}: FRR Established`);
          // THEN both sides report it, FRR says authentication is on, and the kernel holds an MD5 key on the socket
          expect(await lab.bgpState(AMAZON_IP)).toEqual({ state: 'Established', authenticationEnabled: true });
          expect(await lab.awsState()).toBe('Established');
          const sockets = await lab.tcpSessions();
          // Either side may have dialled (both try; BGP collision resolution keeps one): FRR's socket runs between
          // 198.51.100.1 and 198.51.100.0 with port 179 at one end.
          expect(sockets).toMatch(/198\.51\.100\.1:179\s+198\.51\.100\.0:\d+|198\.51\.100\.1:\d+\s+198\.51\.100\.0:179/);
          expect(sockets).toMatch(/md5keys:198\.51\.100\.0\/32/);
        });

        test(`AWS receives exactly the route filter prefixes, tagged ${scope.community}`, async () => {
          const lab = byScope.get(name)!;
          // WHEN the customer's advertisements have arrived
          await waitFor(async () => (await lab.awsReceived()).length >= ROUTE_FILTER.length, 30_000, `${name}: routes at BIRD`);
          await new Promise((r) => setTimeout(r, 500)); // anything else (a leak) would arrive in the same update run
          const received = await lab.awsReceived();
          console.log(`[${name}] AWS side (BIRD) received: ${JSON.stringify(received)}`);
          // THEN only the route filter prefixes, each with exactly the scope community; the other BGP route is held back
          expect(received).toEqual(ROUTE_FILTER.map((prefix) => ({ prefix, communities: [scope.community] })));
          expect(prefixes(received)).not.toContain(NOT_IN_FILTER);
        });

        test(`the customer accepts exactly the AWS routes ${name} allows`, async () => {
          const lab = byScope.get(name)!;
          const expected = EXPECTED_ACCEPTED[name];
          // WHEN BIRD's routes have been offered
          await waitFor(async () => (await lab.customerAccepted(AMAZON_IP)).length >= expected.length, 30_000, `${name}: routes at FRR`);
          await new Promise((r) => setTimeout(r, 500));
          const accepted = await lab.customerAccepted(AMAZON_IP);
          console.log(`[${name}] customer side (FRR) accepted: ${JSON.stringify(accepted)}`);
          // THEN exactly the allowed routes, with AWS's communities intact
          expect(prefixes(accepted)).toEqual(expected);
          for (const r of accepted) {
            expect(r.communities).toEqual(AWS_ROUTES.find((a) => a.prefix === r.prefix)!.communities.slice().sort());
          }
        });
      });

      test('GLOBAL narrowed to given prefixes accepts only routes inside them (more specifics included)', async () => {
        // GIVEN GLOBAL scope narrowed to 192.0.2.0/24 (covers both tagged /25s) and 198.51.100.128/26 (inside the untagged /25)
        // WHEN the routes have been offered
        await waitFor(async () => (await narrowedLab.customerAccepted(AMAZON_IP)).length >= 2, 30_000, 'narrowed: routes at FRR');
        await new Promise((r) => setTimeout(r, 500));
        const accepted = await narrowedLab.customerAccepted(AMAZON_IP);
        console.log(`[GLOBAL narrowed to ${NARROWED_TO.join(', ')}] customer side (FRR) accepted: ${JSON.stringify(prefixes(accepted))}`);
        // THEN the /25s inside the /24 pass; the untagged /25 is shorter than the /26 and is refused
        expect(prefixes(accepted)).toEqual(['192.0.2.0/25', '192.0.2.128/25']);
        await waitFor(async () => (await narrowedLab.awsReceived()).length >= 2, 30_000, 'narrowed: routes at BIRD');
        expect((await narrowedLab.awsReceived()).map((r) => r.communities)).toEqual([['7224:9300'], ['7224:9300']]);
      });

      test('with the wrong MD5 key the session does not come up', async () => {
        // GIVEN the lab whose FRR has a different key than the AWS side, started with the others
        // WHEN the correctly keyed sessions are up
        const region = byScope.get('REGION')!;
        await waitFor(async () => (await region.bgpState(AMAZON_IP)).state === 'Established', 30_000, 'REGION: FRR Established');
        await new Promise((r) => setTimeout(r, 3000));
        // THEN this one is still not established and has no routes from AWS
        expect((await wrongKeyLab.bgpState(AMAZON_IP)).state).not.toBe('Established');
        expect(await wrongKeyLab.awsState()).not.toBe('Established');
        expect(await wrongKeyLab.customerAccepted(AMAZON_IP)).toEqual([]);
      });
    });
  });
}
