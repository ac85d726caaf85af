import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Annotations as CoreAnnotations, App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  BgpAuthKey, BgpCommunityScope, DedicatedBandwidth, DedicatedConnection, DirectConnectConnection, IDirectConnectConnection,
  LinkAggregationGroup, PublicVirtualInterface, PublicVirtualInterfaceProps,
} from '../../lib';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';

// Public addresses outside the documentation ranges, so that only the tests about placeholders see that warning.
const GOOD = {
  vlan: 101,
  asn: 65000,
  customerAddress: '18.0.0.1/30',
  amazonAddress: '18.0.0.2/30',
  routeFilterPrefixes: ['18.0.1.0/24'],
};

/** A stack in us-east-1 and, unless overridden, an imported connection at a location associated with us-east-1. */
function setup(overrides: Partial<PublicVirtualInterfaceProps> = {}, app = new App()) {
  const stack = new Stack(app, 'Dx', { env: { region: 'us-east-1' } });
  const connection = overrides.connection ?? DirectConnectConnection.fromConnectionId(stack, 'Conn', 'dxcon-fgabc123');
  const vif = new PublicVirtualInterface(stack, 'Vif', { connection, ...GOOD, locationRegion: 'us-east-1', ...overrides });
  return { stack, vif, connection };
}

function make(overrides: Partial<PublicVirtualInterfaceProps>): () => void {
  return () => setup(overrides);
}

function warningIds(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map((w) => /\[ack: (cdk-connect-dx:[A-Za-z]+)\]/.exec(String(w.entry.data))?.[1] ?? '').filter(Boolean);
}

