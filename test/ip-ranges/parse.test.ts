import { parseIpRangesDocument } from '../../lib/ip-ranges/engine';
import { ConnectDxValidationError } from '../../lib/private/errors';
import { realText } from './oracle';

/** A small valid document; `edit` changes the parsed object before it is serialised again. */
function docText(edit: (d: any) => void = () => undefined): string {
  const d: any = {
    syncToken: '1787411825',
    createDate: '2026-08-22-15-17-05',
    prefixes: [
      { ip_prefix: '15.193.0.0/19', region: 'GLOBAL', service: 'AMAZON_CONNECT', network_border_group: 'GLOBAL' },
      { ip_prefix: '15.193.6.0/24', region: 'us-east-1', service: 'AMAZON_CONNECT', network_border_group: 'us-east-1' },
      { ip_prefix: '52.55.191.224/27', region: 'us-east-1', service: 'AMAZON_CONNECT', network_border_group: 'us-east-1' },
    ],
    ipv6_prefixes: [
      { ipv6_prefix: '2600:f0f2:7100::/40', region: 'GLOBAL', service: 'AMAZON_CONNECT', network_border_group: 'GLOBAL' },
      { ipv6_prefix: '2600:f0f2:7101::/48', region: 'us-east-1', service: 'AMAZON_CONNECT', network_border_group: 'us-east-1' },
    ],
  };
  edit(d);
  return JSON.stringify(d);
}

describe('parseIpRangesDocument: valid input', () => {
  test('the real file parses with its header and counts', () => {
    // GIVEN the real snapshot (facts from test/fixtures/README.md)
    const text = realText();
    // WHEN
    const doc = parseIpRangesDocument(text);
    // THEN
    expect(doc.syncToken).toBe('1787411825');
    expect(doc.createDate).toBe('2026-08-22-15-17-05');
    expect(doc.ipv4).toHaveLength(10668);
    expect(doc.ipv6).toHaveLength(6160);
    expect(doc.ipv4[0]).toMatchObject({ prefix: '3.4.12.4/32', region: 'eu-west-1', service: 'AMAZON', networkBorderGroup: 'eu-west-1' });
    expect(doc.ipv6[0]).toMatchObject({ prefix: '2406:daba:f000::/40', region: 'ap-southeast-4', service: 'AMAZON' });
  });

  test('a small document keeps entries in file order', () => {
    const doc = parseIpRangesDocument(docText());
    expect(doc.ipv4.map((e) => e.prefix)).toEqual(['15.193.0.0/19', '15.193.6.0/24', '52.55.191.224/27']);
    expect(doc.ipv6.map((e) => e.region)).toEqual(['GLOBAL', 'us-east-1']);
  });

  test('unknown extra fields are ignored (AWS may add fields)', () => {
    const doc = parseIpRangesDocument(docText((d) => { d.newField = 1; d.prefixes[0].extra = 'x'; }));
    expect(doc.ipv4).toHaveLength(3);
  });

  test.each([
    ['0.0.0.0/0'], ['255.255.255.255/32'], ['10.0.0.0/8'], ['1.2.3.0/24'],
  ])('IPv4 %s is accepted', (p) => {
    expect(parseIpRangesDocument(docText((d) => { d.prefixes[0].ip_prefix = p; })).ipv4[0].prefix).toBe(p);
  });

  test.each([
    ['::/0'], ['2600:F0F2:7100::/40'], ['2001:db8:0:0:0:0:0:0/32'], ['::1/128'], ['ffff::/16'], ['1:2:3:4:5:6:7:8/128'], ['1::/16'],
  ])('IPv6 %s is accepted', (p) => {
    expect(parseIpRangesDocument(docText((d) => { d.ipv6_prefixes[0].ipv6_prefix = p; })).ipv6[0].prefix).toBe(p);
  });
});

