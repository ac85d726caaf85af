import { BgpCommunityScope } from '../../lib/facts/bgp-community';
import { FailoverConfigurationProps, FailoverMode, PassiveOutbound } from '../../lib/router-config/failover';
import { RouterConfiguration, RouterVendor } from '../../lib/router-config/router-configuration';

const SESSIONS = [
  { vlan: 101, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31' },
  { vlan: 102, customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31' },
];
const PUBLIC_ASN = 64496;
const PRIVATE_ASN = 65000;

function one(vendor: RouterVendor, extra: Partial<FailoverConfigurationProps>): string {
  const files = RouterConfiguration.renderFailover(vendor, { asn: PUBLIC_ASN, routeFilterPrefixes: ['203.0.113.0/24'], sessions: SESSIONS, ...extra });
  expect(files).toHaveLength(1);
  return files[0].configuration;
}
const noComments = (t: string) => t.split('\n').filter((l) => !/^\s*(!|\/\*)/.test(l)).join('\n');

describe('renderFailover: ACTIVE_ACTIVE', () => {
  test.each([
    ['frr', /maximum-paths 2/], ['cisco-ios-xe', /maximum-paths 2/], ['junos', /load-balance per-packet[\s\S]*multipath;/],
  ])('%s: equal attributes on both sessions and ECMP', (name, ecmp) => {
    const text = noComments(one(RouterVendor.fromName(name), {}));
    expect(text).toMatch(ecmp);
    expect(text).not.toMatch(/local-preference|prepend|PRIMARY|BACKUP/);
  });
});

describe('renderFailover: ACTIVE_PASSIVE with a public ASN prepends on the backup', () => {
  test('FRR: backup route-map prepends 3 times, inbound local preference 200/150, applied per neighbor', () => {
    const text = one(RouterVendor.FRR, { failover: FailoverMode.ACTIVE_PASSIVE });
    expect(text).toMatch(/route-map AWS-DX-OUT-BACKUP-V4 permit 10\n match ip address prefix-list AWS-DX-OUT-V4\n set community 7224:9100\n set as-path prepend 64496 64496 64496\nexit/);
    expect(text).toMatch(/route-map AWS-DX-OUT-PRIMARY-V4 permit 10\n match ip address prefix-list AWS-DX-OUT-V4\n set community 7224:9100\nexit/);
    expect(text).toMatch(/route-map AWS-DX-IN-PRIMARY-V4 permit 10\n match community AWS-DX-SCOPE-IN\n set local-preference 200\nexit/);
    expect(text).toMatch(/route-map AWS-DX-IN-BACKUP-V4 permit 10\n match community AWS-DX-SCOPE-IN\n set local-preference 150\nexit/);
    expect(text).toContain('  neighbor 198.51.100.0 route-map AWS-DX-OUT-PRIMARY-V4 out\n');
    expect(text).toContain('  neighbor 198.51.100.2 route-map AWS-DX-OUT-BACKUP-V4 out\n');
    expect(text).not.toMatch(/maximum-paths/);
  });

  test('IOS XE: the same policy in IOS syntax, prepend count configurable', () => {
    const text = one(RouterVendor.CISCO_IOS_XE, { failover: FailoverMode.ACTIVE_PASSIVE, asPathPrependCount: 2 });
    expect(text).toMatch(/route-map AWS-DX-OUT-BACKUP-V4 permit 10\n match ip address prefix-list AWS-DX-OUT-V4\n set community 7224:9100\n set as-path prepend 64496 64496\n!/);
    expect(text).toMatch(/ set local-preference 150\n!/);
    expect(text).toContain('  neighbor 198.51.100.2 route-map AWS-DX-IN-BACKUP-V4 in\n');
  });

  test('Junos: per-neighbor import/export, as-path-prepend and local-preference', () => {
    const text = one(RouterVendor.JUNOS, { failover: FailoverMode.ACTIVE_PASSIVE });
    expect(text).toMatch(/policy-statement AWS-DX-OUT-BACKUP \{[\s\S]*?as-path-prepend "64496 64496 64496";/);
    expect(text).toMatch(/policy-statement AWS-DX-IN-PRIMARY \{[\s\S]*?local-preference 200;/);
    expect(text).toMatch(/neighbor 198\.51\.100\.2 \{\n {16}description "AWS Direct Connect public VIF path 2";\n {16}import AWS-DX-IN-BACKUP;\n {16}export AWS-DX-OUT-BACKUP;/);
  });
});

describe('renderFailover: ACTIVE_PASSIVE with a private ASN advertises more-specifics on the primary', () => {
  test.each(RouterVendor.all().map((v) => [v.name, v] as const))('%s: halves of the route filter prefixes on the primary only, no prepends', (_n, vendor) => {
    const text = noComments(one(vendor, { asn: PRIVATE_ASN, failover: FailoverMode.ACTIVE_PASSIVE }));
    expect(text).toMatch(/203\.0\.113\.0\/25/);
    expect(text).toMatch(/203\.0\.113\.128\/25/);
    expect(text).not.toMatch(/prepend/);
  });

  test('FRR: the primary\'s route-map has a second entry for the more-specifics; the backup\'s has none', () => {
    const text = one(RouterVendor.FRR, { asn: PRIVATE_ASN, failover: FailoverMode.ACTIVE_PASSIVE });
    expect(text).toMatch(/route-map AWS-DX-OUT-PRIMARY-V4 permit 20\n match ip address prefix-list AWS-DX-MORE-V4\n set community 7224:9100\nexit/);
    expect(text).not.toMatch(/route-map AWS-DX-OUT-BACKUP-V4 permit 20/);
    expect(text).toMatch(/ {2}network 203\.0\.113\.0\/25\n {2}network 203\.0\.113\.128\/25/);
  });

  test('a prepend policy with a private ASN is refused with the reason', () => {
    expect(() => one(RouterVendor.FRR, { asn: PRIVATE_ASN, failover: FailoverMode.ACTIVE_PASSIVE, passiveOutbound: PassiveOutbound.AS_PATH_PREPEND }))
      .toThrow(/^passiveOutbound must not be AS_PATH_PREPEND with the private ASN 65000: AWS removes a private ASN, and the prepends with it/);
    expect(() => one(RouterVendor.FRR, { asn: PRIVATE_ASN, failover: FailoverMode.ACTIVE_PASSIVE, asPathPrependCount: 3 }))
      .toThrow(/^asPathPrependCount is only used with AS_PATH_PREPEND, got 3 with the private ASN 65000: AWS removes a private ASN/);
  });

  test('a /32 route filter prefix has no more-specific and is refused', () => {
    expect(() => one(RouterVendor.FRR, { asn: PRIVATE_ASN, failover: FailoverMode.ACTIVE_PASSIVE, routeFilterPrefixes: ['203.0.113.7/32'] }))
      .toThrow(/^passiveOutbound MORE_SPECIFIC_PREFIXES needs route filter prefixes shorter than \/32/);
  });
});

describe('renderFailover: routers, BFD and timers', () => {
  test('two routers: one configuration each, with only its own session', () => {
    const files = RouterConfiguration.renderFailover(RouterVendor.FRR, {
      asn: PRIVATE_ASN, routeFilterPrefixes: ['203.0.113.0/24'], failover: FailoverMode.ACTIVE_PASSIVE,
      sessions: [{ ...SESSIONS[0], router: 'edge-a' }, { ...SESSIONS[1], router: 'edge-b' }],
    });
    expect(files.map((f) => [f.routerName, f.paths])).toEqual([['edge-a', [1]], ['edge-b', [2]]]);
    expect(files[0].configuration).toContain('neighbor 198.51.100.0 remote-as 7224');
    expect(files[0].configuration).not.toContain('198.51.100.2 remote-as');
    expect(files[1].configuration).not.toMatch(/AWS-DX-MORE-V4|network 203\.0\.113\.0\/25/);
  });

  test('BFD is on by default (300 ms x 3); hold timers are set on every neighbor', () => {
    const text = one(RouterVendor.FRR, { holdTimeSeconds: 9 });
    expect(text).toMatch(/detect-multiplier 3\n {2}receive-interval 300\n {2}transmit-interval 300/);
    expect(text.match(/bfd profile AWS-DX-BFD/g)).toHaveLength(2);
    expect(text.match(/timers 3 9/g)).toHaveLength(2);
    expect(one(RouterVendor.JUNOS, { holdTimeSeconds: 30, bfd: false })).toMatch(/hold-time 30;/);
    expect(one(RouterVendor.JUNOS, { bfd: false })).not.toMatch(/bfd-liveness-detection/);
    expect(one(RouterVendor.CISCO_IOS_XE, { holdTimeSeconds: 9, keepaliveSeconds: 1 })).toContain(' neighbor 198.51.100.2 timers 1 9\n');
  });

  test.each([
    [{ sessions: [SESSIONS[0]] }, /^sessions must hold at least two sessions/],
    [{ holdTimeSeconds: 2 }, /^holdTimeSeconds must be an integer from 3 \(AWS's minimum; 0 is not supported\)/],
    [{ holdTimeSeconds: 9, keepaliveSeconds: 4 }, /^keepaliveSeconds must be an integer from 1 to a third of holdTimeSeconds \(3\), got 4/],
    [{ keepaliveSeconds: 4 }, /^keepaliveSeconds is only used with holdTimeSeconds/],
    [{ failover: FailoverMode.ACTIVE_PASSIVE, asPathPrependCount: 11 }, /^asPathPrependCount must be an integer from 1 to 10, got 11/],
    [{ asPathPrependCount: 3 }, /^asPathPrependCount is only used with FailoverMode.ACTIVE_PASSIVE/],
    [{ sessions: [{ ...SESSIONS[0], primary: true }, SESSIONS[1]] }, /^sessions\[0\]\.primary is only used with FailoverMode.ACTIVE_PASSIVE/],
    [{ failover: FailoverMode.ACTIVE_PASSIVE, sessions: SESSIONS.map((x) => ({ ...x, primary: true })) }, /^sessions must leave at least one session a backup/],
    [{ sessions: [SESSIONS[0], { ...SESSIONS[1], vlan: 101 }] }, /^sessions\[1\] repeats the router-1 interface eth0\.101 of sessions\[0\]/],
    [{ sessions: [SESSIONS[0], { ...SESSIONS[1], vlan: 5000 }] }, /^sessions\[1\]\.vlan must be/],
    [{ sessions: [SESSIONS[0], { ...SESSIONS[1], router: 'edge a' }] }, /^sessions\[1\]\.router must be 1 to 32 letters/],
  ])('refuses %j', (extra, message) => {
    expect(() => one(RouterVendor.FRR, extra as Partial<FailoverConfigurationProps>)).toThrow(message);
  });
});

describe('renderFailover: each session\'s location pair decides and checks the acceptance', () => {
  const located = [{ ...SESSIONS[0], location: 'EqDC2' }, { ...SESSIONS[1], location: 'CSVA1' }];
  const PAIRED: Partial<FailoverConfigurationProps> = { sessions: located, connectRegions: ['us-east-1'] };
  /** The AWS communities each vendor's inbound filter accepts. */
  const ACCEPTED: Record<string, RegExp> = {
    'frr': /^bgp community-list standard AWS-DX-SCOPE-IN permit (\S+)$/gm,
    'cisco-ios-xe': /^ip community-list standard AWS-DX-SCOPE-IN permit (\S+)$/gm,
    'junos': /^\s*community AWS-DX-[A-Z-]+ members (7224:8\d00);$/gm,
  };

  test.each(['frr', 'cisco-ios-xe', 'junos'])('%s: both locations are us-east-1 for Connect in us-east-1: REGION out, 7224:8100 in, no "could not be checked"', (name) => {
    // GIVEN / WHEN
    const text = one(RouterVendor.fromName(name), PAIRED);
    // THEN
    expect(text).not.toContain('could not be checked');
    expect(text).toMatch(/Path 1: Region pair: location EqDC2, location Region us-east-1/);
    expect(text).toMatch(/Path 2: Region pair: location CSVA1, location Region us-east-1/);
    expect([...text.matchAll(ACCEPTED[name])].map((m) => m[1])).toEqual(['7224:8100']);
    expect(noComments(text)).toContain('7224:9100');
    expect(noComments(text)).not.toMatch(/7224:9[23]00/);
  });

  test.each(['frr', 'cisco-ios-xe', 'junos'])('%s: a second location in another Region of the continent widens the scope for every session (CONTINENT)', (name) => {
    // GIVEN EqDC2 (us-east-1) and CSCH1 (us-east-2), Connect in us-east-1
    const sessions = [{ ...SESSIONS[0], location: 'EqDC2' }, { ...SESSIONS[1], location: 'CSCH1' }];
    // WHEN
    const text = one(RouterVendor.fromName(name), { sessions, connectRegions: ['us-east-1'] });
    // THEN out: 7224:9200 on both; in: the widest of the two pairs
    expect(noComments(text)).toContain('7224:9200');
    expect(noComments(text)).not.toMatch(/7224:9[13]00/);
    expect([...text.matchAll(ACCEPTED[name])].map((m) => m[1])).toEqual(['7224:8100', '7224:8200']);
    expect(text).toMatch(/Path 2: Region pair: location CSCH1, location Region us-east-2/);
    expect(text).toMatch(/Every path advertises one scope, CONTINENT: the widest any path's pair needs \(path 2\)/);
    expect(text).toMatch(/The sessions of this router need different acceptance; it accepts the widest, CONTINENT/);
  });

  test('two routers: each accepts what its own session\'s pair needs; the outbound scope is the same on both', () => {
    // GIVEN
    const files = RouterConfiguration.renderFailover(RouterVendor.FRR, {
      asn: PUBLIC_ASN, routeFilterPrefixes: ['203.0.113.0/24'], connectRegions: ['us-east-1'],
      sessions: [{ ...SESSIONS[0], location: 'EqDC2', router: 'edge-a' }, { ...SESSIONS[1], location: 'CSCH1', router: 'edge-b' }],
    });
    // THEN
    const accepted = files.map((f) => [...f.configuration.matchAll(ACCEPTED.frr)].map((m) => m[1]));
    expect(accepted).toEqual([['7224:8100'], ['7224:8100', '7224:8200']]);
    for (const f of files) expect(f.configuration).toContain(' set community 7224:9200');
    expect(files[0].configuration).toContain('! Every path advertises one scope, CONTINENT: the widest any path\'s pair needs (path 2).');
  });

  test('without the pairs the note stays (the acceptance truly could not be checked)', () => {
    // GIVEN / WHEN
    const text = one(RouterVendor.JUNOS, {});
    // THEN
    expect(text).toContain('NOTE: the inbound acceptance could not be checked');
  });

  test.each<[string, Partial<FailoverConfigurationProps>, RegExp]>([
    ['a session without its location', { sessions: [located[0], SESSIONS[1]], connectRegions: ['us-east-1'] }, /^sessions\[1\]\.location must be given \(or locationRegion\) with connectRegions/],
    ['an unknown location', { sessions: [located[0], { ...SESSIONS[1], location: 'Nope1' }], connectRegions: ['us-east-1'] }, /^sessions\[1\]\.location 'Nope1' is not in/],
    ['a location without connectRegions', { sessions: located }, /^connectRegions must be given with location/],
    ['a scope too narrow for one session', { sessions: [located[0], { ...SESSIONS[1], location: 'CSCH1' }], connectRegions: ['us-east-1'], communityScope: BgpCommunityScope.REGION },
      /^communityScope REGION \(7224:9100\) does not reach Amazon Connect Region us-east-1 from location 'CSCH1'/],
  ])('refuses %s', (_name, extra, message) => {
    // GIVEN / WHEN / THEN
    expect(() => one(RouterVendor.FRR, extra)).toThrow(message);
  });
});
