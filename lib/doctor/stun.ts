/**
 * STUN (RFC 5389) message encoder and decoder: the part the doctor needs to send a Binding request to a TURN
 * server and read the XOR-MAPPED-ADDRESS it answers with, plus MESSAGE-INTEGRITY and FINGERPRINT so that the
 * codec can be checked against the test vectors of RFC 5769. Pure: no sockets, no clock, no randomness.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5389 (STUN)
 * @see https://www.rfc-editor.org/rfc/rfc5769 (test vectors)
 */
import { createHash, createHmac } from 'node:crypto';
import { formatAddress, parseIpv4, parseIpv6 } from '../private/cidr';

/** The fixed value in bytes 4-7 of every RFC 5389 message. */
export const MAGIC_COOKIE = 0x2112a442;
/** Length of the fixed header. */
export const HEADER_LENGTH = 20;
/** Length of a transaction id. */
export const TRANSACTION_ID_LENGTH = 12;
/** The value XORed into the CRC-32 of the message for the FINGERPRINT attribute ("STUN" in ASCII). */
const FINGERPRINT_XOR = 0x5354554e;

/** STUN methods the doctor uses. */
export const StunMethod = { BINDING: 0x001 } as const;

/** The four message classes (RFC 5389 section 6). */
export enum StunClass {
  REQUEST = 'request',
  INDICATION = 'indication',
  SUCCESS = 'success',
  ERROR = 'error',
}

const CLASS_BITS: Record<StunClass, number> = {
  [StunClass.REQUEST]: 0b00,
  [StunClass.INDICATION]: 0b01,
  [StunClass.SUCCESS]: 0b10,
  [StunClass.ERROR]: 0b11,
};

/** Attribute types (RFC 5389 section 18.2, and the ICE ones that appear in RFC 5769's sample request). */
export const StunAttr = {
  MAPPED_ADDRESS: 0x0001,
  USERNAME: 0x0006,
  MESSAGE_INTEGRITY: 0x0008,
  ERROR_CODE: 0x0009,
  UNKNOWN_ATTRIBUTES: 0x000a,
  REALM: 0x0014,
  NONCE: 0x0015,
  XOR_MAPPED_ADDRESS: 0x0020,
  PRIORITY: 0x0024,
  SOFTWARE: 0x8022,
  ALTERNATE_SERVER: 0x8023,
  FINGERPRINT: 0x8028,
  ICE_CONTROLLED: 0x8029,
} as const;

/** One attribute as it appears on the wire (value without padding). */
export interface StunAttribute {
  readonly type: number;
  readonly value: Buffer;
}

/** A message to encode. */
export interface StunMessageSpec {
  readonly method: number;
  readonly cls: StunClass;
  readonly transactionId: Buffer;
  readonly attributes?: readonly StunAttribute[];
}

/** How to encode. */
export interface StunEncodeOptions {
  /** Adds MESSAGE-INTEGRITY (HMAC-SHA1) with this key after the attributes. */
  readonly integrityKey?: Buffer;
  /** Adds FINGERPRINT as the last attribute. */
  readonly fingerprint?: boolean;
  /**
   * The byte used to pad attribute values to a multiple of 4. RFC 5389 says the padding content is ignored;
   * senders use 0, and the RFC 5769 vectors use 0x20 (space), so the codec can reproduce them byte for byte.
   */
  readonly paddingByte?: number;
}

/** A decoded message. */
export interface StunMessage {
  readonly method: number;
  readonly cls: StunClass;
  readonly transactionId: Buffer;
  /** Every attribute in order, FINGERPRINT and MESSAGE-INTEGRITY included. */
  readonly attributes: readonly StunAttribute[];
  /** The bytes of the message (header + attributes), without trailing datagram bytes. */
  readonly raw: Buffer;
  /** Whether a FINGERPRINT attribute was present, and whether its CRC matched. */
  readonly fingerprint: 'absent' | 'valid' | 'invalid';
}

/** A transport address from MAPPED-ADDRESS or XOR-MAPPED-ADDRESS. */
export interface StunAddress {
  readonly family: 4 | 6;
  readonly address: string;
  readonly port: number;
}

/** Why a datagram is not a well-formed STUN message. */
export class StunDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StunDecodeError';
  }
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (ISO 3309 / ITU-T V.42, as in zlib), the checksum FINGERPRINT is built from. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The 14-bit message type from method and class (RFC 5389 figure 3: class bits at positions 4 and 8). */
function messageType(method: number, cls: StunClass): number {
  if (!Number.isInteger(method) || method < 0 || method > 0xfff) throw new RangeError(`STUN method must be 0-0xfff, got ${method}`);
  const c = CLASS_BITS[cls];
  return ((method & 0xf80) << 2) | ((method & 0x070) << 1) | (method & 0x00f) | ((c & 0b10) << 7) | ((c & 0b01) << 4);
}

