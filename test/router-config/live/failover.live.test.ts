/**
 * Failover proven with real routing software: FRR runs the configuration `RouterConfiguration.renderFailover`
 * generates for one customer router with two sessions, against two BIRD instances playing two AWS devices (AS 7224,
 * MD5), each in its own network namespace, both advertising the same Amazon Connect prefix.
 *
 * - ACTIVE_PASSIVE: the Connect prefix is installed in the customer's kernel via the primary; the backup BIRD sees
 *   the customer prefix with three prepends (public ASN) or only the covering prefix while the primary BIRD also
 *   carries the more-specific halves (private ASN).
 * - The primary AWS device goes silent (nftables drops everything in its namespace; the link stays up, as when the
 *   far device dies behind a cross-connect): the route moves to the backup. The test measures and prints how long
 *   that takes with BFD (300 ms x 3) and without it (BGP hold timer, 3/9 s here to keep the suite short).
 * - Restored, the route moves back to the primary.
 * - ACTIVE_ACTIVE: both next hops are installed (ECMP).
 *
 * Uses the FRR-vs-BIRD harness of the router-config live test (frr, bird2 and nftables installed by `.ci/run`;
 * the test installs nothing). Skips, visibly, where network namespaces cannot be created or a tool is missing, and
 * never under CI=true.
 */
import { FailoverConfigurationProps, FailoverMode } from '../../../lib/router-config/failover';
import { MD5_PLACEHOLDER_PATTERN } from '../../../lib/router-config/plan';
import { RouterConfiguration, RouterVendor } from '../../../lib/router-config/router-configuration';
import { AwsPeer, FAILOVER_PACKAGES, PeeringLab, routingSkipReason, waitFor } from './harness';
import { networkNamespaces, skipSuite } from '../../helpers/tools';

