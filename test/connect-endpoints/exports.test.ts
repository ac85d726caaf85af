import { Lazy } from 'aws-cdk-lib';
import { AllowListMode, ConnectEndpointCatalog, ConnectFeature, EndpointSet } from '../../lib';
import { MAX_RULE_CHARS, MAX_SID } from '../../lib/connect-endpoints/suricata';

const RULE = /^(pass|drop) (tls|http|udp|tcp) \$HOME_NET any (->|<>) (\$EXTERNAL_NET|@[A-Z][A-Z0-9_]*|\[[0-9a-f.:/,]+\]) (any|443|3478) \((.*)\)$/;

function rules(text: string): string[] {
  return text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
}

function sids(text: string): number[] {
  return rules(text).map((r) => Number(/ sid:(\d+);/.exec(r)![1]));
}

describe('toSuricataRules', () => {
  test('DOMAINS: one tls.sni rule per target, the media IP rule, final drops; well formed, unique sids', () => {
    // GIVEN the eu-west-2 catalog
    const catalog = ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'myinst' });
    // WHEN rendered for two agent networks
    const text = catalog.toSuricataRules({ homeNet: ['10.20.0.0/16', '2001:db8::/32'] });
    const lines = rules(text);
    // THEN every rule has the Network Firewall shape, ends with ')' and has a unique sid from 1000001
    for (const r of lines) {
      expect(r).toMatch(RULE);
      expect(r.endsWith('rev:1;)')).toBe(true);
      expect(r.length).toBeLessThanOrEqual(MAX_RULE_CHARS);
    }
    expect(sids(text)).toEqual(lines.map((_r, i) => 1000001 + i));
    // AND HOME_NET is set in the header
    expect(text).toContain('# HOME_NET: set the rule variable HOME_NET to [10.20.0.0/16,2001:db8::/32]');
    // AND the domain rules are exactly the firewall targets, wildcards by dotprefix/endswith, names exact
    expect(lines.filter((r) => r.startsWith('pass tls')).length).toBe(catalog.firewallDomains().length);
    expect(lines).toContain('pass tls $HOME_NET any -> $EXTERNAL_NET 443 (tls.sni; dotprefix; content:".cloudfront.net"; nocase; endswith; msg:"Amazon Connect TLS .cloudfront.net"; flow:to_server, established; sid:1000001; rev:1;)');
    expect(lines).toContainEqual(expect.stringContaining('tls.sni; content:"myinst.my.connect.aws"; nocase; startswith; endswith;'));
    expect(lines).toContainEqual(expect.stringContaining('tls.sni; dotprefix; content:".s3.dualstack.us-east-1.amazonaws.com"; nocase; endswith;'));
    expect(lines.filter((r) => r.startsWith('pass tls')).length).toBe(12);
    // AND UDP 3478 goes to the AMAZON_CONNECT IP set, never a name, in both directions (the media comes back from
    // port 3478, and a pass on a UDP packet rule passes only that packet under aws:drop_established)
    expect(lines.filter((r) => r.includes('3478'))).toEqual([
      'pass udp $HOME_NET any <> @AMAZON_CONNECT 3478 (msg:"Amazon Connect AMAZON_CONNECT UDP 3478"; sid:1000013; rev:1;)',
      'drop udp $HOME_NET any -> $EXTERNAL_NET 3478 (msg:"Amazon Connect allow list: UDP 3478 destination not allowed"; sid:1000015; rev:1;)',
    ]);
    expect(text).toContain('# IP set reference @AMAZON_CONNECT: define it (ReferenceSets) as the ip-ranges.json AMAZON_CONNECT prefixes, GLOBAL + eu-west-2.');
    // AND the last rules are the drops
    expect(lines.slice(-2).map((r) => r.split(' ')[0])).toEqual(['drop', 'drop']);
    const lastPass = lines.map((r) => r.startsWith('pass')).lastIndexOf(true);
    const firstDrop = lines.findIndex((r) => r.startsWith('drop'));
    expect(lastPass).toBeLessThan(firstDrop);
  });

  test('DOMAINS with includeHttpHost adds http.host rules and an http drop', () => {
    const catalog = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'myinst' });
    const lines = rules(catalog.toSuricataRules({ homeNet: ['10.0.0.0/8'], includeHttpHost: true, sidStart: 5 }));
    expect(lines.filter((r) => r.startsWith('pass http')).length).toBe(catalog.firewallDomains().length);
    expect(lines).toContainEqual(expect.stringMatching(/^drop http /));
    expect(sids(lines.join('\n'))[0]).toBe(5);
  });

  test('IP_RANGES with CIDRs: no name rules; prefixes inline; long lists split under the rule length limit', () => {
    const catalog = ConnectEndpointCatalog.forRegion('us-east-1');
    const ec2 = Array.from({ length: 1500 }, (_v, i) => `3.${Math.floor(i / 256)}.${i % 256}.0/24`);
    const text = catalog.toSuricataRules({
      homeNet: ['10.0.0.0/8'], mode: AllowListMode.IP_RANGES,
      amazonConnectCidrs: ['15.193.0.0/19', '2600:f0f2:7100::/40'], ec2Cidrs: ec2,
    });
    const lines = rules(text);
    expect(lines.some((r) => /tls|http/.test(r.split(' ')[1]))).toBe(false);
    for (const r of lines) {
      expect(r).toMatch(RULE);
      expect(r.length).toBeLessThanOrEqual(MAX_RULE_CHARS);
    }
    expect(lines).toContain('pass udp $HOME_NET any <> [15.193.0.0/19,2600:f0f2:7100::/40] 3478 (msg:"Amazon Connect AMAZON_CONNECT UDP 3478"; sid:1000001; rev:1;)');
    const ec2Rules = lines.filter((r) => r.includes('Amazon Connect EC2'));
    expect(ec2Rules.length).toBeGreaterThan(1);
    const listed = ec2Rules.flatMap((r) => /-> \[([^\]]+)\]/.exec(r)![1].split(','));
    // AND the TCP pass rules stay IP-only (no `flow` option, which would make them packet rules whose pass does not
    // cover the server's replies under aws:drop_established)
    for (const r of ec2Rules) {
      expect(r).toMatch(/^pass tcp \$HOME_NET any -> \[/);
      expect(r).not.toMatch(/flow:/);
    }
    expect(lines).toContainEqual(expect.stringMatching(/^pass tcp \$HOME_NET any -> @CLOUDFRONT 443 \(msg:"Amazon Connect CLOUDFRONT TCP 443"; sid:\d+; rev:1;\)$/));
    expect(listed).toEqual(ec2);
    // CLOUDFRONT was not given: referenced, and the header says so
    expect(lines).toContainEqual(expect.stringMatching(/^pass tcp \$HOME_NET any -> @CLOUDFRONT 443 /));
    expect(text).toContain('# IP set reference @CLOUDFRONT: define it (ReferenceSets) as the ip-ranges.json CLOUDFRONT prefixes, every Region.');
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(/^drop tcp \$HOME_NET any -> \$EXTERNAL_NET 443 /),
      expect.stringMatching(/^drop udp \$HOME_NET any -> \$EXTERNAL_NET 3478 /),
    ]);
    expect(new Set(sids(text)).size).toBe(lines.length);
    // AND the new sign-in's S3 ranges (us-east-1, us-west-2 and the instance Region) are an IP set reference
    expect(lines).toContainEqual(expect.stringMatching(/^pass tcp \$HOME_NET any -> @S3 443 \(msg:"Amazon Connect S3 TCP 443"; sid:\d+; rev:1;\)$/));
    expect(text).toContain('# IP set reference @S3: define it (ReferenceSets) as the ip-ranges.json S3 prefixes, us-east-1 + us-west-2.');
  });

  test('VIDEO_CALLING: the Chime subnet is a literal CIDR rule (UDP 3478; TCP 443 too in IP_RANGES mode)', () => {
    const catalog = ConnectEndpointCatalog.forRegion('eu-west-2', { features: [ConnectFeature.VIDEO_CALLING] });
    const domains = rules(catalog.toSuricataRules({ homeNet: ['10.0.0.0/8'] }));
    expect(domains.filter((r) => r.includes('99.77.128.0/18')).map((r) => r.split(' (')[0])).toEqual([
      'pass udp $HOME_NET any <> [99.77.128.0/18] 3478',
    ]);
    const ip = rules(catalog.toSuricataRules({ homeNet: ['10.0.0.0/8'], mode: AllowListMode.IP_RANGES }));
    expect(ip.filter((r) => r.includes('99.77.128.0/18')).map((r) => r.split(' (')[0])).toEqual([
      'pass udp $HOME_NET any <> [99.77.128.0/18] 3478', 'pass tcp $HOME_NET any -> [99.77.128.0/18] 443',
    ]);
  });

  test('the rule length limit counts the HOME_NET value (Network Firewall counts variable values)', () => {
    const homeNet = Array.from({ length: 200 }, (_v, i) => `10.${i}.0.0/16`);
    const ec2 = Array.from({ length: 1000 }, (_v, i) => `3.${Math.floor(i / 256)}.${i % 256}.0/24`);
    const text = ConnectEndpointCatalog.forRegion('us-east-1').toSuricataRules({ homeNet, mode: AllowListMode.IP_RANGES, ec2Cidrs: ec2 });
    const extra = `[${homeNet.join(',')}]`.length - '$HOME_NET'.length;
    for (const r of rules(text)) expect(r.length + extra).toBeLessThanOrEqual(MAX_RULE_CHARS);
  });

  test.each([
    [{ homeNet: [] }, /^homeNet must list at least one CIDR .*, got \[\]/],
    [{ homeNet: ['10.0.0.1/8'] }, /^homeNet\[0\] must be a canonical CIDR \(network address, no host bits, lower-case IPv6\), got '10.0.0.1\/8'; did you mean '10.0.0.0\/8'\?/],
    [{ homeNet: ['2001:DB8::/32'] }, /^homeNet\[0\] must be a canonical CIDR .*did you mean '2001:db8::\/32'\?/],
    [{ homeNet: ['10.0.0.0/8', '10.0.0.0/8'] }, /^homeNet\[1\] must not repeat a CIDR, got '10.0.0.0\/8' twice/],
    [{ homeNet: '10.0.0.0/8' }, /^homeNet must be an array \(a list\), got '10.0.0.0\/8' \(a string\); for one value write \['10.0.0.0\/8'\]/],
    [{ homeNet: Array.from({ length: 600 }, (_v, i) => `10.${i >> 8}.${i & 255}.0/24`) }, /^homeNet expand to \d+ characters in every rule that uses HOME_NET, but a rule may hold at most 8192/],
    [{ homeNet: ['10.0.0.0/8', 'agents'] }, /^homeNet\[1\] must be an IPv4 or IPv6 CIDR/],
    [{ homeNet: undefined }, /^homeNet is required/],
    [{ homeNet: ['10.0.0.0/8'], amazonConnectCidrs: [] }, /^amazonConnectCidrs must list at least one CIDR/],
    [{ homeNet: ['10.0.0.0/8'], ec2Cidrs: ['3.0.0.0/33'] }, /^ec2Cidrs\[0\] must be an IPv4 or IPv6 CIDR/],
    [{ homeNet: ['10.0.0.0/8'], cloudFrontCidrs: ['x'] }, /^cloudFrontCidrs\[0\] must be an IPv4 or IPv6 CIDR/],
    [{ homeNet: ['10.0.0.0/8'], sidStart: 0 }, /^sidStart must be an integer from 1 to 4294967295, got 0/],
    [{ homeNet: ['10.0.0.0/8'], sidStart: 1.5 }, /^sidStart must be an integer/],
    [{ homeNet: ['10.0.0.0/8'], sidStart: MAX_SID - 2 }, /^sidStart leaves no room for \d+ rules/],
  ])('refuses %j', (options, message) => {
    const catalog = ConnectEndpointCatalog.forRegion('us-east-1');
    expect(() => catalog.toSuricataRules(options as never)).toThrow(message);
  });

  test('a token CIDR in homeNet is refused, naming the option (a text export never holds a token)', () => {
    const cidr = Lazy.string({ produce: () => '10.0.0.0/8' });
    expect(() => ConnectEndpointCatalog.forRegion('us-east-1').toSuricataRules({ homeNet: [cidr] }))
      .toThrow(/^homeNet is an unresolved token or token-like text/);
  });
});

