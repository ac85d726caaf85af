/**
 * Global Resiliency over one Direct Connect location with real routing software: FRR runs the configuration the
 * library generates for a Global Resiliency set (location EqDC2, Connect Regions us-east-1 + us-west-2, the first
 * documented pair), and BIRD plays AWS at the location. BIRD advertises the AMAZON_CONNECT prefixes of the pair's
 * two Regions (from the committed ip-ranges.json snapshot) and one other continent's, tagged relative to the Region
 * the LOCATION is associated with, as AWS does: 7224:8100 from that Region, 7224:8200 from another Region of its
 * continent group, no tag from elsewhere. The tagging is written out here (its own small Region -> continent table),
 * independently of the library's derivation.
 *
 * Then the source Region fails: BIRD withdraws the source Region's Connect prefixes, and the replica Region's must
 * still arrive over the same link (the failover Global Resiliency exists for).
 *
 * Needs root (network namespaces) and frr + bird2 (installed by .ci/run); this suite installs nothing. Without them
 * it shows one skipped test naming what is missing (a failure under CI=true).
 */
import { readFileSync } from 'node:fs';
import { GLOBAL_RESILIENCY_PAIRS } from '../../../lib/connect-endpoints/catalog-data';
import { DirectConnectLocation } from '../../../lib/locations/direct-connect-location';
import { MD5_PLACEHOLDER_PATTERN } from '../../../lib/router-config/plan';
import { RouterConfiguration, RouterVendor } from '../../../lib/router-config/router-configuration';
import { IP_RANGES_FILE } from '../../fixtures';
import { networkNamespaces, skipSuite } from '../../helpers/tools';
import { namespaceSkipReason as labSkipReason } from '../../helpers/live-lab';
import { AwsRoute, missingTools, PeeringLab, waitFor } from './harness';

/** The namespace prefix of this suite (the other router-config suites use `rcfg`). */
const NS_PREFIX = 'grdx';
const MISSING = missingTools();
const SKIP_REASON = MISSING.length > 0
  ? `missing ${MISSING.join(', ')} (frr and bird2; .ci/run installs them, this suite does not)`
  : labSkipReason(NS_PREFIX);

const CUSTOMER = '198.51.100.1/31';
const AMAZON = '198.51.100.0/31';
const AMAZON_IP = '198.51.100.0';
const KEY = 'lab-Md5-key-gr';
const NO_EXPORT = '65535:65281';
const ROUTE_FILTER = ['203.0.113.0/24'];
const LOCATION = 'EqDC2';
/** The first documented Global Resiliency pair: us-east-1 (source) -> us-west-2 (replica). */
const PAIR = GLOBAL_RESILIENCY_PAIRS[0];
/** A Connect Region on another continent: AWS advertises it untagged at EqDC2, and the router must drop it. */
const FAR_REGION = 'eu-west-2';

/** The continent groups AWS names, for the Regions above (written out apart from the library's table). */
const CONTINENT: Record<string, string> = { 'us-east-1': 'NA', 'us-west-2': 'NA', 'eu-west-2': 'EMEA' };

/** AMAZON_CONNECT IPv4 prefixes of a Region in the committed ip-ranges.json snapshot. */
function connectPrefixes(region: string): string[] {
  const doc = JSON.parse(readFileSync(IP_RANGES_FILE, 'utf8')) as { prefixes: Array<{ ip_prefix: string; region: string; service: string }> };
  const found = doc.prefixes.filter((p) => p.service === 'AMAZON_CONNECT' && p.region === region).map((p) => p.ip_prefix).sort();
  if (found.length === 0) throw new Error(`the ip-ranges fixture has no AMAZON_CONNECT prefix in ${region}`);
  return found;
}

/** How AWS tags a Region's routes at a location associated with `locationRegion`. */
function awsTag(region: string, locationRegion: string): string[] {
  if (region === locationRegion) return ['7224:8100'];
  return CONTINENT[region] === CONTINENT[locationRegion] ? ['7224:8200'] : [];
}

const SOURCE_PREFIXES = connectPrefixes(PAIR.source);
const REPLICA_PREFIXES = connectPrefixes(PAIR.replica);
const FAR_PREFIXES = connectPrefixes(FAR_REGION);

/** What AWS advertises at the location: the pair's Regions in their own groups (to withdraw one), the far one always. */
function awsRoutesAt(locationRegion: string): AwsRoute[] {
  const routes = (region: string, group?: string): AwsRoute[] => connectPrefixes(region)
    .map((prefix) => ({ prefix, communities: [...awsTag(region, locationRegion), NO_EXPORT], group }));
  return [...routes(PAIR.source, 'source'), ...routes(PAIR.replica, 'replica'), ...routes(FAR_REGION)];
}

/** The engineer's steps on this lab: key in place of the placeholder, the veth for the VLAN sub-interface, anchor routes. */
function labConfig(text: string, veth: string): string {
  return text.replace(MD5_PLACEHOLDER_PATTERN, KEY).replace('interface eth0.101\n', `interface ${veth}\n`).replace(/^end\n$/m, '')
    + ROUTE_FILTER.map((p) => `ip route ${p} blackhole\n`).join('');
}