describe('parseIpRangesDocument: refusals name the first bad entry', () => {
  const expectFailure = (text: string, message: RegExp | string): void => {
    let error: unknown;
    try {
      parseIpRangesDocument(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectDxValidationError);
    if (typeof message === 'string') expect((error as Error).message).toBe(message);
    else expect((error as Error).message).toMatch(message);
  };

  test('not JSON', () => {
    expectFailure('hello', /^ip-ranges\.json is not valid JSON \(.*; 5 characters received, truncated\?\)$/);
  });

  test('truncated JSON (the real file cut in half)', () => {
    const text = realText();
    expectFailure(text.slice(0, text.length >> 1), /^ip-ranges\.json is not valid JSON .*1300334 characters received, truncated\?/);
  });

  test('empty text', () => {
    expectFailure('', /^ip-ranges\.json is not valid JSON/);
  });

  test.each([
    ['[]', 'an array'], ['null', 'null'], ['"text"', "'text'"], ['42', '42'],
  ])('top level %s is not an object', (text, shown) => {
    expectFailure(text, `ip-ranges.json must be a JSON object with syncToken, createDate, prefixes and ipv6_prefixes, got ${shown}`);
  });

  test('missing syncToken', () => {
    expectFailure(docText((d) => { delete d.syncToken; }),
      'ip-ranges.json syncToken must be a string of digits (Unix seconds), got nothing (the field is missing)');
  });

  test('syncToken of the wrong type (number)', () => {
    expectFailure(docText((d) => { d.syncToken = 1787411825; }),
      'ip-ranges.json syncToken must be a string of digits (Unix seconds), got 1787411825');
  });

  test('syncToken not digits', () => {
    expectFailure(docText((d) => { d.syncToken = '17874x'; }), /^ip-ranges\.json syncToken must be a string of digits .*got '17874x'$/);
  });

  test.each([
    ['2026-08-22T15:17:05'], ['2026-13-22-15-17-05'], ['2026-08-32-15-17-05'], ['2026-08-22-24-17-05'],
    ['2026-08-22-15-60-05'], ['2026-8-22-15-17-05'], [''],
  ])('bad createDate %p', (value) => {
    expectFailure(docText((d) => { d.createDate = value; }),
      `ip-ranges.json createDate must be a date 'YYYY-MM-DD-hh-mm-ss', got '${value}'`);
  });

  test('createDate missing', () => {
    expectFailure(docText((d) => { delete d.createDate; }), /^ip-ranges\.json createDate .*got nothing \(the field is missing\)$/);
  });

  test('prefixes not an array', () => {
    expectFailure(docText((d) => { d.prefixes = { a: 1 }; }), 'ip-ranges.json prefixes must be an array, got an object');
  });

  test('ipv6_prefixes missing', () => {
    expectFailure(docText((d) => { delete d.ipv6_prefixes; }),
      'ip-ranges.json ipv6_prefixes must be an array, got nothing (the field is missing)');
  });

  test('an entry that is not an object', () => {
    expectFailure(docText((d) => { d.prefixes[1] = '10.0.0.0/8'; }), "ip-ranges.json prefixes[1] must be an object, got '10.0.0.0/8'");
  });

  test('an entry that is null', () => {
    expectFailure(docText((d) => { d.ipv6_prefixes[1] = null; }), 'ip-ranges.json ipv6_prefixes[1] must be an object, got null');
  });

  test('missing ip_prefix', () => {
    expectFailure(docText((d) => { delete d.prefixes[2].ip_prefix; }),
      'ip-ranges.json prefixes[2].ip_prefix must be an IPv4 CIDR, got nothing (the field is missing)');
  });

  test('ip_prefix of the wrong type', () => {
    expectFailure(docText((d) => { d.prefixes[0].ip_prefix = 167772160; }),
      'ip-ranges.json prefixes[0].ip_prefix must be an IPv4 CIDR, got 167772160');
  });

  test('bad IPv4 CIDR (the example from the brief)', () => {
    expectFailure(docText((d) => { d.prefixes[1].ip_prefix = '10.0.0.300/24'; }),
      "ip-ranges.json prefixes[1].ip_prefix must be an IPv4 CIDR, got '10.0.0.300/24'");
  });

  test.each([
    ['10.0.0.0'], ['10.0.0.0/33'], ['10.0.0.0/08'], ['010.0.0.0/8'], ['10.0.0/8'], ['10.0.0.0.0/8'], [' 10.0.0.0/8'],
    ['10.0.0.0/8 '], ['10.0.0.0/8/8'], ['10.0.0.0/'], ['/8'], [''], ['10.0.-1.0/24'], ['1e1.0.0.0/8'], ['10..0.0/16'],
  ])('IPv4 syntax %p is refused', (p) => {
    expectFailure(docText((d) => { d.prefixes[0].ip_prefix = p; }), `ip-ranges.json prefixes[0].ip_prefix must be an IPv4 CIDR, got '${p}'`);
  });

  test('IPv4 host bits set', () => {
    expectFailure(docText((d) => { d.prefixes[2].ip_prefix = '52.55.191.225/27'; }),
      "ip-ranges.json prefixes[2].ip_prefix must have no host bits set (the network is 52.55.191.224/27), got '52.55.191.225/27'");
  });

  test('IPv4 /0 with an address is host bits set', () => {
    expectFailure(docText((d) => { d.prefixes[0].ip_prefix = '128.0.0.0/0'; }), /network is 0\.0\.0\.0\/0\), got '128\.0\.0\.0\/0'$/);
  });

  test('IPv6 prefix in the IPv4 list', () => {
    expectFailure(docText((d) => { d.prefixes[1].ip_prefix = '2600:f0f2:7100::/40'; }),
      "ip-ranges.json prefixes[1].ip_prefix must be an IPv4 CIDR (IPv6 prefixes belong in ipv6_prefixes), got '2600:f0f2:7100::/40'");
  });

  test('IPv4 prefix in the IPv6 list', () => {
    expectFailure(docText((d) => { d.ipv6_prefixes[0].ipv6_prefix = '15.193.0.0/19'; }),
      "ip-ranges.json ipv6_prefixes[0].ipv6_prefix must be an IPv6 CIDR (IPv4 prefixes belong in prefixes), got '15.193.0.0/19'");
  });

  test('the IPv6 list uses ipv6_prefix, not ip_prefix', () => {
    expectFailure(docText((d) => { d.ipv6_prefixes[0] = { ip_prefix: '2600::/16', region: 'GLOBAL', service: 'EC2', network_border_group: 'GLOBAL' }; }),
      'ip-ranges.json ipv6_prefixes[0].ipv6_prefix must be an IPv6 CIDR, got nothing (the field is missing)');
  });

  test.each([
    ['2600::'], ['2600::/129'], ['2600:::/40'], ['1::2::3/64'], ['12345::/16'], ['g::/16'], ['::ffff:1.2.3.4/128'],
    [':1::/16'], ['1:2:3:4:5:6:7:8:9/128'], ['1:2:3:4:5:6:7/128'], ['1:2:3:4:5:6:7::8/128'], ['1:/16'], ['2600::/040'], ['fe80::1%eth0/128'],
  ])('IPv6 syntax %p is refused', (p) => {
    expectFailure(docText((d) => { d.ipv6_prefixes[1].ipv6_prefix = p; }), `ip-ranges.json ipv6_prefixes[1].ipv6_prefix must be an IPv6 CIDR, got '${p}'`);
  });

  test('IPv6 host bits set', () => {
    expectFailure(docText((d) => { d.ipv6_prefixes[0].ipv6_prefix = '2600:f0f2:7101::/40'; }),
      "ip-ranges.json ipv6_prefixes[0].ipv6_prefix must have no host bits set (the network is 2600:f0f2:7100::/40), got '2600:f0f2:7101::/40'");
  });

  test('IPv6 host bit in the last word', () => {
    expectFailure(docText((d) => { d.ipv6_prefixes[0].ipv6_prefix = '2600::1/127'; }), /network is 2600::\/127\), got '2600::1\/127'$/);
  });

  test.each([
    ['region', 5, '5'], ['region', '', "''"], ['service', null, 'null'], ['network_border_group', undefined, 'nothing (the field is missing)'],
    ['service', ['EC2'], 'an array'],
  ])('%s of the wrong type (%p)', (field, value, shown) => {
    expectFailure(docText((d) => { d.prefixes[1][field] = value; }), `ip-ranges.json prefixes[1].${field} must be a non-empty string, got ${shown}`);
  });

  test('the first of several bad entries is named', () => {
    expectFailure(docText((d) => {
      d.prefixes[1].region = 7;
      d.prefixes[2].ip_prefix = 'bad';
      d.ipv6_prefixes[0].ipv6_prefix = 'bad';
    }), /^ip-ranges\.json prefixes\[1\]\.region /);
  });

  test('in the real file, a corrupted entry deep in the list is named by index', () => {
    // GIVEN the real file with its 17th IPv4 entry (index 17) broken
    const d = JSON.parse(realText());
    d.prefixes[17].ip_prefix = '10.0.0.300/24';
    // THEN
    expectFailure(JSON.stringify(d), "ip-ranges.json prefixes[17].ip_prefix must be an IPv4 CIDR, got '10.0.0.300/24'");
  });

  test('long values are shortened in the message', () => {
    expectFailure(docText((d) => { d.syncToken = 'x'.repeat(200); }), /got 'x{80}\.\.\.'$/);
  });
});
