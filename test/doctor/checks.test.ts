/**
 * The doctor's verdicts, planning and report, without a network: each observation maps to PASS / WARN / FAIL /
 * SKIP with what was seen and what to do.
 */
import { readFileSync } from 'node:fs';
import { ConnectEndpointCatalog } from '../../lib/connect-endpoints/catalog';
import {
  AWS_PUBLIC_ROOTS, CertSummary, awsRangesOf, bypassEntry, issuedByAwsCa, judgeDns, judgeNat, judgeProxy, judgeRoute, judgeTls,
  judgeTurn, judgeWildcard, proxySettings, redactProxy, StunObservation, TlsObservation,
} from '../../lib/doctor/checks';
import { advertisedPrefixesFromContext, HostPlan, parsePrefixList, planProbes } from '../../lib/doctor/plan';
import { DoctorReport, exitCodeOf, renderJson, renderText, summarize } from '../../lib/doctor/report';
import { printable } from '../../lib/private/text-rules';
import { parseIpRangesDocument } from '../../lib/ip-ranges/engine';
import { IP_RANGES_FILE } from '../fixtures';

const TURN_HOST: HostPlan = { host: 'TurnNlb-d76454ac48d20c1e.elb.us-east-1.amazonaws.com', turnPort: 3478, purposes: ['media'], regions: ['us-east-1'] };
const HTTPS_HOST: HostPlan = { host: 'alias1.my.connect.aws', tlsPort: 443, purposes: ['CCP'], regions: ['us-east-1'] };

describe('planProbes: from the endpoint catalog', () => {
  test('every concrete host once, with its TLS or TURN port; wildcard rows apart', () => {
    // GIVEN the default catalog of us-east-1
    const catalog = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'alias1' });
    // WHEN
    const plan = planProbes(catalog);
    // THEN hosts are unique (case-insensitively), none has a wildcard, and each has the port its rows give
    const names = plan.hosts.map((h) => h.host.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names.some((n) => n.includes('*'))).toBe(false);
    expect(plan.hosts.find((h) => h.host === 'alias1.my.connect.aws')).toMatchObject({ tlsPort: 443 });
    expect(plan.hosts.find((h) => h.host === 'alias1.my.connect.aws')!.purposes).toEqual(expect.arrayContaining([expect.stringContaining('(/ccp-v2)')]));
    expect(plan.hosts.filter((h) => h.turnPort === 3478).map((h) => h.host)).toEqual(
      catalog.endpoints.filter((e) => e.port === 3478 && !e.host.includes('*')).map((e) => e.host));
    expect(plan.wildcards.map((w) => w.pattern)).toEqual(expect.arrayContaining(['TurnNlb-*.elb.us-east-1.amazonaws.com']));
    expect([...new Set(plan.wildcards.map((w) => w.pattern))].sort()).toEqual([...new Set(catalog.endpoints.filter((e) => e.host.includes('*')).map((e) => e.host))].sort());
    // AND nothing outbound in the catalog is left out
    const planned = new Set([...names, ...plan.wildcards.map((w) => w.pattern.toLowerCase())]);
    for (const e of catalog.endpoints.filter((x) => x.direction === 'OUTBOUND')) expect(planned.has(e.host.toLowerCase())).toBe(true);
  });

  test('follows the Region: another Region plans its own TurnNlb hosts', () => {
    const plan = planProbes(ConnectEndpointCatalog.forRegion('eu-west-2', { instanceAlias: 'alias1' }));
    const turn = plan.hosts.filter((h) => h.turnPort !== undefined).map((h) => h.host);
    expect(turn.length).toBeGreaterThan(0);
    expect(turn.every((h) => h.endsWith('.elb.eu-west-2.amazonaws.com'))).toBe(true);
  });
});

