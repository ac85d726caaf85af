import { App, Stack, Token } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { BgpCommunityScope } from '../../lib/facts/bgp-community';
import { BgpAuthKey } from '../../lib/direct-connect/bgp-auth-key';
import { DirectConnectConnection } from '../../lib/direct-connect/connection';
import { PublicVirtualInterface } from '../../lib/direct-connect/public-virtual-interface';
import { isTokenLike } from '../../lib/private/unresolved';
import { MD5_PLACEHOLDER_PATTERN } from '../../lib/router-config/plan';
import { RouterConfiguration, RouterConfigurationProps, RouterVendor } from '../../lib/router-config/router-configuration';

const BASE: RouterConfigurationProps = {
  vlan: 101,
  asn: 65000,
  customerAddress: '198.51.100.1/31',
  amazonAddress: '198.51.100.0/31',
  routeFilterPrefixes: ['203.0.113.0/24'],
};

function render(vendor: RouterVendor, extra: Partial<RouterConfigurationProps> = {}): string {
  return RouterConfiguration.render(vendor, { ...BASE, ...extra });
}

/** The lines that are configuration, not comments. */
function statements(vendor: RouterVendor, text: string): string[] {
  return text.split('\n').filter((l) => {
    const t = l.trim();
    if (t === '') return false;
    return vendor === RouterVendor.JUNOS ? !t.startsWith('/*') : !t.startsWith('!');
  });
}

function comments(vendor: RouterVendor, text: string): string {
  return text.split('\n').filter((l) => !statements(vendor, l).length && l.trim() !== '').join('\n');
}

const VENDORS = RouterVendor.all().map((v) => [v.name, v] as const);
const ALL_COMMUNITIES = ['7224:9100', '7224:9200', '7224:9300', '7224:8100', '7224:8200'];

describe('RouterVendor', () => {
  test.each([['frr', RouterVendor.FRR], ['cisco-ios-xe', RouterVendor.CISCO_IOS_XE], ['junos', RouterVendor.JUNOS]])(
    'fromName(%s) gives the vendor', (name, vendor) => {
      // WHEN / THEN
      expect(RouterVendor.fromName(name)).toBe(vendor);
      expect(vendor.name).toBe(name);
    });

  test('fromName refuses an unknown name, listing the allowed ones', () => {
    expect(() => RouterVendor.fromName('FRR')).toThrow("vendor must be one of frr, cisco-ios-xe, junos, got 'FRR'");
  });

  test('default parent interfaces per vendor', () => {
    expect(RouterVendor.all().map((v) => v.defaultInterfaceName)).toEqual(['eth0', 'TenGigabitEthernet0/0/0', 'xe-0/0/0']);
  });
});