describe('PublicVirtualInterface: what it creates', () => {
  test('a public VIF with an IPv4 peer, a generated key as a dynamic reference, the community tag', () => {
    // GIVEN / WHEN
    const { stack, vif } = setup({ tags: { team: 'network' } });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      ConnectionId: 'dxcon-fgabc123',
      Vlan: 101,
      VirtualInterfaceName: Match.stringLikeRegexp('^dx-vif-[0-9a-f]{8}$'),
      RouteFilterPrefixes: ['18.0.1.0/24'],
      BgpPeers: [{
        AddressFamily: 'ipv4', Asn: '65000', CustomerAddress: '18.0.0.1/30', AmazonAddress: '18.0.0.2/30',
        AuthKey: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^VifAuthKey') }, ':SecretString:::}}']] },
      }],
      Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: '7224:9100' }, { Key: 'team', Value: 'network' }]),
    });
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 32, ExcludePunctuation: true, IncludeSpace: false, RequireEachIncludedType: false },
      Tags: [{ Key: 'team', Value: 'network' }],
    });
    expect(vif.node.defaultChild?.node.id).toBe('Resource');
    expect(vif.communityScope).toBe(BgpCommunityScope.REGION);
    expect(vif.community).toBe('7224:9100');
    expect([vif.vlan, vif.asn, vif.customerAddress, vif.amazonAddress, vif.ipv6Enabled]).toEqual([101, 65000, '18.0.0.1/30', '18.0.0.2/30', false]);
    expect(vif.routeFilterPrefixes).toEqual(['18.0.1.0/24']);
    expect(stack.resolve(vif.authKeySecret.secretArn)).toEqual({ Ref: expect.stringMatching(/^VifAuthKey/) });
    expect(stack.resolve(vif.virtualInterfaceId)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Vif/), 'VirtualInterfaceId'] });
    expect(stack.resolve(vif.virtualInterfaceArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Vif/), 'VirtualInterfaceArn'] });
    expectCfnLintClean(stack);
  });

  test('routeFilterPrefixes getter returns a copy', () => {
    const { vif } = setup();
    vif.routeFilterPrefixes.push('1.2.3.0/24');
    expect(vif.routeFilterPrefixes).toEqual(['18.0.1.0/24']);
  });

  test('ipv6 adds a peer without addresses; scope, name, 4-byte ASN and IPv6 prefixes are passed on', () => {
    // WHEN
    const { stack, vif } = setup({
      ipv6: true, communityScope: BgpCommunityScope.CONTINENT, virtualInterfaceName: 'connect-agents-1', asn: 4200000001,
      routeFilterPrefixes: ['18.0.1.0/24', '2600:1f00::/40', '2600:1f18:1::/64'],
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      VirtualInterfaceName: 'connect-agents-1',
      RouteFilterPrefixes: ['18.0.1.0/24', '2600:1f00::/40', '2600:1f18:1::/64'],
      BgpPeers: [
        Match.objectLike({ AddressFamily: 'ipv4', Asn: '4200000001' }),
        { AddressFamily: 'ipv6', Asn: '4200000001', AuthKey: Match.anyValue() },
      ],
      Tags: [{ Key: 'bgp-community-scope', Value: '7224:9200' }],
    });
    expect(vif.ipv6Enabled).toBe(true);
    expect(vif.community).toBe('7224:9200');
    expectCfnLintClean(stack);
  });

  test('a VIF on a LAG created in the same stack uses the LAG id and gets no new-connection warning', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Dx');
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    new DedicatedConnection(stack, 'Port1', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, lag });
    // WHEN
    new PublicVirtualInterface(stack, 'Vif', { connection: lag, ...GOOD });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      ConnectionId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Lag'), 'LagId'] },
    });
    expect(warningIds(stack)).not.toContain('cdk-connect-dx:vifOnNewConnection');
    expectCfnLintClean(stack);
  });

  test('allocation role for a hosted VIF is passed as its ARN', () => {
    const stack = new Stack(new App(), 'Dx');
    const role = iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::111122223333:role/dx-allocate');
    new PublicVirtualInterface(stack, 'Vif', { connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD, allocationRole: role });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      AllocatePublicVirtualInterfaceRoleArn: 'arn:aws:iam::111122223333:role/dx-allocate',
    });
    expectCfnLintClean(stack);
  });

  test('allocation role created in the stack (token ARN) passes through', () => {
    const stack = new Stack(new App(), 'Dx');
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('directconnect.amazonaws.com') });
    new PublicVirtualInterface(stack, 'Vif', { connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD, allocationRole: role });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      AllocatePublicVirtualInterfaceRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^R'), 'Arn'] },
    });
  });

  test('refuses an allocation role that is not a role ARN', () => {
    const stack = new Stack(new App(), 'Dx');
    const role = iam.Role.fromRoleArn(stack, 'R', 'arn:aws:iam::111122223333:user/bob');
    expect(() => new PublicVirtualInterface(stack, 'Vif', { connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD, allocationRole: role }))
      .toThrow(/^allocationRole must be an IAM role ARN .*got 'arn:aws:iam::111122223333:user\/bob'/);
  });

  test('refuses a (hand-made) hosted connection with MACsec', () => {
    const stack = new Stack(new App(), 'Dx');
    const base = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123', { hosted: true });
    const bad: IDirectConnectConnection = Object.assign(Object.create(Object.getPrototypeOf(base)), base, { macsecRequested: true });
    expect(() => new PublicVirtualInterface(stack, 'Vif', { connection: bad, ...GOOD }))
      .toThrow(/^connection must not request MACsec on a hosted connection .*got 'dxcon-fgabc123'/);
  });

  test('every value given as a token passes through unchecked', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Dx');
    const s = (n: string) => new CfnParameter(stack, n).valueAsString;
    const n = (name: string) => new CfnParameter(stack, name, { type: 'Number' }).valueAsNumber;
    // WHEN
    new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', s('ConnId')),
      vlan: n('Vlan'), asn: n('Asn'), customerAddress: s('Cust'), amazonAddress: s('Amzn'),
      routeFilterPrefixes: [s('P1'), '18.0.1.0/24'], virtualInterfaceName: s('Name'),
    });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      ConnectionId: { Ref: 'ConnId' }, Vlan: { Ref: 'Vlan' }, VirtualInterfaceName: { Ref: 'Name' },
      RouteFilterPrefixes: [{ Ref: 'P1' }, '18.0.1.0/24'],
      BgpPeers: [Match.objectLike({ Asn: { Ref: 'Asn' }, CustomerAddress: { Ref: 'Cust' }, AmazonAddress: { Ref: 'Amzn' } })],
    });
    expect(warningIds(stack)).not.toContain('cdk-connect-dx:publicAsn');
  });

  test('IPv6 prefix given as a token passes the family check', () => {
    const stack = new Stack(new App(), 'Dx');
    new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD,
      routeFilterPrefixes: ['18.0.1.0/24', new CfnParameter(stack, 'P6').valueAsString],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { RouteFilterPrefixes: ['18.0.1.0/24', { Ref: 'P6' }] });
  });

  test('the whole prefix list as a token passes through', () => {
    const stack = new Stack(new App(), 'Dx');
    const list = new CfnParameter(stack, 'Prefixes', { type: 'CommaDelimitedList' }).valueAsList;
    new PublicVirtualInterface(stack, 'Vif', { connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD, routeFilterPrefixes: list });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', { RouteFilterPrefixes: { Ref: 'Prefixes' } });
  });
});