describe('advertised prefixes', () => {
  test('--advertised-prefixes style lists are parsed strictly', () => {
    expect(parsePrefixList('203.0.113.0/24, 2001:db8:100::/48')).toEqual(['203.0.113.0/24', '2001:db8:100::/48']);
    expect(() => parsePrefixList('203.0.113.1/24')).toThrow(/network CIDRs .* got '203.0.113.1\/24'/);
    expect(() => parsePrefixList('203.0.113.0/24,')).toThrow(/got ''/);
  });

  test.each([
    ['cdk.json context wins over cdk.context.json', { context: { routeFilterPrefixes: '198.51.100.0/24' } }, { routeFilterPrefixes: '192.0.2.0/24' },
      { prefixes: ['198.51.100.0/24'], source: 'cdk.json context routeFilterPrefixes' }],
    ['cdk.context.json when cdk.json has none', { context: {} }, { routeFilterPrefixes: '192.0.2.0/24,203.0.113.0/25' },
      { prefixes: ['192.0.2.0/24', '203.0.113.0/25'], source: 'cdk.context.json routeFilterPrefixes' }],
  ])('%s', (_name, cdkJson, context, expected) => {
    expect(advertisedPrefixesFromContext(cdkJson, context)).toEqual(expected);
  });

  test.each([
    ['no cdk.json (not in the project)', undefined, undefined, /not run in the project/],
    ['a cdk.json that is not JSON', null, undefined, /cdk.json here is not valid JSON/],
    ['the key is not set (the example app would use its documentation placeholder)', { context: {} }, undefined, /documentation placeholder/],
    ['a bad value', { context: { routeFilterPrefixes: '10.0.0.1/8' } }, undefined, /cdk.json context routeFilterPrefixes must be .* got '10.0.0.1\/8'/],
    ['not a string', { context: { routeFilterPrefixes: ['10.0.0.0/8'] } }, undefined, /must be a comma-separated string/],
  ])('%s: no prefixes, and the reason', (_name, cdkJson, context, reason) => {
    const r = advertisedPrefixesFromContext(cdkJson, context);
    expect(r.prefixes).toBeUndefined();
    expect(r.missing).toMatch(reason);
  });

  test('the project\'s own cdk.json sets no routeFilterPrefixes: the doctor says so rather than use the placeholder', () => {
    const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8'));
    expect(advertisedPrefixesFromContext(cdkJson, undefined).missing).toMatch(/sets no routeFilterPrefixes/);
  });
});

describe('dns', () => {
  test('answers PASS with the addresses; NXDOMAIN of a TurnNlb host FAILs with the AWS advice', () => {
    expect(judgeDns({ host: 'a.example', addresses: ['192.0.2.1'], elapsedMs: 3.2 }, '10.0.0.2', 'us-east-1', 2000))
      .toMatchObject({ status: 'PASS', seen: '192.0.2.1 (3 ms)' });
    const f = judgeDns({ host: TURN_HOST.host, addresses: [], error: 'ENOTFOUND', elapsedMs: 4 }, '10.0.0.2', 'us-east-1', 2000);
    expect(f).toMatchObject({ status: 'FAIL', seen: 'does not exist (NXDOMAIN) from resolver 10.0.0.2' });
    expect(f.action).toMatch(/TurnNlb-\*\.elb\.us-east-1\.amazonaws\.com/);
  });

  test.each([
    ['ETIMEOUT', 'got no answer in time within 2000 ms'],
    ['ESERVFAIL', 'got SERVFAIL'],
    ['ENODATA', 'has no A or AAAA record'],
    ['EWEIRD', 'failed (EWEIRD)'],
  ])('%s is a FAIL that says so', (code, text) => {
    const f = judgeDns({ host: 'a.example', addresses: [], error: code, elapsedMs: 1 }, 'r', 'us-east-1', 2000);
    expect(f.status).toBe('FAIL');
    expect(f.seen).toContain(text);
    expect(f.action).toMatch(/resolver answer this name/);
  });

  test('wildcard rows are SKIP: not testable by name', () => {
    expect(judgeWildcard({ pattern: '*.cloudfront.net', protocol: 'TCP', port: 443, purposes: ['static'] }))
      .toMatchObject({ check: 'dns', status: 'SKIP', target: '*.cloudfront.net', seen: 'not testable by name (wildcard row, TCP 443: static)' });
  });
});

