import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXT_KEYS, contextKeyOf, DEFAULTS, readExampleConfig } from '../../bin/context';

const lookup = (ctx: Record<string, unknown>) => (key: string) => ctx[key];

describe('example app context keys', () => {
  test('defaults: a new 10 Gbps connection at the example location, REGION scope, DOMAINS mode', () => {
    // WHEN no context is given
    const c = readExampleConfig(lookup({}));
    // THEN every key has its embedded default
    expect(c).toMatchObject({
      region: 'us-east-1', account: undefined, instanceAlias: 'example-contact-centre', connectionId: undefined,
      location: 'EqDC2', bandwidth: '10Gbps', macsec: false, vlan: 101, asn: 65000,
      customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', routeFilterPrefixes: ['203.0.113.0/24'],
      ipv6: false, communityScope: 'REGION', allowListMode: 'DOMAINS', agentCidrs: ['10.0.0.0/16'],
      statelessFirewall: false, deployFirewall: false,
    });
    // AND the placeholders are reported, one per key, for a warning each
    expect(c.placeholders.map((p) => p.key).sort()).toEqual(
      ['agentCidrs', 'amazonAddress', 'customerAddress', 'instanceAlias', 'location', 'routeFilterPrefixes']);
    expect(Object.keys(DEFAULTS).sort()).toEqual([...CONTEXT_KEYS].sort());
  });

  test('every key is read from context (as the CLI passes -c values: strings)', () => {
    const c = readExampleConfig(lookup({
      region: 'eu-west-2', account: '123456789012', instanceAlias: 'cc', connectionId: 'dxlag-ffabc123', vlan: '200',
      asn: '4200000000', customerAddress: '192.0.2.1/30', amazonAddress: '192.0.2.2/30',
      routeFilterPrefixes: '192.0.2.0/24, 2001:db8::/48', ipv6: 'true', communityScope: 'CONTINENT',
      allowListMode: 'IP_RANGES', agentCidrs: '10.1.0.0/16,10.2.0.0/16', statelessFirewall: 'true', deployFirewall: 'true',
    }));
    expect(c).toMatchObject({
      region: 'eu-west-2', account: '123456789012', connectionId: 'dxlag-ffabc123', location: undefined, bandwidth: undefined,
      vlan: 200, asn: 4200000000, routeFilterPrefixes: ['192.0.2.0/24', '2001:db8::/48'], ipv6: true,
      communityScope: 'CONTINENT', allowListMode: 'IP_RANGES', agentCidrs: ['10.1.0.0/16', '10.2.0.0/16'],
      statelessFirewall: true, deployFirewall: true,
    });
    expect(c.placeholders).toEqual([]);
  });

  test.each([
    [{ vlan: 'abc' }, /context key 'vlan' must be a whole number \(up to 10 digits\), got "abc"/],
    [{ asn: '99999999999' }, /context key 'asn' must be a whole number \(up to 10 digits\), got "99999999999"/],
    [{ asn: '-5' }, /context key 'asn' must be a whole number/],
    [{ macsec: 'yes' }, /context key 'macsec' must be 'true' or 'false', got "yes"/],
    [{ ipv6: '1' }, /context key 'ipv6' must be 'true' or 'false'/],
    [{ bandwidth: '50Mbps' }, /context key 'bandwidth' must be one of 1Gbps, 10Gbps, 100Gbps, 400Gbps, got "50Mbps"/],
    [{ communityScope: 'LOCAL' }, /context key 'communityScope' must be one of REGION, CONTINENT, GLOBAL/],
    [{ allowListMode: 'URLS' }, /context key 'allowListMode' must be one of DOMAINS, IP_RANGES/],
    [{ agentCidrs: ' , ' }, /context key 'agentCidrs' must be a comma-separated list with at least one item/],
    [{ region: 'Europe' }, /context key 'region' must be an AWS Region code/],
    [{ account: '12345' }, /context key 'account' must be a 12-digit AWS account id/],
    [{ connectionId: 'dxcon-1' }, /context key 'connectionId' must be an existing connection or LAG id/],
    [{ connectionId: 'dxcon-fgq3d2ab', location: 'EqDC2' }, /context key 'location' conflicts with connectionId='dxcon-fgq3d2ab'/],
    [{ connectionId: 'dxcon-fgq3d2ab', bandwidth: '10Gbps' }, /context key 'bandwidth' conflicts with connectionId/],
    [{ location: 'Eq DC2' }, /context key 'location' must be a Direct Connect location code/],
  ])('refuses %j', (ctx, message) => {
    expect(() => readExampleConfig(lookup(ctx))).toThrow(message);
  });

  test.each([
    ['vlan must be an integer from 1 to 4094 (802.1Q), got 5000', 'vlan'],
    ["agentCidrs[0] must be a canonical CIDR, got '10.0.0.1/16'", 'agentCidrs'],
    ["requestMacSec can be true only on a 10Gbps, 100Gbps, 400Gbps dedicated port, got connectionsBandwidth '1Gbps'", 'macsec'],
    ["connectionsBandwidth must be one of ..., got '2Gbps'", 'bandwidth'],
    ["existingConnectionId must be ..., got 'x'", 'connectionId'],
    ["env.region must be a concrete Region code", 'region'],
    ['capacity must be an integer', undefined],
  ])('a construct message %j is traced to context key %s', (message, key) => {
    expect(contextKeyOf(message)).toBe(key);
  });

  /** Runs bin/app.ts the way the CDK CLI runs it, with the given -c values. */
  function runApp(context: Record<string, unknown>): { status: number; stderr: string; out: string } {
    const out = mkdtempSync(join(tmpdir(), 'app-'));
    try {
      execFileSync('npx', ['tsx', 'bin/app.ts'], {
        cwd: join(__dirname, '..', '..'),
        env: { ...process.env, CDK_OUTDIR: out, CDK_CONTEXT_JSON: JSON.stringify(context) },
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
      });
      return { status: 0, stderr: '', out };
    } catch (e) {
      const err = e as { status: number; stderr: string };
      return { status: err.status, stderr: err.stderr, out };
    }
  }

  test('account + deployFirewall: a warning explains the Availability Zone lookup (needs credentials) until cdk.context.json has the answer', () => {
    // GIVEN / WHEN the app runs without the lookup's answer, then with it
    const zonesKey = 'availability-zones:account=123456789012:region=us-east-1';
    const warningsOf = (out: string) => readFileSync(join(out, 'ConnectDirectConnect.metadata.json'), 'utf8');
    const first = runApp({ account: '123456789012', deployFirewall: 'true' });
    const cached = runApp({ account: '123456789012', deployFirewall: 'true', [zonesKey]: ['us-east-1a', 'us-east-1b'] });
    // THEN
    expect(first.status).toBe(0);
    expect(warningsOf(first.out)).toContain('cdk-connect-dx:availabilityZoneLookup');
    expect(cached.status).toBe(0);
    expect(warningsOf(cached.out)).not.toContain('cdk-connect-dx:availabilityZoneLookup');
  });

  test('the app fails synth naming the key (vlan=abc), before building anything', () => {
    // GIVEN / WHEN the app runs with -c vlan=abc
    const { status, stderr } = runApp({ vlan: 'abc' });
    // THEN
    expect(status).toBe(1);
    expect(stderr).toContain("context key 'vlan' must be a whole number (up to 10 digits), got \"abc\" (set it with -c vlan=...)");
  });

  test('a value the constructs refuse (macsec=true on 1Gbps) fails synth in one line naming the context key, no stack trace', () => {
    // GIVEN / WHEN
    const { status, stderr } = runApp({ macsec: 'true', bandwidth: '1Gbps' });
    // THEN
    expect(status).toBe(1);
    expect(stderr).toMatch(/^cdk-connect-dx example app: context key 'macsec' \(with bandwidth=1Gbps\): requestMacSec can be true only on a 10Gbps/m);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