describe('PublicVirtualInterface: BGP MD5 key', () => {
  test('fromSecret uses your secret (whole string or a JSON field) and creates none', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Dx');
    const secret = new secretsmanager.Secret(stack, 'Mine');
    const imported = secretsmanager.Secret.fromSecretNameV2(stack, 'Imp', 'dx/bgp');
    const connection = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123');
    // WHEN
    const a = new PublicVirtualInterface(stack, 'A', { connection, ...GOOD, authKey: BgpAuthKey.fromSecret(secret) });
    new PublicVirtualInterface(stack, 'B', { connection, ...GOOD, vlan: 102, authKey: BgpAuthKey.fromSecret(imported, 'bgpKey') });
    // THEN
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SecretsManager::Secret', 1);
    expect(a.authKeySecret).toBe(secret);
    t.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      Vlan: 101,
      BgpPeers: [Match.objectLike({ AuthKey: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^Mine') }, ':SecretString:::}}']] } })],
    });
    const b = Object.values(t.findResources('AWS::DirectConnect::PublicVirtualInterface', { Properties: { Vlan: 102 } }))[0];
    expect(JSON.stringify(b.Properties.BgpPeers[0].AuthKey)).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:arn:",.*":secret:dx\/bgp:SecretString:bgpKey::\}\}"\]\]\}$/);
    expect(BgpAuthKey.fromSecret(secret).generated).toBe(false);
    expectCfnLintClean(stack);
  });

  test('generate options: length, router-safe punctuation, customer KMS key, name', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Dx');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    // WHEN
    new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD,
      authKey: BgpAuthKey.generate({ length: 80, includePunctuation: true, encryptionKey: key, secretName: 'dx/vif-101' }),
    });
    // THEN
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'dx/vif-101',
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] },
      GenerateSecretString: { PasswordLength: 80, ExcludeCharacters: '!"#$%&\'()*;<>?[\\]^`{|}~ ', IncludeSpace: false },
    });
    expectCfnLintClean(stack);
  });

  test('versionId pins the key version so that a rotation changes the template', () => {
    // GIVEN
    const stack = new Stack(new App(), 'Dx');
    const mine = new secretsmanager.Secret(stack, 'Mine');
    const connection = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123');
    // WHEN
    new PublicVirtualInterface(stack, 'A', { connection, ...GOOD, authKey: BgpAuthKey.fromSecret(mine, undefined, 'a1b2c3d4-0000-1111-2222-333344445555') });
    new PublicVirtualInterface(stack, 'B', { connection, ...GOOD, vlan: 102, authKey: BgpAuthKey.generate({ versionId: 'EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE' }) });
    // THEN
    const t = Template.fromStack(stack);
    const authKey = (vlan: number) => JSON.stringify(Object.values(t.findResources('AWS::DirectConnect::PublicVirtualInterface',
      { Properties: { Vlan: vlan } }))[0].Properties.BgpPeers[0].AuthKey);
    expect(authKey(101)).toMatch(/:SecretString:::a1b2c3d4-0000-1111-2222-333344445555\}\}/);
    expect(authKey(102)).toMatch(/:SecretString:::EXAMPLE2-90ab-cdef-fedc-ba987EXAMPLE\}\}/);
    expectCfnLintClean(stack);
  });

  test.each([5, 81, 32.5, 0])('generate refuses length %p', (length) => {
    expect(() => BgpAuthKey.generate({ length }))
      .toThrow(new RegExp(`^authKey.length must be an integer from 6 to 80 \\(BGP MD5 keys are 6 to 80 printable ASCII characters\\), got ${length}$`));
  });

  test('generate passes a length token through', () => {
    const stack = new Stack(new App(), 'Dx');
    const length = new CfnParameter(stack, 'Len', { type: 'Number' }).valueAsNumber;
    new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD, authKey: BgpAuthKey.generate({ length }),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::SecretsManager::Secret', { GenerateSecretString: { PasswordLength: { Ref: 'Len' } } });
  });

  test('a plaintext key cannot be passed: BgpAuthKey offers only a generated key or a secret', () => {
    // THEN the only factories are generate and fromSecret (no fromPlainText / fromString)
    const statics = Object.getOwnPropertyNames(BgpAuthKey)
      .filter((n) => typeof (BgpAuthKey as unknown as Record<string, unknown>)[n] === 'function');
    expect(statics.sort()).toEqual(['fromSecret', 'generate']);
    expect(BgpAuthKey.generate().generated).toBe(true);
  });

  test('no key value reaches the template or cdk.out: AuthKey is a dynamic reference', () => {
    // GIVEN an app synthesized to a temp dir
    const outdir = mkdtempSync(join(tmpdir(), 'dx-cdkout-'));
    const app = new App({ outdir });
    const { stack } = setup({ ipv6: true, routeFilterPrefixes: ['18.0.1.0/24', '2600:1f00::/40'] }, app);
    // WHEN
    app.synth();
    // THEN every AuthKey in the template is a secretsmanager dynamic reference
    const peers = Object.values(Template.fromStack(stack).findResources('AWS::DirectConnect::PublicVirtualInterface'))
      .flatMap((r) => r.Properties.BgpPeers as Array<{ AuthKey: unknown }>);
    expect(peers).toHaveLength(2);
    for (const p of peers) expect(JSON.stringify(p.AuthKey)).toMatch(/^\{"Fn::Join":\["",\["\{\{resolve:secretsmanager:",\{"Ref":"VifAuthKey[0-9A-F]+"\},":SecretString:::\}\}"\]\]\}$/);
    // AND no file in cdk.out holds an AuthKey that is not a dynamic reference, nor a SecretString value
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : files.push(join(d, f))));
    walk(outdir);
    const all = files.map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(all).toContain('{{resolve:secretsmanager:');
    expect(all).not.toMatch(/"AuthKey":\s*"(?!\{\{resolve:secretsmanager:)/);
    expect(all).not.toMatch(/"SecretString"\s*:/);
  });

  test('cdk-nag packs find nothing unacknowledged on the VIF and its generated secret', () => {
    const { stack } = setup();
    expect(nagFindings(stack)).toEqual([]);
  });

  test('with a customer KMS key the KMS rules pass without acknowledgement', () => {
    const stack = new Stack(new App(), 'Dx');
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD,
      authKey: BgpAuthKey.generate({ encryptionKey: key }),
    });
    expect(nagFindings(stack)).toEqual([]);
  });

  test('the acknowledgements are on the secret only, not on the stack', () => {
    const { stack, vif } = setup();
    const acked = (c: { node: { metadata: Array<{ type: string }> } }) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').length;
    expect(acked(stack)).toBe(0);
    expect(acked(vif)).toBe(0);
    expect(acked(vif.node.findChild('AuthKey') as secretsmanager.Secret)).toBeGreaterThan(0);
  });
});