function splitType(type: number): { method: number; cls: StunClass } {
  const method = ((type & 0x3e00) >> 2) | ((type & 0x00e0) >> 1) | (type & 0x000f);
  const bits = ((type & 0x0100) >> 7) | ((type & 0x0010) >> 4);
  const cls = (Object.keys(CLASS_BITS) as StunClass[]).find((k) => CLASS_BITS[k] === bits)!;
  return { method, cls };
}

function padded(length: number): number {
  return (length + 3) & ~3;
}

function attributeBytes(type: number, value: Buffer, paddingByte: number): Buffer {
  if (value.length > 0xffff) throw new RangeError(`STUN attribute 0x${type.toString(16)} is too long (${value.length} bytes)`);
  const out = Buffer.alloc(4 + padded(value.length), paddingByte);
  out.writeUInt16BE(type, 0);
  out.writeUInt16BE(value.length, 2);
  value.copy(out, 4);
  return out;
}

function header(type: number, length: number, transactionId: Buffer): Buffer {
  const h = Buffer.alloc(HEADER_LENGTH);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(length, 2);
  h.writeUInt32BE(MAGIC_COOKIE, 4);
  transactionId.copy(h, 8);
  return h;
}

/**
 * Encodes a message. MESSAGE-INTEGRITY and FINGERPRINT, when asked for, are computed over the message as
 * RFC 5389 sections 15.4 and 15.5 say: with the header length already counting the attribute being added.
 */
export function encodeStunMessage(spec: StunMessageSpec, options: StunEncodeOptions = {}): Buffer {
  if (spec.transactionId.length !== TRANSACTION_ID_LENGTH) {
    throw new RangeError(`STUN transaction id must be ${TRANSACTION_ID_LENGTH} bytes, got ${spec.transactionId.length}`);
  }
  const type = messageType(spec.method, spec.cls);
  const pad = options.paddingByte ?? 0;
  let body = Buffer.concat((spec.attributes ?? []).map((a) => attributeBytes(a.type, a.value, pad)));
  if (options.integrityKey !== undefined) {
    const covered = Buffer.concat([header(type, body.length + 24, spec.transactionId), body]);
    const mac = createHmac('sha1', options.integrityKey).update(covered).digest();
    body = Buffer.concat([body, attributeBytes(StunAttr.MESSAGE_INTEGRITY, mac, pad)]);
  }
  if (options.fingerprint) {
    const covered = Buffer.concat([header(type, body.length + 8, spec.transactionId), body]);
    const fp = Buffer.alloc(4);
    fp.writeUInt32BE((crc32(covered) ^ FINGERPRINT_XOR) >>> 0);
    body = Buffer.concat([body, attributeBytes(StunAttr.FINGERPRINT, fp, pad)]);
  }
  if (body.length > 0xffff) throw new RangeError(`STUN message body is too long (${body.length} bytes)`);
  return Buffer.concat([header(type, body.length, spec.transactionId), body]);
}

/** A Binding request with FINGERPRINT (and SOFTWARE when given), as the doctor sends it. */
export function bindingRequest(transactionId: Buffer, software?: string): Buffer {
  const attributes = software === undefined ? [] : [{ type: StunAttr.SOFTWARE, value: Buffer.from(software, 'utf8') }];
  return encodeStunMessage({ method: StunMethod.BINDING, cls: StunClass.REQUEST, transactionId, attributes }, { fingerprint: true });
}

/** True when the first bytes look like a STUN message (top two bits zero, magic cookie, length a multiple of 4). */
export function looksLikeStun(data: Uint8Array): boolean {
  if (data.length < HEADER_LENGTH) return false;
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  return (b[0] & 0xc0) === 0 && b.readUInt32BE(4) === MAGIC_COOKIE && (b.readUInt16BE(2) & 3) === 0;
}

/**
 * Decodes one message. Throws `StunDecodeError` naming what is wrong for anything that is not a well-formed
 * RFC 5389 message. Bytes after the length the header gives are ignored; so are attributes after FINGERPRINT
 * (RFC 5389 section 15.5: it is the last one).
 */