describe.each(VENDORS)('%s', (_name, vendor) => {
  describe.each(BgpCommunityScope.all().map((s) => [s.name, s] as const))('scope %s', (_scope, scope) => {
    const text = render(vendor, { communityScope: scope, authKeySecretName: 'dx/bgp-key' });
    const config = statements(vendor, text).join('\n');

    test('tags outbound prefixes with the scope community only', () => {
      // THEN the scope community is set on outbound routes, and no other scope community appears anywhere
      const setLine = vendor === RouterVendor.JUNOS ? `community AWS-DX-SCOPE-OUT members ${scope.community};` : ` set community ${scope.community}`;
      expect(config).toContain(setLine);
      for (const other of BgpCommunityScope.all().filter((s) => s !== scope)) expect(config).not.toContain(other.community);
    });

    test('accepts inbound exactly the AWS communities of the scope', () => {
      // THEN
      const accepted = scope.acceptedAwsCommunities;
      const rejected = ['7224:8100', '7224:8200'].filter((c) => !accepted.includes(c));
      if (scope.acceptsUntaggedRoutes) {
        // GLOBAL: no community filter at all (untagged routes from other continents are accepted too)
        for (const c of ['7224:8100', '7224:8200']) expect(config).not.toContain(c);
        expect(config).not.toMatch(/community-list|match community|AWS-DX-SAME/);
      } else {
        for (const c of accepted) {
          const line = {
            frr: `bgp community-list standard AWS-DX-SCOPE-IN permit ${c}`,
            'cisco-ios-xe': `ip community-list standard AWS-DX-SCOPE-IN permit ${c}`,
            junos: `members ${c};`,
          }[vendor.name]!;
          expect(config).toContain(line);
        }
        for (const c of rejected) expect(config).not.toContain(c);
        expect(config).toMatch(vendor === RouterVendor.JUNOS ? /from \{\n\s+community / : / match community AWS-DX-SCOPE-IN/);
      }
    });

    test('keeps NO_EXPORT on AWS routes: the inbound policy changes no community', () => {
      // THEN the inbound policy only matches (no set / delete of communities), and the comment says why
      const inbound = vendor === RouterVendor.JUNOS
        ? /policy-statement AWS-DX-IN \{[\s\S]*?\n {4}\}/.exec(config)![0]
        : config.split('\n').filter((_l, i, all) => all.slice(0, i + 1).reverse().find((x) => x.startsWith('route-map '))?.startsWith('route-map AWS-DX-IN-')).join('\n');
      expect(inbound).toMatch(vendor === RouterVendor.JUNOS ? /then accept;/ : /route-map AWS-DX-IN-V4 permit 10/);
      expect(inbound).not.toMatch(/set community|community (set|add|delete)|comm-list .* delete|additive/);
      expect(comments(vendor, text)).toMatch(/AWS tags every route it advertises NO_EXPORT/);
    });

    test('uses only known communities', () => {
      // THEN every AS:value in the configuration is one of the Direct Connect communities
      const found = config.match(/\b\d+:\d+\b/g) ?? [];
      for (const c of found) expect(ALL_COMMUNITIES).toContain(c);
    });

    test('peers with AS 7224 at the Amazon address with an MD5 placeholder naming the secret', () => {
      // THEN
      const placeholder = '<BGP-MD5-KEY:secretsmanager:dx/bgp-key>';
      if (vendor === RouterVendor.JUNOS) {
        expect(config).toContain('peer-as 7224;');
        expect(config).toContain('neighbor 198.51.100.0 {');
        expect(config).toContain(`authentication-key "${placeholder}";`);
      } else {
        expect(config).toContain(' neighbor 198.51.100.0 remote-as 7224');
        expect(config).toContain(` neighbor 198.51.100.0 password ${placeholder}`);
      }
      expect(text).toContain("aws secretsmanager get-secret-value --secret-id 'dx/bgp-key'");
    });

    test('puts the customer address on the 802.1Q sub-interface of the VLAN', () => {
      // THEN
      if (vendor === RouterVendor.FRR) {
        expect(config).toContain('interface eth0.101\n description AWS Direct Connect public VIF (VLAN 101)\n ip address 198.51.100.1/31\nexit');
        expect(text).toContain('ip link add link eth0 name eth0.101 type vlan id 101');
      } else if (vendor === RouterVendor.CISCO_IOS_XE) {
        expect(config).toContain('interface TenGigabitEthernet0/0/0.101\n description AWS Direct Connect public VIF (VLAN 101)\n'
          + ' encapsulation dot1Q 101\n ip address 198.51.100.1 255.255.255.254');
      } else {
        expect(config).toMatch(/xe-0\/0\/0 \{\n\s+vlan-tagging;\n\s+unit 101 \{\n.*\n\s+vlan-id 101;\n\s+family inet \{\n\s+address 198\.51\.100\.1\/31;/);
      }
    });

    test('activates the session only in its address family and applies a policy in both directions', () => {
      // THEN
      if (vendor === RouterVendor.JUNOS) {
        expect(config).toContain('import AWS-DX-IN;');
        expect(config).toContain('export AWS-DX-OUT;');
        expect(config).toMatch(/term REJECT-REST \{\n\s+then reject;/);
      } else {
        expect(config).toContain(' no bgp default ipv4-unicast');
        expect(config).toContain('  neighbor 198.51.100.0 activate');
        expect(config).toContain('  neighbor 198.51.100.0 route-map AWS-DX-IN-V4 in');
        expect(config).toContain('  neighbor 198.51.100.0 route-map AWS-DX-OUT-V4 out');
        expect(config).toContain('ip prefix-list AWS-DX-OUT-V4 seq 5 permit 203.0.113.0/24');
      }
      if (vendor === RouterVendor.CISCO_IOS_XE) {
        expect(config).toContain('  neighbor 198.51.100.0 send-community');
        expect(config).toContain('  network 203.0.113.0 mask 255.255.255.0');
      }
      if (vendor === RouterVendor.FRR) expect(config).toContain('  network 203.0.113.0/24');
    });

    test('explains each block in comments and sets no graceful restart', () => {
      // THEN
      const notes = comments(vendor, text);
      expect(notes).toMatch(/802\.1Q sub-interface: VLAN 101/);
      expect(notes).toMatch(new RegExp(`Outbound: .* tagged ${scope.community}`));
      expect(notes).toMatch(new RegExp(`Inbound \\(${scope.name}\\)`));
      expect(notes).toMatch(/MD5: replace/);
      expect(config).not.toMatch(/graceful-restart|graceful restart/i);
      expect(config).not.toMatch(/bfd/i);
    });

    test('is deterministic', () => {
      expect(render(vendor, { communityScope: scope, authKeySecretName: 'dx/bgp-key' })).toBe(text);
    });
  });

  test('without a secret name, the placeholder points to the interface key', () => {
    // WHEN
    const text = render(vendor);
    // THEN
    expect(text.match(MD5_PLACEHOLDER_PATTERN)!.every((p) => p === '<BGP-MD5-KEY>')).toBe(true);
    expect(text).toMatch(/PublicVirtualInterface construct \(its authKeySecret\)/);
  });

  test('defaults to the REGION scope', () => {
    expect(render(vendor)).toBe(render(vendor, { communityScope: BgpCommunityScope.REGION }));
  });

  test('BFD: 300 ms x 3 and still no graceful restart', () => {
    // WHEN
    const text = render(vendor, { bfd: true });
    const config = statements(vendor, text).join('\n');
    // THEN
    const expected = {
      frr: ['bfd\n profile AWS-DX-BFD\n  detect-multiplier 3\n  receive-interval 300\n  transmit-interval 300\n exit\nexit',
        ' neighbor 198.51.100.0 bfd profile AWS-DX-BFD'],
      'cisco-ios-xe': [' bfd interval 300 min_rx 300 multiplier 3', ' neighbor 198.51.100.0 fall-over bfd'],
      junos: ['bfd-liveness-detection {\n                minimum-interval 300;\n                multiplier 3;\n            }'],
    }[vendor.name]!;
    for (const e of expected) expect(config).toContain(e);
    expect(config).not.toMatch(/graceful/i);
    expect(comments(vendor, text)).toMatch(/AWS advises against (graceful restart|it) together with BFD/);
  });

  test('IPv6: a peer with marked placeholders for the addresses AWS assigns, advertising the IPv6 prefixes', () => {
    // WHEN
    const text = render(vendor, { ipv6: true, routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'] });
    const config = statements(vendor, text).join('\n');
    // THEN
    expect(config).toContain('<AMAZON-IPV6-ADDRESS>');
    expect(config).toContain('<CUSTOMER-IPV6-ADDRESS>/125');
    if (vendor === RouterVendor.JUNOS) {
      expect(config).toMatch(/prefix-list AWS-DX-OUT-V6 \{\n\s+2001:db8:100::\/48;/);
      expect(config).toMatch(/neighbor <AMAZON-IPV6-ADDRESS> \{\n.*\n\s+family inet6 \{\n\s+unicast;/);
    } else {
      expect(config).toContain('ipv6 prefix-list AWS-DX-OUT-V6 seq 5 permit 2001:db8:100::/48');
      expect(config).toContain(' neighbor <AMAZON-IPV6-ADDRESS> remote-as 7224');
      expect(config).toContain('  neighbor <AMAZON-IPV6-ADDRESS> route-map AWS-DX-OUT-V6 out');
      expect(config).toContain('  network 2001:db8:100::/48');
      expect(config).not.toContain('ip prefix-list AWS-DX-OUT-V4 seq 10');
    }
    if (vendor === RouterVendor.CISCO_IOS_XE) expect(config).toContain('ipv6 unicast-routing');
  });

  test('inbound narrowing: only the given prefixes and more specifics, on top of the community filter', () => {
    // WHEN
    const text = render(vendor, {
      ipv6: true, routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'],
      inboundPrefixes: ['52.94.0.0/22', '54.239.0.1/32', '2600:1f18::/33', '52.94.0.0/22'],
    });
    const config = statements(vendor, text).join('\n');
    // THEN
    if (vendor === RouterVendor.JUNOS) {
      expect(config).toMatch(/prefix-list AWS-DX-ACCEPT-V4 \{\n\s+52\.94\.0\.0\/22;\n\s+54\.239\.0\.1\/32;\n\s+\}/);
      expect(config).toContain('prefix-list-filter AWS-DX-ACCEPT-V4 orlonger;');
      expect(config).toContain('prefix-list-filter AWS-DX-ACCEPT-V6 orlonger;');
      expect(config).toMatch(/community AWS-DX-SAME-REGION;\n\s+prefix-list-filter AWS-DX-ACCEPT-V4 orlonger;/);
    } else {
      expect(config).toContain('ip prefix-list AWS-DX-ACCEPT-V4 seq 5 permit 52.94.0.0/22 le 32');
      expect(config).toContain('ip prefix-list AWS-DX-ACCEPT-V4 seq 10 permit 54.239.0.1/32\n');
      expect(config).not.toContain('seq 15 permit 52.94.0.0/22');
      expect(config).toContain('ipv6 prefix-list AWS-DX-ACCEPT-V6 seq 5 permit 2600:1f18::/33 le 128');
      expect(config).toContain('route-map AWS-DX-IN-V4 permit 10\n match community AWS-DX-SCOPE-IN\n match ip address prefix-list AWS-DX-ACCEPT-V4');
      expect(config).toContain(' match ipv6 address prefix-list AWS-DX-ACCEPT-V6');
    }
    expect(comments(vendor, text)).toMatch(/AMAZON_CONNECT, EC2 and CLOUDFRONT/);
  });

  test('sets no router ID (changing it resets every BGP session); offers the peer address in a comment', () => {
    // WHEN
    const text = render(vendor);
    // THEN
    expect(statements(vendor, text).join('\n')).not.toMatch(/router-id/);
    expect(comments(vendor, text)).toMatch(/Router ID: keep the router's own \(changing it resets every BGP session\)/);
    expect(comments(vendor, text)).toContain(vendor === RouterVendor.JUNOS ? 'router-id 198.51.100.1;' : 'bgp router-id 198.51.100.1');
  });

  test('a custom parent interface and description', () => {
    // WHEN
    const config = statements(vendor, render(vendor, { interfaceName: 'bond1', description: 'DX Ashburn primary' })).join('\n');
    // THEN
    expect(config).toMatch(vendor === RouterVendor.JUNOS ? /bond1 \{\n\s+vlan-tagging;\n\s+unit 101/ : /interface bond1\.101\n description DX Ashburn primary \(VLAN 101\)/);
  });

  test('a /30 peer subnet', () => {
    const config = statements(vendor, render(vendor, { customerAddress: '203.0.113.2/30', amazonAddress: '203.0.113.1/30' })).join('\n');
    expect(config).toContain(vendor === RouterVendor.CISCO_IOS_XE ? 'ip address 203.0.113.2 255.255.255.252' : '203.0.113.2/30');
  });
});

describe('Junos', () => {
  test('warns that merging autonomous-system changes the router\'s AS, and offers local-as', () => {
    // WHEN
    const text = render(RouterVendor.JUNOS, { asn: 4200000001 });
    // THEN
    expect(text).toMatch(/\/\* autonomous-system is the router's own AS: .*\*\/\n\s+\/\* local-as 4200000001; to the group below instead .*\*\/\n\s+autonomous-system 4200000001;/);
  });
});

describe('validation (messages name the prop and say what is allowed)', () => {
  const cases: Array<[string, Partial<RouterConfigurationProps>, RegExp]> = [
    ['vlan 0', { vlan: 0 }, /^vlan must be an integer from 1 to 4094 \(802\.1Q\), got 0$/],
    ['vlan 4095', { vlan: 4095 }, /^vlan must be an integer from 1 to 4094/],
    ['vlan 1.5', { vlan: 1.5 }, /^vlan must be an integer/],
    ['asn 0', { asn: 0 }, /^asn must be an integer from 1 to 4294967294/],
    ['asn 2^32', { asn: 4294967295 }, /^asn must be an integer from 1 to 4294967294/],
    ['asn 7224', { asn: 7224 }, /^asn must not be 7224/],
    ['customerAddress not a CIDR', { customerAddress: '198.51.100.1' }, /^customerAddress must be an IPv4 address in CIDR form/],
    ['customerAddress private', { customerAddress: '10.0.0.1/31', amazonAddress: '10.0.0.0/31' }, /^customerAddress must be a public IPv4 address/],
    ['customerAddress IPv6', { customerAddress: '2001:db8::1/125' }, /^customerAddress must be an IPv4 address in CIDR form, got the IPv6 address/],
    ['customerAddress /32', { customerAddress: '198.51.100.1/32', amazonAddress: '198.51.100.0/32' }, /^customerAddress must have a prefix length from \/1 to \/31/],
    ['customerAddress network address', { customerAddress: '198.51.100.0/30', amazonAddress: '198.51.100.1/30' }, /^customerAddress must not be the network address/],
    ['amazonAddress other subnet', { amazonAddress: '198.51.100.2/31' }, /^amazonAddress must be in the same subnet as customerAddress/],
    ['amazonAddress other mask', { amazonAddress: '198.51.100.2/30' }, /^amazonAddress must use the same subnet mask/],
    ['amazonAddress equal', { amazonAddress: '198.51.100.1/31' }, /^amazonAddress must differ from customerAddress/],
    ['routeFilterPrefixes empty', { routeFilterPrefixes: [] }, /^routeFilterPrefixes must hold from 1 to 1000 prefixes/],
    ['routeFilterPrefixes host bits', { routeFilterPrefixes: ['203.0.113.1/24'] }, /^routeFilterPrefixes\[0\] must not have host bits set/],
    ['routeFilterPrefixes private', { routeFilterPrefixes: ['10.1.0.0/16'] }, /^routeFilterPrefixes\[0\] must be public address space/],
    ['routeFilterPrefixes duplicate', { routeFilterPrefixes: ['203.0.113.0/24', '203.0.113.0/24'] }, /^routeFilterPrefixes\[1\] must not repeat/],
    ['IPv6 prefix without ipv6', { routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'] }, /^routeFilterPrefixes\[\d\] is an IPv6 prefix, got .* with ipv6 false/],
    ['ipv6 without an IPv6 prefix', { ipv6: true }, /^routeFilterPrefixes must hold at least one IPv6 prefix when ipv6 is true/],
    ['only IPv6 prefixes', { ipv6: true, routeFilterPrefixes: ['2001:db8:100::/48'] }, /^routeFilterPrefixes must hold at least one IPv4 prefix/],
    ['interfaceName with the unit', { interfaceName: 'eth0.101' }, /^interfaceName must be the parent interface name/],
    ['interfaceName with a space', { interfaceName: 'Gi0/0 ' }, /^interfaceName must be the parent interface name/],
    ['authKeySecretName with a space', { authKeySecretName: 'my key' }, /^authKeySecretName must be a Secrets Manager secret name or ARN/],
    ['description with a quote', { description: 'say "hi"' }, /^description must be 1 to 80 printable ASCII characters/],
    ['description with a newline', { description: 'a\nrouter bgp 1' }, /^description must be 1 to 80 printable ASCII/],
    ['description too long', { description: 'x'.repeat(81) }, /^description must be 1 to 80/],
    ['inboundPrefixes empty', { inboundPrefixes: [] }, /^inboundPrefixes must hold at least one prefix when given/],
    ['inboundPrefixes not a CIDR', { inboundPrefixes: ['52.94.0.0'] }, /^inboundPrefixes must hold CIDR prefixes/],
    ['inboundPrefixes host bits', { inboundPrefixes: ['52.94.0.1/22'] }, /^inboundPrefixes must hold network addresses/],
    ['inboundPrefixes without IPv4', { inboundPrefixes: ['2600:1f18::/33'] }, /^inboundPrefixes must hold at least one IPv4 prefix/],
    ['inboundPrefixes without IPv6 when ipv6', {
      ipv6: true, routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'], inboundPrefixes: ['52.94.0.0/22'],
    }, /^inboundPrefixes must hold at least one IPv6 prefix when ipv6 is true/],
  ];

  test.each(cases)('refuses %s', (_name, extra, message) => {
    for (const vendor of RouterVendor.all()) {
      expect(() => render(vendor, extra)).toThrow(message);
    }
  });

  test.each([
    ['vlan', { vlan: Token.asNumber({ resolve: () => 101 }) }],
    ['asn', { asn: Token.asNumber({ resolve: () => 65000 }) }],
    ['customerAddress', { customerAddress: Token.asString({ resolve: () => '198.51.100.1/31' }) }],
    ['routeFilterPrefixes', { routeFilterPrefixes: Token.asList({ resolve: () => ['203.0.113.0/24'] }) }],
    ['routeFilterPrefixes', { routeFilterPrefixes: ['203.0.113.0/24', Token.asString({ resolve: () => '198.51.100.0/24' })] }],
    ['authKeySecretName', { authKeySecretName: Token.asString({ resolve: () => 'x' }) }],
  ] as Array<[string, Partial<RouterConfigurationProps>]>)('refuses an unresolved token in %s (a configuration needs concrete values)', (prop, extra) => {
    expect(() => render(RouterVendor.FRR, extra)).toThrow(new RegExp(`^${prop} is an unresolved token; a router configuration needs concrete values`));
  });

  test('FRR: refuses a parent interface whose sub-interface name exceeds Linux\'s 15 characters', () => {
    expect(() => render(RouterVendor.FRR, { interfaceName: 'enp129s0f1np1' }))
      .toThrow(/^interfaceName must leave room for the sub-interface name 'enp129s0f1np1\.101' within Linux's 15 characters/);
    expect(render(RouterVendor.CISCO_IOS_XE, { interfaceName: 'enp129s0f1np1' })).toContain('interface enp129s0f1np1.101');
  });

  test('render refuses a missing vendor', () => {
    expect(() => RouterConfiguration.render(undefined as unknown as RouterVendor, BASE)).toThrow(/^vendor must be one of frr, cisco-ios-xe, junos/);
  });
});

describe('isTokenLike (the text renderers\' refusal) catches every token Token.isUnresolved does, in lists too', () => {
  const values: unknown[] = [
    Token.asNumber({ resolve: () => 1 }), Token.asString({ resolve: () => 'a' }), Token.asList({ resolve: () => ['a'] }),
    ['x', Token.asString({ resolve: () => 'a' })], `prefix-${Token.asString({ resolve: () => 'a' })}`, { resolve: () => 1 },
    0, 1, -1, 4294967294, -1.8e289, Number.NaN, 'plain', '${Token', [], ['a', 'b'], undefined, null,
  ];
  test.each(values.map((v, i) => [i, v]))('value %s', (_i, v) => {
    const expected = Array.isArray(v) ? v.some((x) => Token.isUnresolved(x)) || Token.isUnresolved(v) : Token.isUnresolved(v);
    expect(isTokenLike(v)).toBe(expected);
  });

  test.each(['x${Token[', '#{Token[', 'a ${Token[b]} c'])('and token-like text %s', (text) => {
    expect(isTokenLike(text)).toBe(true);
    expect(() => render(RouterVendor.FRR, { description: text })).toThrow(/^description is an unresolved token; a router configuration needs concrete values/);
  });
});

describe('fromVirtualInterface', () => {
  function vif(stack: Stack, extra: Record<string, unknown> = {}): PublicVirtualInterface {
    const connection = DirectConnectConnection.fromConnectionId(stack, 'Conn', 'dxcon-fgq3d2ab');
    return new PublicVirtualInterface(stack, 'Vif', {
      connection, vlan: 202, asn: 64512, customerAddress: '203.0.113.5/30', amazonAddress: '203.0.113.6/30',
      routeFilterPrefixes: ['198.51.100.0/24'], communityScope: BgpCommunityScope.CONTINENT, ...extra,
    });
  }

  test('renders the interface values with its community scope', () => {
    // GIVEN
    const stack = new Stack(new App());
    const v = vif(stack);
    // WHEN
    const text = RouterConfiguration.fromVirtualInterface(v, { vendor: RouterVendor.CISCO_IOS_XE, bfd: true });
    // THEN
    expect(text).toBe(RouterConfiguration.render(RouterVendor.CISCO_IOS_XE, {
      vlan: 202, asn: 64512, customerAddress: '203.0.113.5/30', amazonAddress: '203.0.113.6/30',
      routeFilterPrefixes: ['198.51.100.0/24'], communityScope: BgpCommunityScope.CONTINENT, bfd: true,
    }));
    // the generated secret's name is a token: the placeholder points to the construct's secret instead
    expect(text).toContain(' neighbor 203.0.113.6 password <BGP-MD5-KEY>');
  });

  test('names an imported secret in the placeholder, never its value', () => {
    // GIVEN
    const stack = new Stack(new App());
    const secret = secretsmanager.Secret.fromSecretNameV2(stack, 'Key', 'dx/vif-202-key');
    const v = vif(stack, { authKey: BgpAuthKey.fromSecret(secret) });
    // WHEN
    const text = RouterConfiguration.fromVirtualInterface(v, { vendor: RouterVendor.FRR });
    // THEN
    expect(text).toContain(' neighbor 203.0.113.6 password <BGP-MD5-KEY:secretsmanager:dx/vif-202-key>');
    expect(text).toContain('set community 7224:9200');
  });

  test('refuses an interface whose VLAN is a token', () => {
    const stack = new Stack(new App());
    const v = vif(stack, { vlan: Token.asNumber({ resolve: () => 202 }) });
    expect(() => RouterConfiguration.fromVirtualInterface(v, { vendor: RouterVendor.JUNOS })).toThrow(/^vlan is an unresolved token/);
  });
});

describe('snapshot backstop (full options)', () => {
  test.each(VENDORS)('%s', (_name, vendor) => {
    expect(render(vendor, {
      communityScope: BgpCommunityScope.CONTINENT, bfd: true, ipv6: true, authKeySecretName: 'dx/bgp-key',
      routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'], inboundPrefixes: ['52.94.0.0/22', '2600:1f18::/33'],
    })).toMatchSnapshot();
  });
});