describe('PublicVirtualInterface: validation', () => {
  test.each([0, 4095, 101.5, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses vlan %p', (vlan) => {
    expect(make({ vlan })).toThrow(new RegExp(`^vlan must be an integer from 1 to 4094 \\(802.1Q\\), got ${vlan}$`));
  });

  test.each([0, 4294967295, 1.5, Number.NaN])('refuses asn %p', (asn) => {
    expect(make({ asn })).toThrow(new RegExp(`^asn must be an integer from 1 to 4294967294 \\(2-byte or 4-byte ASN\\), got ${asn}$`));
  });

  test.each([[23456, '23456'], [65535, '65535'], [65552, '65552-131071'], [131071, '65552-131071']])('refuses the IANA-reserved asn %p', (asn, range) => {
    expect(make({ asn })).toThrow(new RegExp(`^asn must not be ${asn}: IANA reserves ${range} and no BGP speaker may use it .*64512-65534 or 4200000000-4294967294\\)$`));
  });

  test.each([23455, 23457, 65534, 65536, 131072])('accepts the asn %p next to a reserved one', (asn) => {
    expect(make({ asn })).not.toThrow();
  });

  test('refuses the Amazon side asn 7224', () => {
    expect(make({ asn: 7224 })).toThrow(/^asn must not be 7224: it is the Amazon side ASN .*64512-65534 or 4200000000-4294967294/);
  });

  test.each([
    ['10.0.0.1/30', '10.0.0.2/30', 'private'],
    ['127.0.0.1/30', '127.0.0.2/30', 'loopback'],
    ['169.254.0.1/30', '169.254.0.2/30', 'link-local'],
    ['100.64.0.1/30', '100.64.0.2/30', 'CGNAT'],
    ['224.0.0.1/30', '224.0.0.2/30', 'multicast'],
  ])('refuses non-public peer addresses %p', (customerAddress, amazonAddress, use) => {
    expect(make({ customerAddress, amazonAddress }))
      .toThrow(new RegExp(`^customerAddress must be a public IPv4 address you own .*got '${customerAddress}', which is .*${use}`));
  });

  test('refuses a non-public amazonAddress too', () => {
    expect(make({ amazonAddress: '192.168.0.2/30' })).toThrow(/^amazonAddress must be a public IPv4 address .*got '192.168.0.2\/30', which is private/);
  });

  test.each(['18.0.0.1', '18.0.0.1/33', 'peer', '018.0.0.1/30'])('refuses a malformed customerAddress %p', (customerAddress) => {
    expect(make({ customerAddress })).toThrow(/^customerAddress must be an IPv4 address in CIDR form with the subnet mask, e.g. '198.51.100.1\/30', got '/);
  });

  test('refuses IPv6 peer addresses (Amazon assigns them)', () => {
    expect(make({ customerAddress: '2600:1f00::1/126' })).toThrow(/^customerAddress must be an IPv4 address in CIDR form, got the IPv6 address '2600:1f00::1\/126'; .*set ipv6: true/);
  });

  test('refuses peers with different masks', () => {
    expect(make({ customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.2/29' }))
      .toThrow(/^amazonAddress must use the same subnet mask as customerAddress .*got customerAddress '18.0.0.1\/30' and amazonAddress '18.0.0.2\/29'/);
  });

  test('refuses peers in different subnets', () => {
    expect(make({ customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.6/30' }))
      .toThrow(/^amazonAddress must be in the same subnet as customerAddress, .*subnets 18.0.0.0\/30 and 18.0.0.4\/30/);
  });

  test('refuses equal peer addresses', () => {
    expect(make({ customerAddress: '18.0.0.1/30', amazonAddress: '18.0.0.1/30' })).toThrow(/^amazonAddress must differ from customerAddress, both are 18.0.0.1$/);
  });

  test.each([['18.0.0.0/30', 'network'], ['18.0.0.3/30', 'broadcast']])('refuses the %s address (%s) of a /30', (customerAddress, which) => {
    expect(make({ customerAddress })).toThrow(new RegExp(`^customerAddress must not be the ${which} address of its /30 subnet, got '${customerAddress}'; use a host address such as '18.0.0.1/30'`));
  });

  test('accepts both addresses of a /31 and a wider /24', () => {
    expect(make({ customerAddress: '18.0.0.0/31', amazonAddress: '18.0.0.1/31' })).not.toThrow();
    expect(make({ customerAddress: '18.0.0.10/24', amazonAddress: '18.0.0.20/24' })).not.toThrow();
  });

  test('refuses a /32 peer', () => {
    expect(make({ customerAddress: '18.0.0.1/32', amazonAddress: '18.0.0.2/32' })).toThrow(/^customerAddress must have a prefix length from \/1 to \/31 .*got '18.0.0.1\/32'/);
  });

  test('one peer address as a token skips the pair checks', () => {
    const stack = new Stack(new App(), 'Dx');
    new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD,
      amazonAddress: new CfnParameter(stack, 'A').valueAsString, customerAddress: '18.0.0.1/30',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
      BgpPeers: [Match.objectLike({ AmazonAddress: { Ref: 'A' } })],
    });
  });

  test('refuses empty and more than 1000 route filter prefixes', () => {
    expect(make({ routeFilterPrefixes: [] })).toThrow(/^routeFilterPrefixes must hold from 1 to 1000 prefixes .*got 0$/);
    const many = Array.from({ length: 1001 }, (_, i) => `${18 + Math.floor(i / 256)}.${i % 256}.0.0/16`);
    expect(make({ routeFilterPrefixes: many })).toThrow(/^routeFilterPrefixes must hold from 1 to 1000 prefixes .*got 1001$/);
  });

  test('accepts exactly 1000 route filter prefixes', () => {
    const list = Array.from({ length: 1000 }, (_, i) => `${18 + Math.floor(i / 256)}.${i % 256}.0.0/16`);
    expect(make({ routeFilterPrefixes: list })).not.toThrow();
  });

  test.each([
    ['18.0.1.0', /must be an IPv4 or IPv6 prefix in CIDR form, e.g. '198.51.100.0\/24', got '18.0.1.0'/],
    ['18.0.1.0/24 ', /must be an IPv4 or IPv6 prefix in CIDR form/],
    ['18.0.1.1/24', /must not have host bits set, got '18.0.1.1\/24'; did you mean '18.0.1.0\/24'\?/],
    ['2600:1f00:100::/40', /is an IPv6 prefix, got '2600:1f00:100::\/40' with ipv6 false: .*set ipv6: true/],
    ['2600:1f00::1/40', /must not have host bits set, got '2600:1f00::1\/40'; did you mean '2600:1f00::\/40'\?/],
    ['0.0.0.0/0', /must have a prefix length from \/1 to \/32 for IPv4, got '0.0.0.0\/0'/],
    ['2600:1f18:1:1::/80', /must have a prefix length from \/1 to \/64 for IPv6, got '2600:1f18:1:1::\/80'/],
    ['10.1.0.0/16', /must be public address space you own, got '10.1.0.0\/16', which is or overlaps private/],
    ['127.0.0.0/8', /.*which is or overlaps loopback/],
    ['169.254.0.0/16', /.*which is or overlaps link-local/],
    ['100.64.0.0/10', /.*which is or overlaps shared address \(CGNAT/],
    ['224.0.0.0/4', /.*which is or overlaps multicast/],
    ['fd00::/8', /.*which is or overlaps private/],
    ['192.0.0.0/16', /.*which is or overlaps documentation/],
  ])('refuses route filter prefix %p', (prefix, message) => {
    const ipv6 = !prefix.startsWith('2600:1f00:100::');
    expect(make({ ipv6, routeFilterPrefixes: ['18.0.1.0/24', prefix] })).toThrow(new RegExp(`^routeFilterPrefixes\\[1\\] ${message.source}`));
  });

  test('a token item does not exempt the literal items next to it, nor the count', () => {
    // GIVEN a literal array holding one token item
    const withToken = (stack: Stack, ...literal: string[]) => [new CfnParameter(stack, 'P').valueAsString, ...literal];
    const build = (literal: string[], ipv6 = true) => () => {
      const stack = new Stack(new App(), 'Dx');
      new PublicVirtualInterface(stack, 'Vif', {
        connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD, ipv6,
        routeFilterPrefixes: withToken(stack, ...literal),
      });
    };
    // WHEN / THEN a bad literal item is still refused, by its index
    expect(build(['18.0.1.0/24', '10.0.0.0/8'])).toThrow(/^routeFilterPrefixes\[2\] must be public address space you own, got '10.0.0.0\/8'/);
    expect(build(['18.0.1.1/24'])).toThrow(/^routeFilterPrefixes\[1\] must not have host bits set/);
    expect(build(['2600:1f00::/40'], false)).toThrow(/^routeFilterPrefixes\[1\] is an IPv6 prefix, got '2600:1f00::\/40' with ipv6 false/);
    // AND the count is known: 1000 literal items plus the token is 1001
    const many = Array.from({ length: 1000 }, (_, i) => `${18 + Math.floor(i / 256)}.${i % 256}.0.0/16`);
    expect(build(many)).toThrow(/^routeFilterPrefixes must hold from 1 to 1000 prefixes .*got 1001$/);
    // AND good literal items next to the token pass
    expect(build(['18.0.1.0/24', '2600:1f00::/40'])).not.toThrow();
  });

  test('refuses a VLAN already used on the same connection or LAG in the stack', () => {
    // GIVEN one interface on an imported connection and one on a LAG created in the stack
    const stack = new Stack(new App(), 'Dx');
    const conn = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123');
    const lag = new LinkAggregationGroup(stack, 'Lag', { location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10 });
    new PublicVirtualInterface(stack, 'A', { connection: conn, ...GOOD });
    new PublicVirtualInterface(stack, 'B', { connection: lag, ...GOOD });
    // WHEN / THEN the same VLAN again on either is refused, naming the interface that has it
    expect(() => new PublicVirtualInterface(stack, 'A2', { connection: conn, ...GOOD }))
      .toThrow(/^vlan must not be in use on the connection already, got 101, which 'Dx\/A' uses on 'dxcon-fgabc123'; give each/);
    // AND the same connection imported a second time counts as the same connection
    const again = DirectConnectConnection.fromConnectionId(stack, 'C2', 'dxcon-fgabc123');
    expect(() => new PublicVirtualInterface(stack, 'A3', { connection: again, ...GOOD })).toThrow(/^vlan must not be in use .*'Dx\/A'/);
    expect(() => new PublicVirtualInterface(stack, 'B2', { connection: lag, ...GOOD }))
      .toThrow(/^vlan must not be in use on the connection already, got 101, which 'Dx\/B' uses on connection 'Dx\/Lag'/);
    // AND another VLAN on the same connection, or the same VLAN in another stack, is fine
    expect(() => new PublicVirtualInterface(stack, 'A4', { connection: conn, ...GOOD, vlan: 102 })).not.toThrow();
    expect(() => setup()).not.toThrow();
  });

  test('VLANs given as tokens are not compared', () => {
    const stack = new Stack(new App(), 'Dx');
    const conn = DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123');
    const vlan = () => new CfnParameter(stack, `V${stack.node.children.length}`, { type: 'Number' }).valueAsNumber;
    new PublicVirtualInterface(stack, 'A', { connection: conn, ...GOOD, vlan: vlan() });
    expect(() => new PublicVirtualInterface(stack, 'B', { connection: conn, ...GOOD, vlan: vlan() })).not.toThrow();
    expect(() => new PublicVirtualInterface(stack, 'C2', { connection: conn, ...GOOD })).not.toThrow();
  });

  test('refuses a second interface on a hosted connection (it takes one), whatever the VLAN', () => {
    const stack = new Stack(new App(), 'Dx');
    const hosted = DirectConnectConnection.fromConnectionId(stack, 'H', 'dxcon-fh12ab34', { hosted: true });
    new PublicVirtualInterface(stack, 'A', { connection: hosted, ...GOOD, vlan: new CfnParameter(stack, 'V', { type: 'Number' }).valueAsNumber });
    expect(() => new PublicVirtualInterface(stack, 'B', { connection: hosted, ...GOOD, vlan: 102 }))
      .toThrow(/^connection must not carry another virtual interface: the hosted connection 'dxcon-fh12ab34' takes 1 \(fixed AWS quota\) and 'Dx\/A' already uses it$/);
  });

  test('refuses a duplicate prefix', () => {
    expect(make({ routeFilterPrefixes: ['18.0.1.0/24', '18.0.2.0/24', '18.0.1.0/24'] }))
      .toThrow(/^routeFilterPrefixes\[2\] must not repeat routeFilterPrefixes\[0\], got '18.0.1.0\/24' twice$/);
  });

  test.each(['Connect_Agents', 'agents vif', 'a'.repeat(101), 'vif/1', ''])('refuses virtualInterfaceName %p (API rule)', (virtualInterfaceName) => {
    expect(make({ virtualInterfaceName })).toThrow(/^virtualInterfaceName must be 1 to 100 characters from a-z, 0-9 and - \(the Direct Connect API rule, stricter than CloudFormation's\), got '/);
  });

  test('a default name is derived from a long path within 100 characters', () => {
    const stack = new Stack(new App(), 'A'.repeat(120));
    const vif = new PublicVirtualInterface(stack, 'Vif', { connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgabc123'), ...GOOD });
    expect(vif.virtualInterfaceName).toMatch(/^[a-z0-9-]{1,100}$/);
    expect(vif.virtualInterfaceName.length).toBe(100);
  });
});

describe('PublicVirtualInterface: warnings', () => {
  test('a configuration with no placeholder and no mistake has no warning (the 72-hour review and replacement are in the docs)', () => {
    const { stack } = setup();
    expect(warningIds(stack)).toEqual([]);
  });

  test('a public ASN must be owned: warning; a private one is not warned', () => {
    const { stack } = setup({ asn: 16509 + 1 });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('asn 16510 is a public ASN: it must be registered to you and approved by AWS.*\\[ack: cdk-connect-dx:publicAsn\\]'));
    expect(warningIds(setup({ asn: 4294967294 }).stack)).not.toContain('cdk-connect-dx:publicAsn');
    expect(warningIds(setup({ asn: 64512 }).stack)).not.toContain('cdk-connect-dx:publicAsn');
    expect(warningIds(setup({ asn: 131072 }).stack)).toContain('cdk-connect-dx:publicAsn');
  });

  test('a VIF directly on a connection created in the same stack', () => {
    const stack = new Stack(new App(), 'Dx');
    const conn = new DedicatedConnection(stack, 'Conn', { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10 });
    new PublicVirtualInterface(stack, 'Vif', { connection: conn, ...GOOD });
    Annotations.fromStack(stack).hasWarning('/Dx/Vif', Match.stringLikeRegexp("stays 'requested'.*LinkAggregationGroup.*\\[ack: cdk-connect-dx:vifOnNewConnection\\]$"));
    expectCfnLintClean(stack);
  });

  test('documentation-range peer addresses and prefixes are placeholders', () => {
    const { stack } = setup({
      ipv6: true, customerAddress: '203.0.113.1/30', amazonAddress: '203.0.113.2/30', routeFilterPrefixes: ['198.51.100.0/24', '18.0.1.0/24', '2001:db8::/48'],
    });
    Annotations.fromStack(stack).hasWarning('/Dx/Vif', Match.stringLikeRegexp(
      "peer addresses '203.0.113.1/30'/'203.0.113.2/30' and routeFilterPrefixes 198.51.100.0/24, 2001:db8::/48 lie in documentation ranges.*\\[ack: cdk-connect-dx:documentationAddress\\]$"));
  });

  test('a documentation prefix alone warns too, public addresses do not', () => {
    expect(warningIds(setup({ routeFilterPrefixes: ['192.0.2.0/24'] }).stack)).toContain('cdk-connect-dx:documentationAddress');
    // the IPv6 documentation range of RFC 9637 (2024) as well as RFC 3849's
    const v6 = setup({ ipv6: true, routeFilterPrefixes: ['18.0.1.0/24', '3fff:100::/40'] }).stack;
    Annotations.fromStack(v6).hasWarning('/Dx/Vif', Match.stringLikeRegexp("routeFilterPrefixes 3fff:100::/40 lie in documentation ranges \\(.*2001:db8::/32, 3fff::/20\\)"));
    expect(warningIds(setup().stack)).not.toContain('cdk-connect-dx:documentationAddress');
  });

  test('the one IPv6 rule: ipv6 needs an IPv6 prefix (an error, as in the router configuration and the CLI)', () => {
    // GIVEN / WHEN / THEN
    expect(() => setup({ ipv6: true })).toThrow(/^routeFilterPrefixes must hold at least one IPv6 prefix when ipv6 is true, got '.*': the IPv6 BGP session advertises only IPv6 prefixes/);
    // AND the IPv4 session needs an IPv4 prefix
    expect(() => setup({ ipv6: true, routeFilterPrefixes: ['2600:1f00::/40'] })).toThrow(/^routeFilterPrefixes must hold at least one IPv4 prefix for the IPv4 BGP session/);
    // AND both families, or a token (which may be either), pass
    expect(() => setup({ ipv6: true, routeFilterPrefixes: ['18.0.1.0/24', '2600:1f00::/40'] })).not.toThrow();
    const tokenStack = new Stack(new App(), 'Dx');
    expect(() => new PublicVirtualInterface(tokenStack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(tokenStack, 'C', 'dxcon-fgabc123'), ...GOOD, ipv6: true,
      routeFilterPrefixes: ['18.0.1.0/24', new CfnParameter(tokenStack, 'P6').valueAsString],
    })).not.toThrow();
  });

  test('warnings can be acknowledged by id', () => {
    const { stack, vif } = setup({ asn: 16510 });
    CoreAnnotations.of(vif).acknowledgeWarning('cdk-connect-dx:publicAsn', 'we own AS16510');
    expect(warningIds(stack)).toEqual([]);
  });
});