const SKIP_REASON = routingSkipReason(FAILOVER_PACKAGES);
const KEY = 'lab-Md5-key-7224';
const NO_EXPORT = '65535:65281';
/** The Amazon Connect prefix both AWS devices advertise (same Region as the location: 7224:8100). */
const CONNECT = '192.0.2.0/25';
const ROUTE_FILTER = ['203.0.113.0/24'];
const PRIMARY = { customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', vlan: 101 };
const BACKUP = { customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31', vlan: 102 };
const PRIMARY_IP = '198.51.100.0';
const BACKUP_IP = '198.51.100.2';
const HOLD = 9;
const KEEPALIVE = 3;

function awsPeer(session: typeof PRIMARY, bfd: boolean): AwsPeer {
  return {
    customerCidr: session.customerAddress, amazonCidr: session.amazonAddress, awsKey: KEY, bfd, holdSeconds: HOLD, fastReconnect: true,
    awsRoutes: [{ prefix: CONNECT, communities: ['7224:8100', NO_EXPORT] }],
  };
}

/**
 * What the network engineer does with the generated configuration on this lab: the key in place of each
 * placeholder, the veths in place of the VLAN sub-interfaces (no 802.1Q module here), and the anchors the
 * configuration suggests for every prefix it originates.
 */
function labConfig(generated: string, veths: string[]): string {
  expect(generated).toContain('interface eth0.101\n');
  expect(generated).toContain('interface eth0.102\n');
  const anchors = [...generated.matchAll(/^ {2}network (\S+)$/gm)].map((m) => `ip route ${m[1]} blackhole`);
  return generated
    .replace(MD5_PLACEHOLDER_PATTERN, KEY)
    .replace('interface eth0.101\n', `interface ${veths[0]}\n`)
    .replace('interface eth0.102\n', `interface ${veths[1]}\n`)
    .replace(/^end\n$/m, '') + [...anchors, ''].join('\n');
}

function lab(label: string, bfd: boolean, props: Omit<FailoverConfigurationProps, 'sessions' | 'routeFilterPrefixes'>): PeeringLab {
  const files = RouterConfiguration.renderFailover(RouterVendor.FRR, {
    ...props, bfd, routeFilterPrefixes: ROUTE_FILTER, holdTimeSeconds: HOLD, keepaliveSeconds: KEEPALIVE, sessions: [PRIMARY, BACKUP],
  });
  expect(files).toHaveLength(1);
  return new PeeringLab({
    label, customerAsn: props.asn, awsPeers: [awsPeer(PRIMARY, bfd), awsPeer(BACKUP, bfd)],
    extraDaemons: bfd ? ['bfdd'] : [],
    frrConfig: (_first, veths) => labConfig(files[0].configuration, veths),
  });
}

/** Polls the customer's kernel route to the Connect prefix every 20 ms until it uses `nextHops`; returns the ms taken. */
async function timeUntil(l: PeeringLab, nextHops: string[], limitMs: number): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    if (JSON.stringify(await l.kernelNextHops(CONNECT)) === JSON.stringify(nextHops)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${CONNECT} did not move to ${nextHops.join(', ')} within ${limitMs} ms (now: ${JSON.stringify(await l.kernelNextHops(CONNECT))})`);
}

const established = async (l: PeeringLab) => (await l.awsState(0)) === 'Established' && (await l.awsState(1)) === 'Established';

if (SKIP_REASON !== undefined) {
  skipSuite(networkNamespaces('frr, bird2 and nftables'), 'failover with real FRR and two BIRD', SKIP_REASON);
} else {
  describe('failover with real FRR and two BIRD playing two AWS devices', () => {
    const publicAsn = lab('fop', true, { asn: 64496, failover: FailoverMode.ACTIVE_PASSIVE });
    const privateAsn = lab('foq', false, { asn: 65000, failover: FailoverMode.ACTIVE_PASSIVE });
    const activeActive = lab('foe', true, { asn: 64496, failover: FailoverMode.ACTIVE_ACTIVE });
    const labs = [publicAsn, privateAsn, activeActive];

    beforeAll(async () => {
      await Promise.all(labs.map((l) => l.start()));
      await Promise.all(labs.map((l) => waitFor(() => established(l), 30_000, 'both sessions Established')));
    }, 600_000);

    afterAll(async () => {
      for (const l of labs) await l.stop();
    }, 30_000);

    test('ACTIVE_PASSIVE, public ASN: installed via the primary; the backup BIRD sees three prepends', async () => {
      // WHEN both sessions are up and the routes have been exchanged
      await waitFor(async () => (await publicAsn.kernelNextHops(CONNECT)).length > 0, 20_000, 'Connect prefix installed');
      await waitFor(async () => Object.keys(await publicAsn.awsReceivedPaths(1)).length > 0, 20_000, 'routes at the backup BIRD');
      // THEN
      expect(await publicAsn.kernelNextHops(CONNECT)).toEqual([PRIMARY_IP]);
      expect(await publicAsn.awsReceivedPaths(0)).toEqual({ '203.0.113.0/24': '64496' });
      expect(await publicAsn.awsReceivedPaths(1)).toEqual({ '203.0.113.0/24': '64496 64496 64496 64496' });
      expect((await publicAsn.awsReceived(1)).map((r) => r.communities)).toEqual([['7224:9100']]);
    });

    test('ACTIVE_PASSIVE, private ASN: the primary carries the more-specifics, the backup only the covering prefix', async () => {
      await waitFor(async () => Object.keys(await privateAsn.awsReceivedPaths(0)).length >= 3, 20_000, 'routes at the primary BIRD');
      await waitFor(async () => Object.keys(await privateAsn.awsReceivedPaths(1)).length >= 1, 20_000, 'routes at the backup BIRD');
      expect(Object.keys(await privateAsn.awsReceivedPaths(0)).sort()).toEqual(['203.0.113.0/24', '203.0.113.0/25', '203.0.113.128/25']);
      expect(await privateAsn.awsReceivedPaths(1)).toEqual({ '203.0.113.0/24': '65000' });
      expect(await privateAsn.kernelNextHops(CONNECT)).toEqual([PRIMARY_IP]);
    });

    test('ACTIVE_ACTIVE: both AWS devices are installed as equal-cost next hops', async () => {
      await waitFor(async () => (await activeActive.kernelNextHops(CONNECT)).length === 2, 20_000, 'two next hops');
      expect(await activeActive.kernelNextHops(CONNECT)).toEqual([PRIMARY_IP, BACKUP_IP]);
      // FRR installing both AWS routes says nothing about its own advertisement having reached the second BIRD yet
      await waitFor(async () => Object.keys(await activeActive.awsReceivedPaths(1)).length > 0, 20_000, 'routes at the second BIRD');
      expect((await activeActive.awsReceivedPaths(1))['203.0.113.0/24']).toBe('64496');
    });

    test('the primary goes silent: the route moves to the backup (measured with BFD and with the hold timer), and back when it returns', async () => {
      // GIVEN both ACTIVE_PASSIVE labs forward via the primary
      for (const l of [publicAsn, privateAsn]) await timeUntil(l, [PRIMARY_IP], 20_000);
      // WHEN the primary AWS device stops answering (link up, packets dropped), in both labs at once
      const [withBfd, withoutBfd] = await Promise.all([publicAsn, privateAsn].map(async (l) => {
        await l.blackhole(0);
        return timeUntil(l, [BACKUP_IP], 3 * HOLD * 1000);
      }));
      console.log(`failover convergence with BFD (300 ms x 3): ${withBfd} ms; without BFD (BGP keepalive ${KEEPALIVE} s, hold ${HOLD} s): ${withoutBfd} ms`);
      // THEN BFD moves it within about a second; the hold timer takes up to the hold time
      expect(withBfd).toBeLessThan(2000);
      expect(withoutBfd).toBeGreaterThan(2000);
      expect(withoutBfd).toBeLessThan((HOLD + 2) * 1000);
      // WHEN the primary answers again
      const back = await Promise.all([publicAsn, privateAsn].map(async (l) => {
        await l.restore(0);
        return timeUntil(l, [PRIMARY_IP], 30_000);
      }));
      console.log(`restored: back on the primary after ${back[0]} ms (BFD lab) and ${back[1]} ms (hold-timer lab)`);
      // THEN the route is back on the primary
      expect(await publicAsn.kernelNextHops(CONNECT)).toEqual([PRIMARY_IP]);
      expect(await privateAsn.kernelNextHops(CONNECT)).toEqual([PRIMARY_IP]);
    }, 90_000);
  });
}
