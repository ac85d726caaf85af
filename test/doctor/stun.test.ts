/**
 * The STUN codec against RFC 5769 ("Test Vectors for Session Traversal Utilities for NAT (STUN)", April 2010):
 * the four sample messages, byte for byte, with their MESSAGE-INTEGRITY, FINGERPRINT and XOR-MAPPED-ADDRESS
 * values; then the doctor's own Binding request and the ways an answer can be unusable.
 */
import {
  StunAttr, StunClass, StunDecodeError, StunMethod, attributeOf, bindingRequest, crc32, decodeAddress, decodeStunMessage,
  encodeAddress, encodeStunMessage, longTermKey, looksLikeStun, readBindingResponse, verifyIntegrity,
} from '../../lib/doctor/stun';

/** Hex as the RFC prints it (spaces and line breaks) to bytes. */
const hex = (s: string): Buffer => Buffer.from(s.replace(/[^0-9a-f]/gi, ''), 'hex');

const TRANSACTION_ID = hex('b7 e7 a7 01 bc 34 d6 86 fa 87 df ae');
const SHORT_TERM_PASSWORD = Buffer.from('VOkJxbRl1RmTxUk/WvJxBt');

/** RFC 5769 section 2.1, Sample Request (padding bytes are 0x20 in the RFC). */
const SAMPLE_REQUEST = hex(`
  00 01 00 58 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
  80 22 00 10 53 54 55 4e 20 74 65 73 74 20 63 6c 69 65 6e 74
  00 24 00 04 6e 00 01 ff
  80 29 00 08 93 2f f9 b1 51 26 3b 36
  00 06 00 09 65 76 74 6a 3a 68 36 76 59 20 20 20
  00 08 00 14 9a ea a7 0c bf d8 cb 56 78 1e f2 b5 b2 d3 f2 49 c1 b5 71 a2
  80 28 00 04 e5 7a 3b cf`);

/** RFC 5769 section 2.2, Sample IPv4 Response: 192.0.2.1 port 32853. */
const SAMPLE_IPV4_RESPONSE = hex(`
  01 01 00 3c 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
  80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
  00 20 00 08 00 01 a1 47 e1 12 a6 43
  00 08 00 14 2b 91 f5 99 fd 9e 90 c3 8c 74 89 f9 2a f9 ba 53 f0 6b e7 d7
  80 28 00 04 c0 7d 4c 96`);

/** RFC 5769 section 2.3, Sample IPv6 Response: 2001:db8:1234:5678:11:2233:4455:6677 port 32853. */
const SAMPLE_IPV6_RESPONSE = hex(`
  01 01 00 48 21 12 a4 42 b7 e7 a7 01 bc 34 d6 86 fa 87 df ae
  80 22 00 0b 74 65 73 74 20 76 65 63 74 6f 72 20
  00 20 00 14 00 02 a1 47 01 13 a9 fa a5 d3 f1 79 bc 25 f4 b5 be d2 b9 d9
  00 08 00 14 a3 82 95 4e 4b e6 7b f1 17 84 c9 7c 82 92 c2 75 bf e3 ed 41
  80 28 00 04 c8 fb 0b 4c`);

/** RFC 5769 section 2.4, Sample Request with Long-Term Authentication (no FINGERPRINT; padding 0x00). */
const SAMPLE_LONG_TERM_REQUEST = hex(`
  00 01 00 60 21 12 a4 42 78 ad 34 33 c6 ad 72 c0 29 da 41 2e
  00 06 00 12 e3 83 9e e3 83 88 e3 83 aa e3 83 83 e3 82 af e3 82 b9 00 00
  00 15 00 1c 66 2f 2f 34 39 39 6b 39 35 34 64 36 4f 4c 33 34 6f 4c 39 46 53 54 76 79 36 34 73 41
  00 14 00 0b 65 78 61 6d 70 6c 65 2e 6f 72 67 00
  00 08 00 14 f6 70 24 65 6d d6 4a 3e 02 b8 e0 71 2e 85 c9 a2 8c a8 96 66`);
/** The user name of 2.4 ("matrix" in katakana) and the password after SASLprep, as RFC 5769 gives them. */
const LONG_TERM_USER = '\u30de\u30c8\u30ea\u30c3\u30af\u30b9';
const LONG_TERM_PASSWORD = 'TheMatrIX';