describe('toDomainList, toCsv, toJson', () => {
  const catalog = () => ConnectEndpointCatalog.forRegion('ap-southeast-1', { instanceAlias: 'myinst' });

  test('toDomainList: the firewall targets, one per line, leading-dot wildcards', () => {
    const text = catalog().toDomainList();
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().split('\n')).toEqual(catalog().firewallDomains());
    expect(text).not.toMatch(/[*/]/);
  });

  test('toCsv: header, one row per endpoint, path joined to the host, commas quoted', () => {
    const c = catalog();
    const lines = c.toCsv().trimEnd().split('\n');
    const doc = 'https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html';
    expect(lines[0]).toBe('"host","port","protocol","direction","purpose","source","regions"');
    expect(lines.length).toBe(c.endpoints.length + 1);
    expect(lines).toContain(`"myinst.my.connect.aws/ccp-v2","443","TCP","OUTBOUND","CCP v2 page of the instance","${doc}","ap-southeast-1"`);
    expect(lines).toContain(`"d2g7up6vqvaq2o.cloudfront.net","443","TCP","OUTBOUND","CCP static assets (CloudFront, per Region)","${doc}","ap-southeast-1"`);
    expect(lines).toContain(`"TurnNlb-261982506d86d300.elb.ap-southeast-1.amazonaws.com","3478","UDP","OUTBOUND","softphone media (WebRTC through TURN)","${doc}","ap-southeast-1"`);
  });

  test('toJson: everything, for the mode', () => {
    const json = JSON.parse(catalog().toJson({ mode: AllowListMode.IP_RANGES }));
    expect(json.region).toBe('ap-southeast-1');
    expect(json.mode).toBe('IP_RANGES');
    expect(json.endpointSets).toEqual([EndpointSet.CURRENT]);
    expect([json.readDate, json.signInMode, json.features]).toEqual(['2026-12-01', 'NEW', []]);
    expect(json.firewallDomains).toEqual(catalog().firewallDomains());
    expect(json.ipRuleRequirements.map((r: { service: string }) => r.service)).toEqual(['AMAZON_CONNECT', 'EC2', 'CLOUDFRONT', 'S3']);
    expect(json.statelessReturnPortRanges).toHaveLength(2);
    expect(json.endpoints).toHaveLength(catalog().endpoints.length);
    expect(JSON.parse(catalog().toJson()).ipRuleRequirements).toHaveLength(1);
  });
});