/** `prefix tags` lines for printing. */
function show(routes: Array<{ prefix: string; communities: string[] }>): string[] {
  return routes.map((r) => `${r.prefix} ${r.communities.filter((c) => c !== NO_EXPORT).join(' ') || 'untagged'}`);
}

if (SKIP_REASON !== undefined) {
  skipSuite(networkNamespaces('frr and bird2'), 'Global Resiliency failover with real FRR and BIRD', SKIP_REASON);
} else {
  describe('Global Resiliency failover with real FRR and BIRD', () => {
    const locationRegion = DirectConnectLocation.of(LOCATION).region;
    const connectRegions = [PAIR.source, PAIR.replica];
    const config = RouterConfiguration.render(RouterVendor.FRR, {
      vlan: 101, asn: 65000, customerAddress: CUSTOMER, amazonAddress: AMAZON, routeFilterPrefixes: ROUTE_FILTER,
      authKeySecretName: 'dx/bgp-md5-lab', location: LOCATION, connectRegions,
    });
    const lab = new PeeringLab({
      label: 'gr', namespacePrefix: NS_PREFIX, customerCidr: CUSTOMER, amazonCidr: AMAZON, customerAsn: 65000, awsKey: KEY,
      awsRoutes: awsRoutesAt(locationRegion), frrConfig: (veth) => labConfig(config, veth),
    });

    beforeAll(async () => {
      await lab.start();
    }, 120_000);

    afterAll(async () => {
      await lab.stop();
    }, 30_000);

    test(`${LOCATION} (${PAIR.source}) for ${PAIR.source} + ${PAIR.replica}: both Regions accepted, the replica's survive the source's withdrawal`, async () => {
      // GIVEN the session is up and the routes have been exchanged
      expect(locationRegion).toBe('us-east-1');
      await waitFor(async () => (await lab.bgpState(AMAZON_IP)).state === 'Established', 30_000, 'BGP Established');
      await waitFor(async () => {
        const hops = await Promise.all([...SOURCE_PREFIXES, ...REPLICA_PREFIXES].map((p) => lab.kernelNextHops(p)));
        return hops.every((h) => h.length > 0) && (await lab.awsReceived()).length > 0;
      }, 30_000, 'both Regions\' Connect routes installed and the customer prefix at BIRD');
      await new Promise((r) => setTimeout(r, 500));
      const before = await lab.customerAccepted(AMAZON_IP);
      const received = await lab.awsReceived();
      console.log(`[before failover] ${LOCATION} (${locationRegion}) -> ${connectRegions.join(' + ')}: FRR accepted `
        + `${JSON.stringify(show(before))}; BIRD received ${JSON.stringify(show(received))}`);

      // THEN the router accepts the Connect prefixes of BOTH Regions (8100 and 8200) and drops the other continent's
      expect(before.map((r) => r.prefix).sort()).toEqual([...SOURCE_PREFIXES, ...REPLICA_PREFIXES].sort());
      for (const p of [...SOURCE_PREFIXES, ...REPLICA_PREFIXES]) expect(await lab.kernelNextHops(p)).toEqual([AMAZON_IP]);
      for (const p of FAR_PREFIXES) expect(await lab.kernelNextHops(p)).toEqual([]);
      // AND BIRD receives the customer prefix with the community the pair derives: CONTINENT, so us-west-2 hears it too
      expect(received).toEqual(ROUTE_FILTER.map((prefix) => ({ prefix, communities: ['7224:9200'] })));
      expect(DirectConnectLocation.of(LOCATION).scopeFor(connectRegions).scope.community).toBe('7224:9200');

      // WHEN the source Region fails: AWS withdraws its Connect prefixes at the location
      await lab.withdrawGroup(0, 'source');
      await waitFor(async () => {
        const now = (await lab.customerAccepted(AMAZON_IP)).map((r) => r.prefix);
        return SOURCE_PREFIXES.every((p) => !now.includes(p));
      }, 30_000, 'the source Region\'s prefixes withdrawn at FRR');
      await new Promise((r) => setTimeout(r, 500));
      const after = await lab.customerAccepted(AMAZON_IP);
      const receivedAfter = await lab.awsReceived();
      console.log(`[after ${PAIR.source} withdrawn] FRR accepted ${JSON.stringify(show(after))}; `
        + `BIRD received ${JSON.stringify(show(receivedAfter))}; session ${(await lab.bgpState(AMAZON_IP)).state}`);

      // THEN the replica Region's prefixes still arrive over the link and stay in the kernel, via the AWS peer
      expect(after.map((r) => r.prefix).sort()).toEqual(REPLICA_PREFIXES);
      expect(after.every((r) => r.communities.includes('7224:8200'))).toBe(true);
      for (const p of REPLICA_PREFIXES) expect(await lab.kernelNextHops(p)).toEqual([AMAZON_IP]);
      for (const p of SOURCE_PREFIXES) expect(await lab.kernelNextHops(p)).toEqual([]);
      // AND the session and the customer prefix (still reaching the replica Region's continent) are untouched
      expect((await lab.bgpState(AMAZON_IP)).state).toBe('Established');
      expect(receivedAfter).toEqual(received);
    }, 120_000);
  });
}