export function decodeStunMessage(data: Uint8Array): StunMessage {
  const b = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (b.length < HEADER_LENGTH) throw new StunDecodeError(`${b.length} bytes, shorter than the 20-byte STUN header`);
  if ((b[0] & 0xc0) !== 0) throw new StunDecodeError('the first two bits are not zero (not a STUN message)');
  if (b.readUInt32BE(4) !== MAGIC_COOKIE) {
    throw new StunDecodeError(`magic cookie is 0x${b.readUInt32BE(4).toString(16).padStart(8, '0')}, not 0x2112a442 (not an RFC 5389 message)`);
  }
  const length = b.readUInt16BE(2);
  if (length % 4 !== 0) throw new StunDecodeError(`message length ${length} is not a multiple of 4`);
  if (HEADER_LENGTH + length > b.length) {
    throw new StunDecodeError(`message length ${length} runs past the ${b.length - HEADER_LENGTH} bytes received`);
  }
  const raw = Buffer.from(b.subarray(0, HEADER_LENGTH + length));
  const { method, cls } = splitType(raw.readUInt16BE(0));
  const attributes: StunAttribute[] = [];
  let fingerprint: StunMessage['fingerprint'] = 'absent';
  let offset = HEADER_LENGTH;
  while (offset < raw.length) {
    if (offset + 4 > raw.length) throw new StunDecodeError(`attribute header at byte ${offset} is cut short`);
    const type = raw.readUInt16BE(offset);
    const len = raw.readUInt16BE(offset + 2);
    if (offset + 4 + len > raw.length) {
      throw new StunDecodeError(`attribute 0x${type.toString(16).padStart(4, '0')} at byte ${offset} (length ${len}) runs past the message`);
    }
    const value = Buffer.from(raw.subarray(offset + 4, offset + 4 + len));
    attributes.push({ type, value });
    if (type === StunAttr.FINGERPRINT) {
      const expected = (crc32(raw.subarray(0, offset)) ^ FINGERPRINT_XOR) >>> 0;
      fingerprint = len === 4 && value.readUInt32BE(0) === expected ? 'valid' : 'invalid';
      break;
    }
    offset += 4 + padded(len);
  }
  return { method, cls, transactionId: Buffer.from(raw.subarray(8, HEADER_LENGTH)), attributes, raw, fingerprint };
}

/** The value of the first attribute of a type, or undefined. */
export function attributeOf(message: StunMessage, type: number): Buffer | undefined {
  return message.attributes.find((a) => a.type === type)?.value;
}

/**
 * Checks MESSAGE-INTEGRITY with a key (short-term: the password; long-term: `longTermKey(...)`). False when the
 * attribute is missing or the HMAC differs.
 */
export function verifyIntegrity(message: StunMessage, key: Buffer): boolean {
  let offset = HEADER_LENGTH;
  for (const a of message.attributes) {
    if (a.type === StunAttr.MESSAGE_INTEGRITY) {
      if (a.value.length !== 20) return false;
      const covered = Buffer.from(message.raw.subarray(0, offset));
      covered.writeUInt16BE(offset - HEADER_LENGTH + 24, 2);
      return createHmac('sha1', key).update(covered).digest().equals(a.value);
    }
    offset += 4 + padded(a.value.length);
  }
  return false;
}

/**
 * The long-term credential key, MD5(username ":" realm ":" password) (RFC 5389 section 15.4). The password must
 * already be SASLprep'd; the doctor itself never authenticates (TURN servers answer Binding without credentials).
 */
export function longTermKey(username: string, realm: string, password: string): Buffer {
  return createHash('md5').update(`${username}:${realm}:${password}`, 'utf8').digest();
}

function addressBytes(family: 4 | 6, address: string): Buffer {
  if (family === 4) {
    const v = parseIpv4(address);
    if (v === undefined) throw new RangeError(`not an IPv4 address: ${address}`);
    const out = Buffer.alloc(4);
    out.writeUInt32BE(v);
    return out;
  }
  const v = parseIpv6(address);
  if (v === undefined) throw new RangeError(`not an IPv6 address: ${address}`);
  return Buffer.from(v.toString(16).padStart(32, '0'), 'hex');
}

/** Address bytes as text (IPv6 in RFC 5952 form). */
function formatAddressBytes(bytes: Buffer): string {
  return formatAddress(bytes.length === 4 ? 4 : 6, BigInt(`0x${bytes.toString('hex')}`));
}

function xorMask(transactionId: Buffer, length: number): Buffer {
  const mask = Buffer.alloc(16);
  mask.writeUInt32BE(MAGIC_COOKIE, 0);
  transactionId.copy(mask, 4);
  return mask.subarray(0, length);
}