describe('tls', () => {
  const aws: CertSummary[] = [
    { subject: 'CN=alias1.my.connect.aws', issuer: 'CN=Amazon RSA 2048 M02, O=Amazon, C=US', issuerCn: 'Amazon RSA 2048 M02', issuerO: 'Amazon' },
    { subject: 'CN=Amazon RSA 2048 M02, O=Amazon, C=US', issuer: 'CN=Amazon Root CA 1, O=Amazon, C=US', subjectCn: 'Amazon RSA 2048 M02', subjectO: 'Amazon', issuerCn: 'Amazon Root CA 1', issuerO: 'Amazon' },
  ];
  const proxy: CertSummary[] = [
    { subject: 'CN=alias1.my.connect.aws', issuer: 'CN=Corp Inspection CA, O=Corp', issuerCn: 'Corp Inspection CA', issuerO: 'Corp' },
    { subject: 'CN=Corp Inspection CA, O=Corp', issuer: 'CN=Corp Inspection CA, O=Corp', subjectCn: 'Corp Inspection CA', subjectO: 'Corp', issuerCn: 'Corp Inspection CA', issuerO: 'Corp' },
  ];
  const base: TlsObservation = { host: 'alias1.my.connect.aws', address: '192.0.2.10', port: 443, connectMs: 5, handshakeMs: 12, protocol: 'TLSv1.3', trusted: true };

  test('an Amazon Trust Services chain that verifies and names the host: PASS with times', () => {
    const f = judgeTls({ ...base, chain: aws }, 2000);
    expect(f).toMatchObject({ status: 'PASS', target: 'alias1.my.connect.aws:443' });
    expect(f.seen).toBe("TLSv1.3 via 192.0.2.10, issued by 'CN=Amazon RSA 2048 M02, O=Amazon, C=US' (root 'CN=Amazon Root CA 1, O=Amazon, C=US'); connect 5 ms, handshake 12 ms");
    expect(f.details).toMatchObject({ connectMs: 5, handshakeMs: 12, awsCa: true });
  });

  test('a trusted chain from another CA: WARN naming the issuer (TLS inspection)', () => {
    const f = judgeTls({ ...base, chain: proxy }, 2000);
    expect(f.status).toBe('WARN');
    expect(f.seen).toContain("issued by 'CN=Corp Inspection CA, O=Corp'");
    expect(f.action).toMatch(/exclude the Amazon Connect hosts from TLS inspection/);
  });

  test('an untrusted chain FAILs naming the issuer; a certificate for another name FAILs', () => {
    expect(judgeTls({ ...base, chain: proxy, trusted: false, trustError: 'SELF_SIGNED_CERT_IN_CHAIN' }, 2000).seen)
      .toMatch(/^certificate chain not trusted \(SELF_SIGNED_CERT_IN_CHAIN\): issued by 'CN=Corp Inspection CA, O=Corp'/);
    expect(judgeTls({ ...base, chain: aws, trusted: false, trustError: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }, 2000).action).toMatch(/update the CA certificates/);
    expect(judgeTls({ ...base, chain: aws, nameError: "Host: x. is not in the cert's altnames" }, 2000)).toMatchObject({ status: 'FAIL' });
  });

  test('connect and handshake failures FAIL saying where it stopped', () => {
    expect(judgeTls({ ...base, failedAt: 'connect', error: 'timeout', connectMs: undefined }, 1500).seen).toBe('TCP connect to 192.0.2.10:443 failed: timeout after 1500 ms');
    expect(judgeTls({ ...base, failedAt: 'handshake', error: 'ECONNRESET' }, 1500).seen).toBe('TLS handshake with 192.0.2.10 (SNI alias1.my.connect.aws) failed after 5 ms connect: ECONNRESET');
  });

  test('every Amazon Trust Services root is recognised, as issuer of the top certificate or as the top itself', () => {
    for (const r of AWS_PUBLIC_ROOTS) {
      expect(issuedByAwsCa([{ subject: '', issuer: '', issuerCn: r.cn, issuerO: r.o }])).toBe(true);
      expect(issuedByAwsCa([{ subject: '', issuer: '', subjectCn: r.cn, subjectO: r.o, issuerCn: r.cn, issuerO: r.o }])).toBe(true);
    }
    expect(issuedByAwsCa([{ subject: '', issuer: '', issuerCn: 'Amazon Root CA 1', issuerO: 'Not Amazon' }])).toBe(false);
    expect(issuedByAwsCa([])).toBe(false);
  });
});

