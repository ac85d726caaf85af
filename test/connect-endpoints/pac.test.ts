import * as vm from 'node:vm';
import { Lazy } from 'aws-cdk-lib';
import { ConnectEndpointCatalog, ConnectFeature, EndpointSet } from '../../lib';

/**
 * The PAC helper functions as browsers implement them (Mozilla's PAC runtime, ascii_pac_utils / ProxyAutoConfig):
 * dnsDomainIs is a plain suffix test, shExpMatch turns a shell expression into an anchored regular expression.
 */
const BROWSER_PAC_UTILS = `
function dnsDomainIs(host, domain) {
  return (host.length >= domain.length && host.substring(host.length - domain.length) == domain);
}
function shExpMatch(url, pattern) {
  pattern = pattern.replace(/\\./g, '\\\\.');
  pattern = pattern.replace(/\\*/g, '.*');
  pattern = pattern.replace(/\\?/g, '.');
  var newRe = new RegExp('^' + pattern + '$');
  return newRe.test(url);
}
`;

/** Loads a PAC file into a fresh sandbox and returns its FindProxyForURL. */
function load(pac: string): (host: string) => string {
  const sandbox: Record<string, unknown> = {};
  vm.createContext(sandbox);
  vm.runInContext(BROWSER_PAC_UTILS + pac, sandbox, { timeout: 1000 });
  const find = sandbox.FindProxyForURL as (url: string, host: string) => string;
  expect(typeof find).toBe('function');
  return (host) => find(`https://${host}/`, host);
}

/** A concrete host name a pattern matches: each `*` replaced by a label fragment. */
const instanceOf = (pattern: string) => pattern.replace(/\*/g, 'x1');

