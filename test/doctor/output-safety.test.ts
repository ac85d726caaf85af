/**
 * doctor output safety (issue 23, item 5): proxy credentials never shown, `--json` valid JSON whatever remote text
 * holds (U+009B in a certificate subject or a STUN reason phrase is written \u009b, never \x9b), and bidirectional
 * controls (U+202E ...) escaped in text output. No network.
 */
import { judgeProxy, judgeTls, judgeTurn, redactProxy, StunObservation, TlsObservation } from '../../lib/doctor/checks';
import { HostPlan } from '../../lib/doctor/plan';
import { DoctorReport, exitCodeOf, Finding, renderJson, renderText } from '../../lib/doctor/report';
import { writeJson } from '../../lib/cli/io';
import { jsonDocument, printable } from '../../lib/private/text-rules';

const HTTPS_HOST: HostPlan = { host: 'alias1.my.connect.aws', tlsPort: 443, purposes: ['CCP'], regions: ['us-east-1'] };
const TURN_HOST: HostPlan = { host: 'TurnNlb-d76454ac48d20c1e.elb.us-east-1.amazonaws.com', turnPort: 3478, purposes: ['media'], regions: ['us-east-1'] };
const CSI = '\u009b';

function report(findings: Finding[]): DoctorReport {
  return {
    context: { region: 'us-east-1', alias: 'alias1', checks: ['dns', 'tls', 'turn', 'proxy'], resolver: '198.18.10.53:53', timeoutMs: 2000 },
    findings, durationMs: 1200,
  };
}

describe('proxy credentials are redacted wherever a proxy value is shown', () => {
  test.each([
    ['a leading space', ' http://alice:s3cr3t@proxy.corp:3128', 'http://***@proxy.corp:3128'],
    ['a trailing line break', 'http://alice:s3cr3t@proxy.corp:3128\n', 'http://***@proxy.corp:3128'],
    ['a password with /', 'http://alice:s3/cr3t@proxy.corp:3128', 'http://***@proxy.corp:3128'],
    ['a password with @ and /', 'https://alice:p@ss/w@rd@proxy.corp:3128/', 'https://***@proxy.corp:3128/'],
    ['no scheme', 'alice:s3/cr3t@proxy.corp:3128', '***@proxy.corp:3128'],
    ['no user', 'http://proxy.corp:3128', 'http://proxy.corp:3128'],
  ])('%s', (_name, value, shown) => {
    expect(redactProxy(value)).toBe(shown);
  });

  test.each([
    ['HTTPS_PROXY with a leading space', { HTTPS_PROXY: ' http://alice:s3cr3t@proxy.corp:3128' }],
    ['https_proxy with a password holding /', { https_proxy: 'http://alice:s3/cr3t@proxy.corp:3128', NO_PROXY: '.example.com' }],
  ])('%s: neither the user nor the password is in the text or the JSON report', (_name, env) => {
    // GIVEN / WHEN
    const findings = judgeProxy(env, [{ host: HTTPS_HOST, addresses: ['198.51.100.7'] }]);
    const text = renderText(report(findings));
    const json = renderJson(report(findings));
    // THEN
    for (const out of [text, json]) {
      expect(out).not.toMatch(/alice|s3cr3t|s3\/cr3t|cr3t/);
      expect(out).toContain('***@proxy.corp:3128');
    }
    expect(JSON.parse(json).findings[0].details.proxy).toBe('http://***@proxy.corp:3128');
  });
});

describe('--json: one JSON writer, every control character escaped the JSON way', () => {
  const tls: TlsObservation = {
    host: HTTPS_HOST.host, address: '198.51.100.7', port: 443, connectMs: 3, handshakeMs: 9, protocol: 'TLSv1.3', trusted: false,
    trustError: 'SELF_SIGNED_CERT_IN_CHAIN',
    chain: [{ subject: `CN=evil${CSI}31m\u202eexe.txt`, issuer: `CN=Inspect${CSI}2J CA`, subjectCn: `evil${CSI}31m`, issuerCn: `Inspect${CSI}2J CA`, validTo: 'Jan 1 00:00:00 2030 GMT' }],
  };
  const stun: StunObservation = { address: '198.51.100.9', port: 3478, sent: 1, rttMs: 12, error: `error response 400: Bad${CSI}31m Request\u202e\u0007` };

  test('U+009B in a certificate subject and a STUN reason phrase: valid JSON, the values round-trip, written \\u009b', () => {
    // GIVEN findings built from remote text
    const findings = [judgeTls(tls, 2000), judgeTurn(TURN_HOST, ['198.51.100.9'], [stun], 'us-east-1', 2000)];
    // WHEN
    const json = renderJson(report(findings));
    // THEN
    const doc = JSON.parse(json);
    expect(doc.findings[0].details.issuer).toBe(`CN=Inspect${CSI}2J CA`);
    expect(JSON.stringify(doc.findings[1])).toContain(`Bad${CSI}31m Request`);
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\u0007');
    expect(json).not.toContain('\\x9b');
    // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
    expect(json).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/);
  });

  test('jsonDocument escapes all of C0, DEL, C1 (\\u0080-\\u009f), U+2028/9 and the bidi controls, and stays JSON', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('') + '\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069';
    const text = jsonDocument({ all });
    expect(JSON.parse(text)).toEqual({ all });
    expect(text).toContain('\\u0080');
    expect(text).toContain('\\u009f');
    expect(text).toContain('\\u2069');
    expect(text).not.toMatch(/\\x[0-9a-f]{2}/);
    // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
    expect(text.slice(0, -1)).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });

  test('writeJson goes past the text filter (outJson) when the output has one', () => {
    const seen: Array<[string, string]> = [];
    writeJson({ out: (t) => seen.push(['out', t]), err: () => undefined, outJson: (t) => seen.push(['json', t]) }, { s: CSI });
    expect(seen).toEqual([['json', '{\n  "s": "\\u009b"\n}\n']]);
  });
});

describe('text output escapes the bidirectional controls as it escapes C0/C1', () => {
  test.each(['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])('U+%#', (c) => {
    const code = c.charCodeAt(0).toString(16);
    expect(printable(`a${c}b`)).toBe(`a\\u${code}b`);
  });

  test('a U+202E in a certificate subject reaches the text report escaped', () => {
    const finding: Finding = { check: 'tls', status: 'WARN', target: 'alias1.my.connect.aws:443', seen: 'issued by CN=\u202eAC evil\u009b' };
    const text = renderText(report([finding]));
    expect(text).toContain('CN=\\u202eAC evil\\x9b');
    expect(text).not.toMatch(/[\u202e\u009b]/);
  });
});

describe('a run that tested nothing does not exit 0', () => {
  test('every finding SKIP: exit 3, said in the summary line', () => {
    const findings: Finding[] = [{ check: 'route', status: 'SKIP', target: 'all hosts', seen: 'nothing to test' }];
    expect(exitCodeOf(findings)).toBe(3);
    expect(exitCodeOf([])).toBe(3);
    expect(renderText(report(findings))).toMatch(/summary: 0 PASS, 0 WARN, 0 FAIL, 1 SKIP in 1\.2 s \(exit 3: nothing could be tested\)/);
    expect(JSON.parse(renderJson(report(findings))).exitCode).toBe(3);
  });
});