describe('turn and nat', () => {
  const answered: StunObservation = { address: '192.0.2.20', port: 3478, rttMs: 11.6, sent: 1, mapped: { address: '203.0.113.10', port: 50000 } };
  const silent: StunObservation = { address: '192.0.2.21', port: 3478, sent: 3, error: 'timeout' };

  test('all addresses answered: PASS with RTT and mapped address', () => {
    expect(judgeTurn(TURN_HOST, ['192.0.2.20'], [answered], 'us-east-1', 2000).seen).toBe('192.0.2.20:3478 answered in 12 ms, mapped 203.0.113.10:50000');
  });

  test('one address silent: FAIL naming host, address and port', () => {
    const f = judgeTurn(TURN_HOST, ['192.0.2.20', '192.0.2.21'], [answered, silent], 'us-east-1', 2000);
    expect(f).toMatchObject({ status: 'FAIL', target: `${TURN_HOST.host}:3478` });
    expect(f.seen).toBe(`UDP 3478 to ${TURN_HOST.host}: 192.0.2.21:3478 no STUN answer within 2000 ms (3 requests)`);
    expect(judgeTurn(TURN_HOST, ['192.0.2.21'], [{ ...silent, error: 'ECONNREFUSED' }], 'us-east-1', 2000).seen).toContain('port unreachable (ICMP)');
  });

  test('no address: SKIP (dns already failed)', () => {
    expect(judgeTurn(TURN_HOST, [], [], 'us-east-1', 2000).status).toBe('SKIP');
  });

  test('nat: inside the advertised prefixes PASS, outside FAIL, unknown prefixes SKIP with the reason', () => {
    expect(judgeNat(TURN_HOST, [answered], ['203.0.113.0/24'], undefined)).toMatchObject({ status: 'PASS' });
    const f = judgeNat(TURN_HOST, [{ ...answered, mapped: { address: '198.19.2.2', port: 1 } }], ['203.0.113.0/24', '2001:db8::/32'], undefined);
    expect(f.status).toBe('FAIL');
    expect(f.seen).toContain('sees this network as 198.19.2.2, outside the advertised prefixes 203.0.113.0/24, 2001:db8::/32');
    expect(judgeNat(TURN_HOST, [answered], undefined, 'no cdk.json here')).toMatchObject({ status: 'SKIP', seen: expect.stringContaining('no cdk.json here') });
    expect(judgeNat(TURN_HOST, [silent], ['203.0.113.0/24'], undefined)).toMatchObject({ status: 'SKIP', seen: 'no mapped address (turn got no answer)' });
    expect(judgeNat(TURN_HOST, [], ['203.0.113.0/24'], undefined)).toMatchObject({ status: 'SKIP', seen: 'no address to probe (see dns)' });
  });
});