describe('RFC 5769 test vectors', () => {
  test('2.1 sample request: decodes, MESSAGE-INTEGRITY and FINGERPRINT check out, and re-encodes byte for byte', () => {
    // WHEN
    const m = decodeStunMessage(SAMPLE_REQUEST);
    // THEN
    expect(m.method).toBe(StunMethod.BINDING);
    expect(m.cls).toBe(StunClass.REQUEST);
    expect(m.transactionId).toEqual(TRANSACTION_ID);
    expect(attributeOf(m, StunAttr.SOFTWARE)?.toString()).toBe('STUN test client');
    expect(attributeOf(m, StunAttr.USERNAME)?.toString()).toBe('evtj:h6vY');
    expect(attributeOf(m, StunAttr.PRIORITY)).toEqual(hex('6e 00 01 ff'));
    expect(attributeOf(m, StunAttr.ICE_CONTROLLED)).toEqual(hex('93 2f f9 b1 51 26 3b 36'));
    expect(m.fingerprint).toBe('valid');
    expect(verifyIntegrity(m, SHORT_TERM_PASSWORD)).toBe(true);
    expect(verifyIntegrity(m, Buffer.from('VOkJxbRl1RmTxUk/WvJxBu'))).toBe(false);

    // WHEN built again from its attributes, with the RFC's 0x20 padding, integrity and fingerprint
    const again = encodeStunMessage({
      method: StunMethod.BINDING, cls: StunClass.REQUEST, transactionId: TRANSACTION_ID,
      attributes: m.attributes.filter((a) => a.type !== StunAttr.MESSAGE_INTEGRITY && a.type !== StunAttr.FINGERPRINT),
    }, { integrityKey: SHORT_TERM_PASSWORD, fingerprint: true, paddingByte: 0x20 });
    // THEN the bytes are the RFC's
    expect(again.toString('hex')).toBe(SAMPLE_REQUEST.toString('hex'));
  });

  test('2.2 IPv4 response: XOR-MAPPED-ADDRESS is 192.0.2.1:32853, integrity and fingerprint check out', () => {
    // WHEN
    const m = decodeStunMessage(SAMPLE_IPV4_RESPONSE);
    const value = attributeOf(m, StunAttr.XOR_MAPPED_ADDRESS)!;
    // THEN
    expect(m.cls).toBe(StunClass.SUCCESS);
    expect(attributeOf(m, StunAttr.SOFTWARE)?.toString()).toBe('test vector');
    expect(decodeAddress(value, m.transactionId)).toEqual({ family: 4, address: '192.0.2.1', port: 32853 });
    expect(encodeAddress({ family: 4, address: '192.0.2.1', port: 32853 }, TRANSACTION_ID)).toEqual(value);
    expect(verifyIntegrity(m, SHORT_TERM_PASSWORD)).toBe(true);
    expect(m.fingerprint).toBe('valid');
    expect(readBindingResponse(SAMPLE_IPV4_RESPONSE, TRANSACTION_ID)).toEqual({
      ok: true, mapped: { family: 4, address: '192.0.2.1', port: 32853 }, xor: true, software: 'test vector',
    });
  });

  test('2.3 IPv6 response: XOR-MAPPED-ADDRESS is [2001:db8:1234:5678:11:2233:4455:6677]:32853', () => {
    // WHEN
    const m = decodeStunMessage(SAMPLE_IPV6_RESPONSE);
    const value = attributeOf(m, StunAttr.XOR_MAPPED_ADDRESS)!;
    const mapped = { family: 6, address: '2001:db8:1234:5678:11:2233:4455:6677', port: 32853 } as const;
    // THEN
    expect(decodeAddress(value, m.transactionId)).toEqual(mapped);
    expect(encodeAddress(mapped, TRANSACTION_ID)).toEqual(value);
    expect(verifyIntegrity(m, SHORT_TERM_PASSWORD)).toBe(true);
    expect(m.fingerprint).toBe('valid');
    // AND the whole response re-encodes byte for byte (0x20 padding after 'test vector')
    const again = encodeStunMessage({
      method: StunMethod.BINDING, cls: StunClass.SUCCESS, transactionId: TRANSACTION_ID,
      attributes: m.attributes.filter((a) => a.type === StunAttr.SOFTWARE || a.type === StunAttr.XOR_MAPPED_ADDRESS),
    }, { integrityKey: SHORT_TERM_PASSWORD, fingerprint: true, paddingByte: 0x20 });
    expect(again).toEqual(SAMPLE_IPV6_RESPONSE);
  });

  test('2.4 long-term authentication: USERNAME, NONCE, REALM, MESSAGE-INTEGRITY with MD5(user:realm:password)', () => {
    // WHEN
    const m = decodeStunMessage(SAMPLE_LONG_TERM_REQUEST);
    const key = longTermKey(LONG_TERM_USER, 'example.org', LONG_TERM_PASSWORD);
    // THEN
    expect(m.transactionId).toEqual(hex('78 ad 34 33 c6 ad 72 c0 29 da 41 2e'));
    expect(attributeOf(m, StunAttr.USERNAME)?.toString('utf8')).toBe(LONG_TERM_USER);
    expect(attributeOf(m, StunAttr.NONCE)?.toString()).toBe('f//499k954d6OL34oL9FSTvy64sA');
    expect(attributeOf(m, StunAttr.REALM)?.toString()).toBe('example.org');
    expect(m.fingerprint).toBe('absent');
    expect(verifyIntegrity(m, key)).toBe(true);
    expect(verifyIntegrity(m, longTermKey(LONG_TERM_USER, 'example.org', 'thematrix'))).toBe(false);
    // AND it re-encodes byte for byte
    const again = encodeStunMessage({
      method: StunMethod.BINDING, cls: StunClass.REQUEST, transactionId: m.transactionId,
      attributes: m.attributes.filter((a) => a.type !== StunAttr.MESSAGE_INTEGRITY),
    }, { integrityKey: key });
    expect(again).toEqual(SAMPLE_LONG_TERM_REQUEST);
  });

  test.each([
    ['2.1', SAMPLE_REQUEST], ['2.2', SAMPLE_IPV4_RESPONSE], ['2.3', SAMPLE_IPV6_RESPONSE],
  ])('%s with one bit flipped: FINGERPRINT and MESSAGE-INTEGRITY no longer match', (_name, vector) => {
    // GIVEN a bit flipped inside the SOFTWARE value
    const flipped = Buffer.from(vector);
    flipped[26] ^= 0x01;
    // WHEN
    const m = decodeStunMessage(flipped);
    // THEN
    expect(m.fingerprint).toBe('invalid');
    expect(verifyIntegrity(m, SHORT_TERM_PASSWORD)).toBe(false);
  });
});