/** Decodes a MAPPED-ADDRESS value (or an XOR-MAPPED-ADDRESS one, with the transaction id). */
export function decodeAddress(value: Buffer, xorWith?: Buffer): StunAddress {
  if (value.length < 4) throw new StunDecodeError(`address attribute of ${value.length} bytes is too short`);
  const familyCode = value[1];
  const family = familyCode === 0x01 ? 4 : familyCode === 0x02 ? 6 : undefined;
  if (family === undefined) throw new StunDecodeError(`address family 0x${familyCode.toString(16).padStart(2, '0')} is neither IPv4 (0x01) nor IPv6 (0x02)`);
  const size = family === 4 ? 4 : 16;
  if (value.length !== 4 + size) throw new StunDecodeError(`IPv${family} address attribute has ${value.length} bytes, expected ${4 + size}`);
  let port = value.readUInt16BE(2);
  const addr = Buffer.from(value.subarray(4));
  if (xorWith !== undefined) {
    port ^= MAGIC_COOKIE >>> 16;
    const mask = xorMask(xorWith, size);
    for (let i = 0; i < size; i++) addr[i] ^= mask[i];
  }
  return { family, address: formatAddressBytes(addr), port };
}

/** Encodes a MAPPED-ADDRESS value (or an XOR-MAPPED-ADDRESS one, with the transaction id). */
export function encodeAddress(a: StunAddress, xorWith?: Buffer): Buffer {
  const addr = addressBytes(a.family, a.address);
  const out = Buffer.alloc(4 + addr.length);
  out[1] = a.family === 4 ? 0x01 : 0x02;
  let port = a.port;
  if (xorWith !== undefined) {
    port ^= MAGIC_COOKIE >>> 16;
    const mask = xorMask(xorWith, addr.length);
    for (let i = 0; i < addr.length; i++) addr[i] ^= mask[i];
  }
  out.writeUInt16BE(port, 2);
  addr.copy(out, 4);
  return out;
}

/** What a Binding response says, or why it cannot be used. */
export type BindingResult =
  | { readonly ok: true; readonly mapped: StunAddress; readonly xor: boolean; readonly software?: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Reads a datagram received in answer to a Binding request with `transactionId`: it must be a Binding success
 * response with that transaction id, a FINGERPRINT that matches when present, and a (XOR-)MAPPED-ADDRESS.
 * An error response gives its code and reason phrase.
 */
export function readBindingResponse(data: Uint8Array, transactionId: Buffer): BindingResult {
  let m: StunMessage;
  try {
    m = decodeStunMessage(data);
  } catch (e) {
    return { ok: false, reason: `answer is not a STUN message: ${(e as Error).message}` };
  }
  if (!m.transactionId.equals(transactionId)) return { ok: false, reason: 'answer carries another transaction id' };
  if (m.method !== StunMethod.BINDING) return { ok: false, reason: `answer is for STUN method 0x${m.method.toString(16)}, not Binding` };
  if (m.fingerprint === 'invalid') return { ok: false, reason: 'answer FINGERPRINT does not match its content' };
  const software = attributeOf(m, StunAttr.SOFTWARE)?.toString('utf8');
  if (m.cls === StunClass.ERROR) {
    const ec = attributeOf(m, StunAttr.ERROR_CODE);
    const code = ec && ec.length >= 4 ? (ec[2] & 0x07) * 100 + ec[3] : undefined;
    const phrase = ec && ec.length > 4 ? ec.subarray(4).toString('utf8') : '';
    return { ok: false, reason: `Binding error response${code !== undefined ? ` ${code}` : ''}${phrase ? ` ${phrase}` : ''}` };
  }
  if (m.cls !== StunClass.SUCCESS) return { ok: false, reason: `answer is a STUN ${m.cls}, not a success response` };
  try {
    const xorValue = attributeOf(m, StunAttr.XOR_MAPPED_ADDRESS);
    if (xorValue !== undefined) return { ok: true, mapped: decodeAddress(xorValue, m.transactionId), xor: true, ...(software ? { software } : {}) };
    const plain = attributeOf(m, StunAttr.MAPPED_ADDRESS);
    if (plain !== undefined) return { ok: true, mapped: decodeAddress(plain), xor: false, ...(software ? { software } : {}) };
  } catch (e) {
    return { ok: false, reason: `answer has a malformed mapped address: ${(e as Error).message}` };
  }
  return { ok: false, reason: 'Binding success response without XOR-MAPPED-ADDRESS or MAPPED-ADDRESS' };
}