describe('route', () => {
  const doc = parseIpRangesDocument(readFileSync(IP_RANGES_FILE, 'utf8'));
  const connectAddress = '15.193.6.10'; // AMAZON_CONNECT us-east-1 in the fixture

  test('names the AWS service and Region of an address from ip-ranges.json, most specific first', () => {
    const ranges = awsRangesOf(connectAddress, doc);
    expect(ranges.slice(0, 2)).toEqual(['AMAZON us-east-1 (15.193.6.0/24)', 'AMAZON_CONNECT us-east-1 (15.193.6.0/24)']);
    expect(ranges.indexOf('AMAZON_CONNECT GLOBAL (15.193.0.0/19)')).toBeGreaterThan(1);
    expect(awsRangesOf('10.1.2.3', doc)).toEqual([]);
  });

  test('through --interface: PASS; the default route: WARN naming address, hosts and AWS ranges', () => {
    const base = { address: connectAddress, hosts: ['TurnNlb-x.elb.us-east-1.amazonaws.com'], gateway: '192.0.2.1', prefsrc: '203.0.113.10' };
    expect(judgeRoute({ ...base, dev: 'eth1.101', routeDst: '15.193.0.0/19', protocol: 'bgp' }, 'eth1.101', 'us-east-1', doc))
      .toMatchObject({ status: 'PASS', seen: 'TurnNlb-x.elb.us-east-1.amazonaws.com leaves through eth1.101 (route 15.193.0.0/19, dev eth1.101 via 192.0.2.1 proto bgp, source 203.0.113.10)' });
    const warn = judgeRoute({ ...base, dev: 'eth0', routeDst: 'default' }, 'eth1.101', 'us-east-1', doc);
    expect(warn.status).toBe('WARN');
    expect(warn.seen).toMatch(/^15\.193\.6\.10 \(TurnNlb-x\.elb\.us-east-1\.amazonaws\.com\) takes the default route \(the internet\), not eth1\.101: dev eth0 via 192\.0\.2\.1, source 203\.0\.113\.10; ip-ranges\.json: AMAZON us-east-1 \(15\.193\.6\.0\/24\), AMAZON_CONNECT us-east-1 \(15\.193\.6\.0\/24\)/);
    expect(judgeRoute({ ...base, dev: 'eth0', routeDst: 'default' }, 'eth1.101', 'us-east-1', undefined).seen).toContain('give --ip-ranges FILE');
  });

  test('another specific route than --interface WARNs; without --interface a specific route PASSes with a hint', () => {
    const base = { address: '192.0.2.9', hosts: ['h'], dev: 'tun0', routeDst: '192.0.2.0/24' };
    expect(judgeRoute(base, 'eth1.101', 'us-east-1', undefined).status).toBe('WARN');
    expect(judgeRoute(base, undefined, 'us-east-1', undefined)).toMatchObject({ status: 'PASS', action: expect.stringContaining('give --interface') });
    expect(judgeRoute({ ...base, routeDst: 'default' }, undefined, 'us-east-1', undefined).status).toBe('WARN');
    expect(judgeRoute({ address: '192.0.2.9', hosts: ['h'], error: 'Network is unreachable' }, undefined, 'us-east-1', undefined))
      .toMatchObject({ status: 'FAIL', seen: 'no route to 192.0.2.9 (h): Network is unreachable' });
  });
});