describe('the Binding request the doctor sends', () => {
  test('is a Binding request with FINGERPRINT last, and a TURN server would accept its CRC', () => {
    // GIVEN
    const tid = hex('01 02 03 04 05 06 07 08 09 0a 0b 0c');
    // WHEN
    const req = bindingRequest(tid, 'cdk-connect-dx doctor');
    const m = decodeStunMessage(req);
    // THEN
    expect(req.readUInt16BE(0)).toBe(0x0001);
    expect(req.readUInt32BE(4)).toBe(0x2112a442);
    expect(req.readUInt16BE(2)).toBe(req.length - 20);
    expect(m.attributes.map((a) => a.type)).toEqual([StunAttr.SOFTWARE, StunAttr.FINGERPRINT]);
    expect(m.fingerprint).toBe('valid');
    expect(looksLikeStun(req)).toBe(true);
  });

  test('message types carry class bits at 0x0010 and 0x0100', () => {
    // WHEN / THEN: RFC 5389 figure 3
    const tid = Buffer.alloc(12);
    const type = (cls: StunClass) => encodeStunMessage({ method: StunMethod.BINDING, cls, transactionId: tid }).readUInt16BE(0);
    expect([StunClass.REQUEST, StunClass.INDICATION, StunClass.SUCCESS, StunClass.ERROR].map(type)).toEqual([0x0001, 0x0011, 0x0101, 0x0111]);
    expect(encodeStunMessage({ method: 0x003, cls: StunClass.ERROR, transactionId: tid }).readUInt16BE(0)).toBe(0x0113);
    expect(decodeStunMessage(encodeStunMessage({ method: 0xfff, cls: StunClass.ERROR, transactionId: tid }))).toMatchObject({ method: 0xfff, cls: StunClass.ERROR });
  });

  test('refuses a transaction id that is not 12 bytes and a method above 0xfff', () => {
    expect(() => bindingRequest(Buffer.alloc(11))).toThrow(/transaction id must be 12 bytes, got 11/);
    expect(() => encodeStunMessage({ method: 0x1000, cls: StunClass.REQUEST, transactionId: Buffer.alloc(12) })).toThrow(/method must be 0-0xfff/);
  });

  test('CRC-32 is the zlib one (check value of "123456789")', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('reading an answer', () => {
  const tid = hex('aa bb cc dd ee ff 00 11 22 33 44 55');
  const response = (attributes: Array<{ type: number; value: Buffer }>, cls = StunClass.SUCCESS, fingerprint = true) =>
    encodeStunMessage({ method: StunMethod.BINDING, cls, transactionId: tid, attributes }, { fingerprint });

  test('takes XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS', () => {
    const mapped = { family: 4, address: '203.0.113.9', port: 40000 } as const;
    expect(readBindingResponse(response([{ type: StunAttr.XOR_MAPPED_ADDRESS, value: encodeAddress(mapped, tid) }]), tid))
      .toEqual({ ok: true, mapped, xor: true });
    expect(readBindingResponse(response([{ type: StunAttr.MAPPED_ADDRESS, value: encodeAddress(mapped) }], StunClass.SUCCESS, false), tid))
      .toEqual({ ok: true, mapped, xor: false });
  });

  test.each([
    ['a short datagram', Buffer.from('hello'), /not a STUN message: 5 bytes/],
    ['another transaction', () => encodeStunMessage({ method: 1, cls: StunClass.SUCCESS, transactionId: Buffer.alloc(12) }), /another transaction id/],
    ['an error response', () => response([{ type: StunAttr.ERROR_CODE, value: Buffer.concat([hex('00 00 04 01'), Buffer.from('Unauthorized')]) }], StunClass.ERROR), /error response 401 Unauthorized/],
    ['no mapped address', () => response([]), /without XOR-MAPPED-ADDRESS or MAPPED-ADDRESS/],
    ['a bad family', () => response([{ type: StunAttr.XOR_MAPPED_ADDRESS, value: hex('00 03 00 00 01 02 03 04') }]), /family 0x03/],
    ['a corrupted fingerprint', () => { const b = response([]); b[b.length - 1] ^= 1; return b; }, /FINGERPRINT does not match/],
    ['a wrong magic cookie', () => { const b = response([]); b[4] = 0; return b; }, /magic cookie is 0x0012a442/],
    ['a length past the datagram', () => response([]).subarray(0, 24), /runs past the 4 bytes received/],
  ])('%s is refused with the reason', (_name, input, reason) => {
    const data = typeof input === 'function' ? input() : input;
    const r = readBindingResponse(data, tid);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(reason);
  });

  test('an attribute that overruns the message is a decode error naming it', () => {
    const b = response([{ type: StunAttr.SOFTWARE, value: Buffer.from('abcd') }], StunClass.SUCCESS, false);
    b.writeUInt16BE(9, 22);
    expect(() => decodeStunMessage(b)).toThrow(StunDecodeError);
    expect(() => decodeStunMessage(b)).toThrow(/attribute 0x8022 at byte 20 \(length 9\) runs past the message/);
  });

  test('IPv6 addresses print in RFC 5952 form', () => {
    for (const [given, printed] of [['2001:db8::1', '2001:db8::1'], ['::', '::'], ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['1:0:0:2:0:0:0:3', '1:0:0:2::3'], ['FE80:0:0:0:1:2:3:4', 'fe80::1:2:3:4']]) {
      expect(decodeAddress(encodeAddress({ family: 6, address: given, port: 1 }, tid), tid)).toEqual({ family: 6, address: printed, port: 1 });
    }
    expect(() => encodeAddress({ family: 4, address: '2001:db8::1', port: 1 })).toThrow(/not an IPv4 address/);
  });
});
