import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import {
  checkContextKeys, CONTEXT_KEYS, contextKeyOf, DEFAULTS, editDistance, readExampleConfig, unknownContextKeys,
} from '../../bin/context';
import { buildExampleStack } from '../../bin/example-stack';
import { cfnLintFile } from '../helpers/checks';

const lookup = (ctx: Record<string, unknown>) => (key: string) => ctx[key];

describe('example app: the Connect Region set (connectRegions, replicaAlias)', () => {
  const ID = '12345678-aaaa-bbbb-cccc-123456789012';
  test('connectRegions is a comma list; Global Resiliency adds the partner; replicaAlias is taken', () => {
    expect(readExampleConfig(lookup({ region: 'eu-west-1', location: 'EqLD5', connectRegions: 'eu-west-2' })).connectRegions).toEqual(['eu-west-2']);
    // the stack adds the pair's other Region: the config keeps what was given
    const c = readExampleConfig(lookup({ globalResiliencySource: 'us-east-1', globalResiliencyInstanceId: ID, replicaAlias: 'west-cc' }));
    expect([c.connectRegions, c.replicaAlias]).toEqual([undefined, 'west-cc']);
    expect(buildExampleStack(new App(), c).connectRegions).toEqual(['us-east-1', 'us-west-2']);
    // a London location (EqLD5, eu-west-1) with the eu-west-2 / eu-central-1 pair: region needs no Amazon Connect
    const london = readExampleConfig(lookup({ region: 'eu-west-1', location: 'EqLD5', globalResiliencySource: 'eu-west-2', globalResiliencyInstanceId: ID }));
    expect(buildExampleStack(new App(), london).connectRegions).toEqual(['eu-west-2', 'eu-central-1']);
  });
  test.each([
    [{ connectRegions: 'us-east-1,us-east-1' }, /^context key 'connectRegions': connectRegions .*each Region once/],
    [{ connectRegions: 'us-east-1,eu-west-1' }, /^context key 'connectRegions': connectRegions .*must be a Region where Amazon Connect runs.*eu-west-1/],
    [{ connectRegions: 'us-east-1,eu-west-2', globalResiliencySource: 'us-east-1', globalResiliencyInstanceId: ID },
      /^context key 'connectRegions': connectRegions .*'eu-west-2', which is not in the Global Resiliency pair of source Region us-east-1: its documented replica Region is us-west-2/],
    [{ replicaAlias: 'west-cc' }, /^context key 'replicaAlias' .*only used with Global Resiliency/],
  ])('refused naming the key: %j', (ctx, message) => {
    expect(() => readExampleConfig(lookup(ctx))).toThrow(message);
  });
});

