/**
 * The repro inputs of the adversarial review (issue 11), as fixed regression cases. Each one used to exit 0 or be
 * applied; now it fails with a clear message naming the field, or behaves as specified.
 */
import { App, Lazy, Stack, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { AllowListMode, BgpAuthKey, ConnectEndpointCatalog } from '../../lib';
import { main } from '../../lib/cli/index';
import { CliIo } from '../../lib/cli/io';
import { csvCell } from '../../lib/private/text-rules';
import { IP_RANGES_FILE } from '../fixtures';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; } };
  const code = await main(argv, io);
  return { code, out, err };
}

const INJECTED_ALIAS = 'x"; sid:1;)\npass ip any any <> any any (msg:"injected"; sid:2;)\n#${Token[';

describe('repro 1: token-marker bypass', () => {
  test('allow-list --format suricata with an injected alias: refused naming --alias, nothing on stdout', async () => {
    const r = await cli('allow-list', '--region', 'us-east-1', '--home-net', '10.0.0.0/16', '--format', 'suricata', '--alias', INJECTED_ALIAS);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^cdk-connect-dx allow-list: --alias: instanceAlias must be 1-45 letters, digits and hyphens/);
    expect(r.err).not.toMatch(/^pass ip/m);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });

  test.each(['domains', 'csv', 'json'])('allow-list --format %s with a token-marker alias: refused naming --alias', async (format) => {
    const r = await cli('allow-list', '--region', 'us-east-1', '--format', format, '--alias', '-2+3+cmd|x${Token[');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/--alias: instanceAlias must be/);
  });

  test('a CSV cell that starts like a formula is neutralised and every cell is quoted', () => {
    expect(csvCell('host', '-2+3+cmd|\' /C calc\'!A0')).toBe('"\'-2+3+cmd|\' /C calc\'!A0"');
    for (const lead of ['=', '+', '-', '@', '\t']) expect(csvCell('host', `${lead}1`)).toBe(`"'${lead}1"`);
    expect(() => csvCell('purpose', 'a\r\nb')).toThrow(/^purpose must be text without line breaks/);
  });

  test.each([
    ['homeNet', { homeNet: ['10.0.0.0/8"; sid:1;)\npass ip any any <> any any (msg:"x"; sid:2;)\n#${Token['] }],
    ['amazonConnectCidrs', { homeNet: ['10.0.0.0/8'], amazonConnectCidrs: ['1.2.3.0/24] any (msg:"x"; sid:9;)\n#${Token['] }],
    ['homeNet', { homeNet: [Lazy.string({ produce: () => '10.0.0.0/8' })] }],
  ])('toSuricataRules refuses a token or token-like %s', (field, options) => {
    const catalog = ConnectEndpointCatalog.forRegion('us-east-1');
    expect(() => catalog.toSuricataRules({ mode: AllowListMode.DOMAINS, ...options } as never))
      .toThrow(new RegExp(`^${field} is an unresolved token or token-like text`));
  });

  test('instanceAlias with a token marker is checked like any alias (Token.isUnresolved says it is no token)', () => {
    expect(() => ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'x${Token[' }))
      .toThrow(/^instanceAlias must be 1-45 letters, digits and hyphens.*got 'x\$\{Token\['/);
  });

  test('a real token alias is fine for a construct but refused by every text export, naming it', () => {
    const catalog = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: Lazy.string({ produce: () => 'real' }) });
    expect(catalog.firewallDomains().some((d) => d.includes('${Token['))).toBe(true);
    expect(() => catalog.toDomainList()).toThrow(/^instanceAlias is an unresolved token; a domain list needs the literal value/);
    expect(() => catalog.toCsv()).toThrow(/^instanceAlias is an unresolved token; CSV needs/);
    expect(() => catalog.toJson()).toThrow(/^instanceAlias is an unresolved token; JSON needs/);
    expect(() => catalog.toSuricataRules({ homeNet: ['10.0.0.0/8'] })).toThrow(/^instanceAlias is an unresolved token; Suricata rules needs/);
  });
});

describe('repro 5b: the Suricata CLI export applies the constructs\' HOME_NET rules', () => {
  test.each([
    [Array.from({ length: 600 }, (_v, i) => `10.${i >> 8}.${i & 255}.0/24`).join(','), /--home-net must be comma-separated network CIDRs .*: homeNet expand to \d+ characters/],
    ['10.0.0.0/16,10.0.0.0/16', /--home-net must be comma-separated network CIDRs .*home-net\[1\] must not repeat a CIDR/],
    ['2001:DB8::/32', /--home-net must be comma-separated network CIDRs .*home-net\[0\] must be a canonical CIDR.*did you mean '2001:db8::\/32'/],
  ])('--home-net %#', async (homeNet, message) => {
    const r = await cli('allow-list', '--region', 'us-east-1', '--alias', 'a', '--format', 'suricata', '--home-net', homeNet,
      '--ip-ranges', IP_RANGES_FILE);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
  });
});

describe('repro 5a: BgpAuthKey parts are checked against Secrets Manager\'s rules; the reference is built from checked parts', () => {
  const secret = () => new secretsmanager.Secret(new Stack(new App(), 'S'), 'Key');

  test.each([
    ['versionId', () => BgpAuthKey.fromSecret(secret(), 'bgpKey', 'v}}{{resolve:ssm:/x')],
    ['jsonField', () => BgpAuthKey.fromSecret(secret(), 'a:b')],
    ['jsonField', () => BgpAuthKey.fromSecret(secret(), 'a}}{{resolve:ssm:/x')],
    ['jsonField', () => BgpAuthKey.fromSecret(secret(), 'has space')],
    ['authKey.secretName', () => BgpAuthKey.generate({ secretName: 'a b\n}}' })],
    ['authKey.versionId', () => BgpAuthKey.generate({ versionId: 'short' })],
    ['secret.secretName', () => BgpAuthKey.fromSecret(secretsmanager.Secret.fromSecretNameV2(new Stack(new App(), 'S'), 'I', 'a b}}'))],
  ])('%s is refused, naming it', (field, make) => {
    expect(make).toThrow(new RegExp(`^${field.replace('.', '\\.')} must be .*Secrets Manager's rule`));
  });

  test('checked parts and real tokens pass', () => {
    expect(() => BgpAuthKey.fromSecret(secret(), 'bgp_key-1.v2', 'a1b2c3d4-0000-1111-2222-333344445555')).not.toThrow();
    expect(() => BgpAuthKey.generate({ secretName: 'dx/bgp+key=1@x.y_z', versionId: Lazy.string({ produce: () => 'x' }) })).not.toThrow();
  });
});