describe('toPac: evaluated as a browser does', () => {
  const catalog = ConnectEndpointCatalog.forRegion('eu-west-2', {
    instanceAlias: 'myinst',
    features: [ConnectFeature.VIDEO_CALLING, ConnectFeature.SCREEN_RECORDING, ConnectFeature.attachments('chat-files')],
  });

  test('every catalog host (TURN hosts included) goes DIRECT, everything else to the proxy', () => {
    // GIVEN the PAC file for the catalog with a proxy
    const find = load(catalog.toPac({ proxy: 'proxy.example.com:3128' }));
    // THEN every host of the catalog, wildcards filled in, goes DIRECT
    for (const e of catalog.endpoints) {
      expect([e.host, find(instanceOf(e.host))]).toEqual([e.host, 'DIRECT']);
    }
    expect(find('TurnNlb-1dc64a459ead57ea.elb.eu-west-2.amazonaws.com')).toBe('DIRECT');
    expect(find('turnnlb-0123456789abcdef.elb.eu-west-2.amazonaws.com')).toBe('DIRECT');
    expect(find('MYINST.MY.CONNECT.AWS')).toBe('DIRECT');
    // AND hosts outside the catalog, look-alikes included, go to the proxy
    for (const other of [
      'example.com', 'cloudfront.net', 'evilcloudfront.net', 'x.cloudfront.net.evil.example', 'other.my.connect.aws',
      'xmyinst.my.connect.aws', 'myinst.my.connect.aws.evil.example', 'x.execute-api.eu-west-2.amazonaws.com',
      'x.s3.dualstack.eu-west-1.amazonaws.com', 'TurnNlb-1.elb.us-east-1.amazonaws.com', 'signin.aws.evil.example',
      'rtc.connect-telecom.eu-west-1.amazonaws.com', 'screenrecording.connect.aws.evil.example',
    ]) {
      expect([other, find(other)]).toEqual([other, 'PROXY proxy.example.com:3128']);
    }
  });

  test('without a proxy everything goes DIRECT', () => {
    const find = load(catalog.toPac());
    expect(find('example.com')).toBe('DIRECT');
    expect(find('myinst.my.connect.aws')).toBe('DIRECT');
  });

  test('wildcards become dnsDomainIs / shExpMatch, names an exact comparison; the header names the read date', () => {
    const pac = catalog.toPac({ proxy: '10.0.0.8:8080' });
    expect(pac).toContain('dnsDomainIs(host, ".cloudfront.net")');
    expect(pac).toContain('shExpMatch(host, "rtc*.connect-telecom.eu-west-2.amazonaws.com")');
    expect(pac).toContain('shExpMatch(host, "turnnlb-*.elb.eu-west-2.amazonaws.com")');
    expect(pac).toContain('host == "myinst.my.connect.aws"');
    expect(pac).not.toMatch(/dnsDomainIs\(host, "[^.]/); // never a suffix test on a plain name
    expect(pac).toContain('(AWS pages read 2026-12-01)');
    expect(pac).toContain('return "PROXY 10.0.0.8:8080";');
  });

  test('LEGACY endpoints appear in the PAC only when chosen', () => {
    const legacy = ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'myinst', endpointSets: [EndpointSet.LEGACY] });
    const find = load(legacy.toPac({ proxy: 'p.example:1' }));
    expect(find('x.execute-api.eu-west-2.amazonaws.com')).toBe('DIRECT');
    expect(find('rtc.cell-1.prod.eu-west-2.prod.connect.aws.a2z.com')).toBe('DIRECT');
  });

  test.each([
    ['proxy.example.com'], ['proxy.example.com:0'], ['proxy.example.com:65536'], ['proxy example.com:80'],
    ['proxy.example.com:80"; return "DIRECT'], ['2001:db8::1:3128'], [''],
  ])('proxy %j is refused', (proxy) => {
    expect(() => catalog.toPac({ proxy })).toThrow(/^pacProxy (must be HOST:PORT|port must be|host must be)/);
  });

  const label63 = 'a'.repeat(63);
  const host253 = [label63, label63, label63, 'b'.repeat(61)].join('.');
  test.each([
    ['[.]:80', /^pacProxy host must be an IPv6 address inside \[ \], got '\[\.\]'/],
    ['[]:80', /^pacProxy host must be an IPv6 address inside \[ \]/],
    ['999.999.999.999:80', /^pacProxy host must be a dotted-quad IPv4 address \(four numbers 0-255\), got '999.999.999.999'/],
    ['10.0.0:80', /^pacProxy host must be a dotted-quad IPv4 address/],
    ['010.0.0.8:80', /^pacProxy host must be a dotted-quad IPv4 address/],
    [`${host253}xx:80`, /^pacProxy host must be at most 253 characters, got 255$/],
    [`${'c'.repeat(64)}.example.com:80`, /^pacProxy host must be a DNS name of labels of 1 to 63 letters, digits and inner hyphens, got .*\(label 'c{64}'\)/],
    ['-proxy.example.com:80', /^pacProxy host must be a DNS name .*\(label '-proxy'\)/],
    ['proxy..example.com:80', /^pacProxy host must be a DNS name .*\(label ''\)/],
    ['host:080', /^pacProxy port must be from 1 to 65535 without leading zeros, got '080'/],
    ['host:0', /^pacProxy port must be from 1 to 65535 without leading zeros, got '0'/],
    ['host:65536', /^pacProxy port must be from 1 to 65535/],
  ])('proxy %j is refused with the rule it breaks', (proxy, message) => {
    expect(() => catalog.toPac({ proxy: proxy as string })).toThrow(message as RegExp);
  });

  test.each([['proxy.example.com:3128'], ['10.0.0.8:8080'], ['[2001:db8::8]:3128'], ['p:1'], [`${host253}:65535`], ['[::ffff:192.0.2.1]:80']])('proxy %j is accepted', (proxy) => {
    expect(load(catalog.toPac({ proxy }))('example.com')).toBe(`PROXY ${proxy}`);
  });

  test('a token instance alias cannot go into a PAC file', () => {
    const tokenCatalog = ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: Lazy.string({ produce: () => 'a' }) });
    expect(() => tokenCatalog.toPac()).toThrow(/^instanceAlias is an unresolved token; a PAC file needs the literal value/);
  });
});