describe('example app context keys', () => {
  test('defaults: a new 10 Gbps connection at the example location (us-east-1, as the region), derived scope, DOMAINS mode', () => {
    // WHEN no context is given
    const c = readExampleConfig(lookup({}));
    // THEN every key has its embedded default
    expect(c).toMatchObject({
      region: 'us-east-1', account: undefined, instanceAlias: 'example-contact-centre', connectionId: undefined,
      location: 'EqDC2', bandwidth: '10Gbps', macsec: false, vlan: 101, asn: 65000,
      customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', routeFilterPrefixes: ['203.0.113.0/24'],
      ipv6: false, communityScope: undefined, locationRegion: undefined, allowListMode: 'DOMAINS', agentCidrs: ['10.0.0.0/16'],
      statelessFirewall: false, deployFirewall: false, signInMode: 'NEW', endpointSets: ['CURRENT'], features: [],
      attachmentsBucket: undefined, globalResiliencySource: undefined, globalResiliencyInstanceId: undefined,
      nagPacks: ['AwsSolutions'],
    });
    // AND the placeholders are reported, one per key, for a warning each
    expect(c.placeholders.map((p) => p.key).sort()).toEqual(
      ['agentCidrs', 'amazonAddress', 'asn', 'customerAddress', 'instanceAlias', 'location', 'routeFilterPrefixes']);
    expect(Object.keys(DEFAULTS).sort()).toEqual([...CONTEXT_KEYS].sort());
  });

  test('every key is read from context (as the CLI passes -c values: strings)', () => {
    const c = readExampleConfig(lookup({
      region: 'eu-west-2', account: '123456789012', instanceAlias: 'cc', connectionId: 'dxlag-ffabc123', vlan: '200',
      asn: '4200000000', customerAddress: '192.0.2.1/30', amazonAddress: '192.0.2.2/30',
      routeFilterPrefixes: '192.0.2.0/24, 2001:db8::/48', ipv6: 'true', communityScope: 'CONTINENT',
      allowListMode: 'IP_RANGES', agentCidrs: '10.1.0.0/16,10.2.0.0/16', statelessFirewall: 'true', deployFirewall: 'true',
      signInMode: 'SAML', endpointSets: 'LEGACY,CURRENT', features: 'VIDEO_CALLING, SCREEN_RECORDING',
      attachmentsBucket: 'chat-files', globalResiliencySource: 'eu-central-1',
      globalResiliencyInstanceId: '12345678-aaaa-bbbb-cccc-123456789012',
    }));
    expect(c).toMatchObject({
      region: 'eu-west-2', account: '123456789012', connectionId: 'dxlag-ffabc123', location: undefined, bandwidth: undefined,
      vlan: 200, asn: 4200000000, routeFilterPrefixes: ['192.0.2.0/24', '2001:db8::/48'], ipv6: true,
      communityScope: 'CONTINENT', allowListMode: 'IP_RANGES', agentCidrs: ['10.1.0.0/16', '10.2.0.0/16'],
      statelessFirewall: true, deployFirewall: true, signInMode: 'SAML', endpointSets: ['LEGACY', 'CURRENT'],
      features: ['VIDEO_CALLING', 'SCREEN_RECORDING'], attachmentsBucket: 'chat-files', globalResiliencySource: 'eu-central-1',
      globalResiliencyInstanceId: '12345678-aaaa-bbbb-cccc-123456789012',
    });
    expect(c.placeholders).toEqual([]);
  });

  test.each([
    [{ vlan: 'abc' }, /context key 'vlan' must be a whole number in decimal digits \(.*up to 10 digits\), got "abc"/],
    [{ asn: '99999999999' }, /context key 'asn' must be a whole number in decimal digits .*, got "99999999999"/],
    [{ asn: '-5' }, /context key 'asn' must be a whole number/],
    [{ macsec: 'yes' }, /context key 'macsec' must be 'true' or 'false' \(lower case; yes\/no, 1\/0 are not accepted\), got "yes"/],
    [{ ipv6: '1' }, /context key 'ipv6' must be 'true' or 'false'/],
    [{ bandwidth: '50Mbps' }, /context key 'bandwidth' must be one of 1Gbps, 10Gbps, 100Gbps, 400Gbps, got "50Mbps"/],
    [{ communityScope: 'LOCAL' }, /context key 'communityScope' must be one of REGION, CONTINENT, GLOBAL/],
    [{ locationRegion: 'London' }, /context key 'locationRegion' must be an AWS Region code such as eu-west-1 .*got "London"/],
    [{ allowListMode: 'URLS' }, /context key 'allowListMode' must be one of DOMAINS, IP_RANGES/],
    [{ agentCidrs: ' , ' }, /context key 'agentCidrs' must be a comma-separated list of agent network CIDRs without empty items, but item 1 of 2 is empty/],
    [{ agentCidrs: '' }, /context key 'agentCidrs' must be a comma-separated list of agent network CIDRs with at least one item, got ""/],
    [{ region: 'Europe' }, /context key 'region' must be an AWS Region code/],
    [{ account: '12345' }, /context key 'account' must be a 12-digit AWS account id/],
    [{ connectionId: 'dxcon-1' }, /context key 'connectionId' must be an existing connection or LAG id/],
    [{ connectionId: 'dxcon-fgq3d2ab', location: 'EqDC2' }, /context key 'location' conflicts with connectionId='dxcon-fgq3d2ab'/],
    [{ connectionId: 'dxcon-fgq3d2ab', macsec: 'true' }, /context key 'macsec' conflicts with connectionId/],
    [{ connectionId: 'dxcon-fgq3d2ab', bandwidth: '2Gbps' }, /context key 'bandwidth' must be one of 1Gbps, 10Gbps, 100Gbps, 400Gbps, got "2Gbps"/],
    [{ location: 'Eq DC2' }, /context key 'location' must be a Direct Connect location code/],
    [{ signInMode: 'OKTA' }, /context key 'signInMode' must be one of NEW, LEGACY_AWSAPPS, SAML, got "OKTA"/],
    [{ endpointSets: 'OLD' }, /context key 'endpointSets' must be one of LEGACY, CURRENT, got "OLD"/],
    [{ features: 'VIDEO_CALLING,FAX' }, /context key 'features' must be one of VIDEO_CALLING, SCREEN_RECORDING, SCHEDULING_UPLOADS, got "FAX"/],
    [{ globalResiliencySource: 'us-east-1' }, /context key 'globalResiliencySource' needs globalResiliencyInstanceId too/],
    [{ globalResiliencyInstanceId: 'x' }, /context key 'globalResiliencyInstanceId' needs globalResiliencySource too/],
    [{ nagPacks: 'AwsSolutions,NIST' }, /context key 'nagPacks' must be one of AwsSolutions, NIST.800.53.R5, HIPAA.Security, PCI.DSS.321, got "NIST"/],
  ])('refuses %j', (ctx, message) => {
    expect(() => readExampleConfig(lookup(ctx))).toThrow(message);
  });

  test('bandwidth with connectionId is the existing port speed (for the utilization alarm); without it, unknown', () => {
    // WHEN / THEN
    expect(readExampleConfig(lookup({ connectionId: 'dxcon-fgq3d2ab', bandwidth: '100Gbps' })))
      .toMatchObject({ connectionId: 'dxcon-fgq3d2ab', bandwidth: '100Gbps', location: undefined, macsec: false });
    expect(readExampleConfig(lookup({ connectionId: 'dxcon-fgq3d2ab' })).bandwidth).toBeUndefined();
  });

  describe('unknown context keys', () => {
    test.each([
      ['vlanId', 'vlan'], // the example: 2 edits
      ['VLAN', 'vlan'], // case only
      ['communityscope', 'communityScope'],
      ['COMMUNITYSCOPE', 'communityScope'],
      ['bandwith', 'bandwidth'],
      ['routeFilterPrefix', 'routeFilterPrefixes'],
      ['agentCidr', 'agentCidrs'],
      ['ipv4', 'ipv6'],
      ['regionXYZ', 'region'], // exactly 3 edits
      ['instance-alias', 'instanceAlias'],
    ])('%s is refused with "did you mean %s"', (key, meant) => {
      // WHEN / THEN
      expect(() => checkContextKeys([key])).toThrow(
        `context key '${key}' is not a key of this app; did you mean '${meant}'? (-c ${meant}=...)`);
    });

    test('every misspelt key is named in one error, with the known keys', () => {
      expect(() => checkContextKeys(['vlanId', 'ASNs', 'vlan'])).toThrow(
        /'vlanId' .*did you mean 'vlan'.*; context key 'ASNs' .*did you mean 'asn'.*Known keys: region, connectRegions, account,/);
    });

    test('a key 4 or more edits from every known key is returned for a warning, not refused', () => {
      // GIVEN keys far from every known key
      const far = ['costCentre', 'myTeamSetting'];
      for (const k of far) expect(Math.min(...CONTEXT_KEYS.map((c) => editDistance(k, c)))).toBeGreaterThan(3);
      // WHEN / THEN
      expect(checkContextKeys(far)).toEqual(far);
      expect(unknownContextKeys(far).map((u) => u.didYouMean)).toEqual([undefined, undefined]);
    });

    test('CDK\'s own keys (feature flags, aws:, cdk-, lookups, acknowledgements) and known keys pass silently', () => {
      expect(checkContextKeys([
        '@aws-cdk/core:validateAgainstDefaultRules', '@aws-cdk/aws-lambda:recognizeLayerVersion',
        'aws:cdk:enable-path-metadata', 'aws:cdk:version-reporting', 'aws-cdk:enableDiffNoFail',
        'availability-zones:account=123456789012:region=us-east-1', 'cdk-nag', 'acknowledged-issue-numbers',
        ...CONTEXT_KEYS,
      ])).toEqual([]);
    });

    test('edit distance is case-insensitive Levenshtein', () => {
      expect(editDistance('vlanId', 'vlan')).toBe(2);
      expect(editDistance('VLAN', 'vlan')).toBe(0);
      expect(editDistance('kitten', 'sitting')).toBe(3);
      expect(editDistance('', 'asn')).toBe(3);
    });
  });

  test.each([
    ['vlan must be an integer from 1 to 4094 (802.1Q), got 5000', 'vlan'],
    ["agentCidrs[0] must be a canonical CIDR, got '10.0.0.1/16'", 'agentCidrs'],
    ["requestMacSec can be true only on a 10Gbps, 100Gbps, 400Gbps dedicated port, got connectionsBandwidth '1Gbps'", 'macsec'],
    ["connectionsBandwidth must be one of ..., got '2Gbps'", 'bandwidth'],
    ["existingConnectionId must be ..., got 'x'", 'connectionId'],
    ["env.region must be a concrete Region code", 'region'],
    ['capacity must be an integer', undefined],
    ["attachments.bucket must be an S3 bucket name, got 'B'", 'attachmentsBucket'],
    ["globalResiliency.sourceRegion must be the source Region of a documented pair, got 'ca-central-1'", 'globalResiliencySource'],
    ["globalResiliency.instanceId must be an Amazon Connect instance id, got 'x'", 'globalResiliencyInstanceId'],
    ["signInMode LEGACY_AWSAPPS is not available in us-gov-west-1", 'signInMode'],
    ["region must be the Global Resiliency source Region us-east-1 or its replica (us-west-2), got 'eu-west-2'", 'region'],
  ])('a construct message %j is traced to context key %s', (message, key) => {
    expect(contextKeyOf(message)).toBe(key);
  });

  /**
   * Runs bin/app.ts in this process the way the CDK CLI runs it (context and output folder through CDK_CONTEXT_JSON
   * and CDK_OUTDIR), with a fresh module registry each time; the app's `process.exit(1)` after a refusal ends the run
   * with status 1 and what it printed to stderr.
   */
  function runApp(context: Record<string, unknown>): { status: number; stderr: string; out: string } {
    const out = mkdtempSync(join(tmpdir(), 'app-'));
    const saved = { outdir: process.env.CDK_OUTDIR, context: process.env.CDK_CONTEXT_JSON };
    const stderr: string[] = [];
    const exited = new Error('process.exit');
    const exit = jest.spyOn(process, 'exit').mockImplementation(() => { throw exited; });
    const error = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { stderr.push(`${args.join(' ')}\n`); });
    process.env.CDK_OUTDIR = out;
    process.env.CDK_CONTEXT_JSON = JSON.stringify(context);
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app runs when its module is loaded
      jest.isolateModules(() => { require('../../bin/app'); });
      return { status: 0, stderr: stderr.join(''), out };
    } catch (e) {
      if (e === exited) return { status: (exit.mock.calls[0]?.[0] as number | undefined) ?? 0, stderr: stderr.join(''), out };
      return { status: 1, stderr: `${stderr.join('')}${(e as Error).stack ?? String(e)}\n`, out };
    } finally {
      exit.mockRestore();
      error.mockRestore();
      for (const [key, value] of [['CDK_OUTDIR', saved.outdir], ['CDK_CONTEXT_JSON', saved.context]] as const) {
        if (value === undefined) delete process.env[key]; else process.env[key] = value;
      }
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

  const templateOf = (out: string) => JSON.parse(readFileSync(join(out, 'ConnectDirectConnect.template.json'), 'utf8'));

  test('-c region=eu-west-1 -c connectRegions=eu-west-2 -c location=EqLD5: the London case synthesizes (CONTINENT, catalog of eu-west-2); without connectRegions, region is refused with the fix', () => {
    const london = runApp({ region: 'eu-west-1', connectRegions: 'eu-west-2', location: 'EqLD5' });
    expect(london.stderr).toBe('');
    expect(london.status).toBe(0);
    const t = templateOf(london.out);
    const vif = Object.values(t.Resources).find((r: any) => r.Type === 'AWS::DirectConnect::PublicVirtualInterface') as any;
    expect(vif.Properties.Tags).toEqual(expect.arrayContaining([{ Key: 'bgp-community-scope', Value: '7224:9200' }]));
    // the allow list is eu-west-2's catalog, not the stack Region's
    expect(JSON.stringify(t)).toContain('participant.connect.eu-west-2.amazonaws.com');
    expect(JSON.stringify(t)).not.toMatch(/connect\.eu-west-1\.amazonaws\.com/);
    expect(readFileSync(join(london.out, 'ConnectDirectConnect.metadata.json'), 'utf8')).not.toContain('locationOutsideStackRegion');

    const noConnect = runApp({ region: 'eu-west-1', location: 'EqLD5' });
    expect(noConnect.status).not.toBe(0);
    expect(noConnect.stderr).toMatch(/context key 'region' must be a Region where Amazon Connect runs .*or give connectRegions.*got "eu-west-1"/);
  });

  test('-c vlanId=100 fails synth naming vlan (a misspelt key is never silently ignored)', () => {
    // WHEN
    const { status, stderr } = runApp({ vlanId: '100' });
    // THEN
    expect(status).toBe(1);
    expect(stderr).toMatch(/^cdk-connect-dx example app: context key 'vlanId' is not a key of this app; did you mean 'vlan'\? \(-c vlan=\.\.\.\)/m);
  });

  test('on embedded placeholders the template has a rule that fails deploy, listing the keys to set', () => {
    // WHEN the app runs on its defaults
    const r = runApp({});
    // THEN synth succeeds
    expect(r.status).toBe(0);
    // AND the rule always fails (no Region is named 'placeholders-replaced') and names every placeholder key
    const guard = templateOf(r.out).Rules.PlaceholderGuard;
    expect(guard.RuleCondition).toBeUndefined();
    expect(guard.Assertions).toHaveLength(1);
    expect(guard.Assertions[0].Assert).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'placeholders-replaced'] });
    const description: string = guard.Assertions[0].AssertDescription;
    for (const key of ['instanceAlias', 'location', 'asn', 'customerAddress', 'amazonAddress', 'routeFilterPrefixes', 'agentCidrs']) {
      expect(description).toContain(`-c ${key}=...`);
    }
    expect(description).not.toContain('-c vlan=');
  });

  test('with no placeholder there is no deploy rule (cfn-lint clean); connectionId + bandwidth feeds the utilization alarm; an unknown key warns', () => {
    // GIVEN every placeholder replaced, an existing connection with its port speed, and an unrelated key
    const r = runApp({
      instanceAlias: 'acme-contact-centre', connectionId: 'dxcon-fgq3d2ab', bandwidth: '10Gbps', asn: '64600',
      customerAddress: '192.0.2.1/31', amazonAddress: '192.0.2.0/31', routeFilterPrefixes: '192.0.2.0/24',
      agentCidrs: '10.20.0.0/16', costCentre: 'cc-42',
    });
    // THEN
    expect(r.status).toBe(0);
    const template = templateOf(r.out);
    expect(Object.keys(template.Rules ?? {})).toEqual(['CheckBootstrapVersion']);
    const lint = cfnLintFile(join(r.out, 'ConnectDirectConnect.template.json'));
    expect(lint.code & 2).toBe(0);
    // AND the existing 10 Gbps port gets the egress utilization alarm (100 * bps / 10e9)
    const alarms = Object.values(template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>)
      .filter((res) => res.Type === 'AWS::CloudWatch::Alarm');
    expect(JSON.stringify(alarms)).toMatch(/ConnectionBpsEgress/);
    expect(JSON.stringify(alarms)).toContain('100 * egress / (10 * 1000000000)');
    // AND the unknown key is a warning with an id
    const metadata = readFileSync(join(r.out, 'ConnectDirectConnect.metadata.json'), 'utf8');
    expect(metadata).toContain("context key 'costCentre' is not read by this app (ignored)");
    expect(metadata).toContain('cdk-connect-dx:unknownContextKey');
    expect(metadata).not.toContain('cdk-connect-dx:placeholder-');
  });

  test('the app fails synth naming the key (vlan=abc), before building anything', () => {
    // GIVEN / WHEN the app runs with -c vlan=abc
    const { status, stderr } = runApp({ vlan: 'abc' });
    // THEN
    expect(status).toBe(1);
    expect(stderr).toContain("context key 'vlan' must be a whole number in decimal digits (no sign, exponent, hex prefix, fraction or leading zero; up to 10 digits), got \"abc\" (set it with -c vlan=...)");
  });

  test('a value the constructs refuse (macsec=true on 1Gbps) fails synth in one line naming the context key, no stack trace', () => {
    // GIVEN / WHEN
    const { status, stderr } = runApp({ macsec: 'true', bandwidth: '1Gbps' });
    // THEN
    expect(status).toBe(1);
    expect(stderr).toMatch(/^cdk-connect-dx example app: context key 'macsec' \(with bandwidth=1Gbps\): requestMacSec can be true only on a 10Gbps/m);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  test('Global Resiliency keys: an undocumented pair fails synth in one line naming the context key', () => {
    // GIVEN / WHEN the Connect Region us-east-1 with a Frankfurt source
    const { status, stderr } = runApp({ connectRegions: 'us-east-1', globalResiliencySource: 'eu-central-1', globalResiliencyInstanceId: '12345678-aaaa-bbbb-cccc-123456789012' });
    // THEN
    expect(status).toBe(1);
    expect(stderr).toMatch(/^cdk-connect-dx example app: context key 'connectRegions': connectRegions names 'us-east-1', which is not in the Global Resiliency pair of source Region eu-central-1: its documented replica Region is eu-west-2, not us-east-1; documented pairs: /m);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});

describe('example app context keys: resiliency, locations, peerAddressPool', () => {
  test('resiliency=HIGH with locations and a pool: no single-connection keys, no address placeholders', () => {
    // WHEN
    const c = readExampleConfig(lookup({ resiliency: 'HIGH', locations: 'EqDC2, CSVA1', peerAddressPool: '198.51.100.0/29', bandwidth: '10Gbps' }));
    // THEN
    expect(c).toMatchObject({ resiliency: 'HIGH', locations: ['EqDC2', 'CSVA1'], peerAddressPool: '198.51.100.0/29', location: undefined, bandwidth: '10Gbps' });
    expect(c.placeholders.map((p) => p.key)).not.toEqual(expect.arrayContaining(['location']));
    expect(c.placeholders.map((p) => p.key)).not.toContain('customerAddress');
  });

  test.each([
    [{ resiliency: 'high' }, /context key 'resiliency' must be one of MAXIMUM, HIGH, DEVELOPMENT, got "high"/],
    [{ locations: 'EqDC2,CSVA1' }, /context key 'locations' is only used with resiliency/],
    [{ peerAddressPool: '198.51.100.0/29' }, /context key 'peerAddressPool' is only used with resiliency/],
    [{ resiliency: 'HIGH', connectionId: 'dxcon-fgabc123' }, /context key 'connectionId' is not used with resiliency=HIGH/],
    [{ resiliency: 'HIGH', customerAddress: '198.51.100.1/31' }, /context key 'customerAddress' is not used with resiliency=HIGH/],
  ])('refuses %j naming the key', (ctx, message) => {
    expect(() => readExampleConfig(lookup(ctx))).toThrow(message);
  });

  test('construct errors on locations and peerAddressPool map back to their context keys', () => {
    expect(contextKeyOf('locations must hold at least 2 distinct Direct Connect locations for the HIGH model')).toBe('locations');
    expect(contextKeyOf('peerAddressPool is too small: 4 virtual interfaces need 4 /31s')).toBe('peerAddressPool');
  });
});