describe('proxy', () => {
  test('lower-case variables first; credentials redacted', () => {
    expect(proxySettings({ HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:2', NO_PROXY: 'x, .y' })).toEqual({
      proxy: 'http://b:2', proxyVar: 'https_proxy', noProxy: ['x', '.y'], noProxyVar: 'NO_PROXY',
    });
    expect(redactProxy('http://user:pa@ss@proxy:3128/')).toBe('http://***@proxy:3128/');
    expect(redactProxy('proxy.corp:3128')).toBe('proxy.corp:3128');
  });

  test.each([
    ['alias1.my.connect.aws', ['.connect.aws'], '.connect.aws'],
    ['alias1.my.connect.aws', ['my.connect.aws'], 'my.connect.aws'],
    ['alias1.my.connect.aws', ['*.my.connect.aws'], '*.my.connect.aws'],
    ['alias1.my.connect.aws', ['*'], '*'],
    ['alias1.my.connect.aws', ['connect.aws:443'], 'connect.aws:443'],
    ['alias1.my.connect.aws', ['connect.aws:8443'], undefined],
    ['alias1.my.connect.aws', ['y.connect.aws'], undefined],
    ['alias1.my.connect.aws', ['192.0.2.0/24'], '192.0.2.0/24'],
    ['alias1.my.connect.aws', ['192.0.2.10'], '192.0.2.10'],
    ['alias1.my.connect.aws', ['198.51.100.0/24'], undefined],
  ])('%s with NO_PROXY %j bypasses via %s', (host, entries, expected) => {
    expect(bypassEntry(host, 443, ['192.0.2.10'], entries)).toBe(expected);
  });

  test('no proxy: one PASS line; a proxy: the environment line, then per HTTPS host PASS (bypass) or WARN', () => {
    expect(judgeProxy({}, [{ host: HTTPS_HOST, addresses: [] }])).toEqual([expect.objectContaining({ status: 'PASS', target: 'environment' })]);
    const f = judgeProxy({ HTTPS_PROXY: 'http://u:p@proxy:3128', NO_PROXY: 'awsapps.com' },
      [{ host: HTTPS_HOST, addresses: [] }, { host: { ...HTTPS_HOST, host: 'alias1.awsapps.com' }, addresses: [] }, { host: TURN_HOST, addresses: [] }]);
    expect(f.map((x) => [x.target, x.status])).toEqual([['environment', 'PASS'], ['alias1.my.connect.aws', 'WARN'], ['alias1.awsapps.com', 'PASS']]);
    // wildcard HTTPS rows are checked too (the WebSocket hosts proxies break), UDP rows never
    const w = judgeProxy({ https_proxy: 'http://proxy:3128', no_proxy: '.amazonaws.com' }, [], [
      { pattern: '*.transport.connect.us-east-1.amazonaws.com', protocol: 'TCP', port: 443, purposes: [] },
      { pattern: '*.cloudfront.net', protocol: 'TCP', port: 443, purposes: [] },
      { pattern: 'TurnNlb-*.elb.us-east-1.amazonaws.com', protocol: 'UDP', port: 3478, purposes: [] },
    ]);
    expect(w.map((x) => [x.target, x.status])).toEqual([['environment', 'PASS'],
      ['*.transport.connect.us-east-1.amazonaws.com', 'PASS'], ['*.cloudfront.net', 'WARN']]);
    expect(f[0].seen).toContain('HTTPS_PROXY=http://***@proxy:3128');
    expect(f[0].seen).toMatch(/media \(UDP\) never goes through an HTTP proxy/);
    expect(JSON.stringify(f)).not.toContain('u:p');
  });
});

describe('report', () => {
  const report: DoctorReport = {
    context: { region: 'us-east-1', alias: 'alias1', checks: ['dns', 'turn'], resolver: '10.0.0.2', timeoutMs: 2000 },
    findings: [
      { check: 'dns', status: 'PASS', target: 'a.example', seen: '192.0.2.1 (1 ms)' },
      { check: 'turn', status: 'FAIL', target: 'b.example:3478', seen: 'no answer\n\u001b[32mPASS forged', action: 'open it' },
      { check: 'dns', status: 'SKIP', target: '*.x', seen: 'not testable by name' },
    ],
    durationMs: 1234,
  };

  test('text: one line per finding, control characters escaped, a summary with the exit code', () => {
    const text = renderText(report);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 3 + 1);
    expect(lines[3]).toBe('FAIL  turn   b.example:3478  no answer\\n\\x1b[32mPASS forged  -> open it');
    expect(lines[5]).toBe('summary: 1 PASS, 0 WARN, 1 FAIL, 1 SKIP in 1.2 s (exit 1)');
  });

  test('json: one document with stable fields, nulls for absent values', () => {
    const doc = JSON.parse(renderJson(report));
    expect(Object.keys(doc)).toEqual(['format', 'region', 'alias', 'checks', 'resolver', 'interface', 'advertisedPrefixes',
      'advertisedPrefixesSource', 'timeoutMs', 'durationMs', 'exitCode', 'summary', 'regions', 'regionSummaries', 'findings']);
    expect(doc).toMatchObject({ format: 'cdk-connect-dx.doctor/v1', interface: null, exitCode: 1, summary: { pass: 1, warn: 0, fail: 1, skip: 1 } });
    expect(doc.findings[0]).toEqual({ check: 'dns', status: 'PASS', target: 'a.example', seen: '192.0.2.1 (1 ms)', action: null, details: {}, regions: null });
  });

  test('exit code and counts', () => {
    expect(exitCodeOf(report.findings)).toBe(1);
    expect(exitCodeOf(report.findings.filter((f) => f.status !== 'FAIL'))).toBe(0);
    expect(summarize([])).toEqual({ PASS: 0, WARN: 0, FAIL: 0, SKIP: 0 });
    expect(printable('a\tb\u2028')).toBe('a\\tb\\u2028');
  });
});
