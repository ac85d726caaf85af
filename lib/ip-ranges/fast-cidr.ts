/**
 * Number-based CIDR parsing, formatting and exact aggregation for the ip-ranges engine (not exported from
 * the package).
 *
 * An address is held as an array of unsigned 32-bit words, most significant first: one word for IPv4,
 * four for IPv6. No bigint and no regular expression in the hot path; `bench/ip-ranges.ts` measures this
 * against the bigint parser in `lib/private/cidr.ts`, ipaddr.js and ip-address (figures in engine.ts).
 */

/** An address family: 4 or 6. */
export type Family = 4 | 6;

/** A prefix: network words (host bits may still be set straight after parsing) and the prefix length. */
export interface Net {
  readonly words: number[];
  readonly length: number;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const DOT = 46;
const COLON = 58;

/** The number of words of an address of the family. */
export function wordCount(family: Family): number {
  return family === 4 ? 1 : 4;
}

/** The number of bits of an address of the family. */
export function bitCount(family: Family): number {
  return family === 4 ? 32 : 128;
}

/**
 * Parses a decimal prefix length `text[start..end)` with no leading zero, or returns -1.
 */
function parseLength(text: string, start: number, end: number, max: number): number {
  const n = end - start;
  if (n < 1 || n > 3) return -1;
  if (n > 1 && text.charCodeAt(start) === DIGIT_0) return -1;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < DIGIT_0 || c > DIGIT_9) return -1;
    v = v * 10 + (c - DIGIT_0);
  }
  return v <= max ? v : -1;
}

/**
 * Parses the dotted quad `text[start..end)` (no leading zeros, octets 0-255) into an unsigned 32-bit
 * number, or returns -1.
 */
export function parseIpv4Word(text: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= DIGIT_0 && c <= DIGIT_9) {
      if (digits > 0 && octet === 0) return -1; // leading zero
      octet = octet * 10 + (c - DIGIT_0);
      if (octet > 255) return -1;
      digits++;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

function hexValue(c: number): number {
  if (c >= DIGIT_0 && c <= DIGIT_9) return c - DIGIT_0;
  const l = c | 0x20; // ASCII lower case
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

const groups = new Array<number>(8).fill(0);

/**
 * Parses the IPv6 address `text[start..end)` (hex groups of 1-4 digits, at most one `::`, no zone, no
 * embedded IPv4 tail) into four unsigned 32-bit words, or returns undefined.
 */
export function parseIpv6Words(text: string, start: number, end: number): number[] | undefined {
  let count = 0; // groups written
  let gap = -1; // index in groups where `::` stands
  let i = start;
  if (end - start < 2) return undefined;
  if (text.charCodeAt(i) === COLON) {
    if (text.charCodeAt(i + 1) !== COLON) return undefined;
    gap = 0;
    i += 2;
    if (i === end) {
      return [0, 0, 0, 0];
    }
  }
  for (;;) {
    // one group
    let v = 0;
    let digits = 0;
    while (i < end) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      v = v * 16 + h;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 4 || count === 8) return undefined;
    groups[count++] = v;
    if (i === end) break;
    if (text.charCodeAt(i) !== COLON) return undefined;
    i++;
    if (i < end && text.charCodeAt(i) === COLON) {
      if (gap !== -1) return undefined;
      gap = count;
      i++;
      if (i === end) break;
    } else if (i === end) {
      return undefined; // trailing single colon
    }
  }
  if (gap === -1) {
    if (count !== 8) return undefined;
  } else {
    if (count > 7) return undefined; // `::` must stand for at least one group
    const shift = 8 - count;
    for (let k = count - 1; k >= gap; k--) groups[k + shift] = groups[k];
    for (let k = gap; k < gap + shift; k++) groups[k] = 0;
  }
  return [
    groups[0] * 65536 + groups[1],
    groups[2] * 65536 + groups[3],
    groups[4] * 65536 + groups[5],
    groups[6] * 65536 + groups[7],
  ];
}

/** Parses `address/length` of the family (host bits may be set), or returns undefined. */
export function parseNet(text: string, family: Family): Net | undefined {
  const slash = text.indexOf('/');
  if (slash <= 0) return undefined;
  const end = text.length;
  if (family === 4) {
    const length = parseLength(text, slash + 1, end, 32);
    if (length < 0) return undefined;
    const w = parseIpv4Word(text, 0, slash);
    if (w < 0) return undefined;
    return { words: [w], length };
  }
  const length = parseLength(text, slash + 1, end, 128);
  if (length < 0) return undefined;
  const words = parseIpv6Words(text, 0, slash);
  if (words === undefined) return undefined;
  return { words, length };
}

/** The mask of the top `bits` bits (0-32) of a word, as an unsigned number. */
function highMask(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
}

/** True when no bit after the prefix length is set. */
export function hostBitsClear(net: Net): boolean {
  const w = net.words;
  for (let i = 0; i < w.length; i++) {
    const keep = net.length - 32 * i; // prefix bits that fall in this word
    if (keep >= 32) continue;
    if (((w[i] & ~highMask(keep)) >>> 0) !== 0) return false;
  }
  return true;
}

/** The same prefix with host bits cleared. */
export function networkOf(net: Net): Net {
  const words = net.words.map((x, i) => (x & highMask(net.length - 32 * i)) >>> 0);
  return { words, length: net.length };
}

/**
 * The exact minimal set of prefixes covering the same addresses as `nets` (all of one family, host bits
 * clear). Sorts once by (address, length), then one pass with a stack: a prefix inside the top of the
 * stack is dropped (this also drops duplicates); two sibling prefixes on top of the stack are replaced by
 * their parent, repeatedly. The stack holds disjoint prefixes in address order, so checking only the top
 * is enough. Each family has its own number-based implementation of this algorithm below (the oracle, the
 * property tests and a comparison with cidr-tools on the whole real file cover both).
 */
export function aggregateNets(nets: Net[]): Net[] {
  if (nets.length === 0) return [];
  const words = nets[0].words.length;
  if (!nets.every((n) => n.words.length === words)) throw new Error('aggregateNets: prefixes of both families');
  return words === 1 ? aggregateIpv4(nets) : aggregateIpv6(nets);
}

/**
 * `aggregateNets` for IPv4: each prefix is one number, `address * 64 + length` (below 2^38, exact in a double),
 * whose numeric order is the (address, length) order. A Float64Array sorts without a comparator call and the
 * stack holds numbers, so no object is made until the output. `npm run bench` compares it with cidr-tools on
 * the whole file.
 */
function aggregateIpv4(nets: Net[]): Net[] {
  const keys = new Float64Array(nets.length);
  for (let i = 0; i < nets.length; i++) keys[i] = nets[i].words[0] * 64 + nets[i].length;
  keys.sort();
  const addr = new Float64Array(nets.length);
  const len = new Uint8Array(nets.length);
  let n = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const cl = k % 64;
    const ca = (k - cl) / 64;
    if (n > 0) {
      const tl = len[n - 1];
      if (tl <= cl && (tl === 0 || addr[n - 1] >>> (32 - tl) === ca >>> (32 - tl))) continue;
    }
    addr[n] = ca;
    len[n] = cl;
    n++;
    while (n >= 2) {
      const l = len[n - 1];
      if (len[n - 2] !== l || l === 0) break;
      const shift = 33 - l; // compare the first l - 1 bits
      if (shift < 32 ? addr[n - 2] >>> shift !== addr[n - 1] >>> shift : false) break;
      n--;
      len[n - 1] = l - 1;
    }
  }
  const out = new Array<Net>(n);
  for (let i = 0; i < n; i++) out[i] = { words: [addr[i]], length: len[i] };
  return out;
}

/**
 * One stable counting-sort pass of `idx` by a byte-sized digit (`digit[i]` for prefix i, 0-255), into `tmp`.
 * Returns false, doing nothing, when every prefix has the same digit (the pass would not change the order).
 */
function radixPass(idx: Uint32Array, tmp: Uint32Array, digit: Uint8Array, count: Uint32Array): boolean {
  const n = idx.length;
  count.fill(0);
  for (let i = 0; i < n; i++) count[digit[i] + 1]++;
  for (let d = 1; d <= 256; d++) if (count[d] === n) return false;
  for (let d = 1; d <= 256; d++) count[d] += count[d - 1];
  for (let j = 0; j < n; j++) {
    const i = idx[j];
    tmp[count[digit[i]]++] = i;
  }
  return true;
}

/** True when the first `bits` bits of the 4-word addresses at word offsets ao and bo of `w` are equal. */
function samePrefixAt(w: Uint32Array, ao: number, bo: number, bits: number): boolean {
  let i = 0;
  for (; bits >= 32; bits -= 32, i++) if (w[ao + i] !== w[bo + i]) return false;
  if (bits === 0) return true;
  const shift = 32 - bits;
  return w[ao + i] >>> shift === w[bo + i] >>> shift;
}

/**
 * `aggregateNets` for IPv6: the words sit in one Uint32Array (4 per prefix) and the order comes from a least
 * significant digit first radix sort of prefix indices (length, then the 16 address bytes from the last; a byte
 * that is the same in every prefix costs one counting pass and no move), so no comparator is called and no object
 * is made until the output. The stack holds indices. `npm run bench` compares it with cidr-tools on the whole file.
 */
function aggregateIpv6(nets: Net[]): Net[] {
  const n = nets.length;
  const w = new Uint32Array(n * 4);
  const len = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = nets[i].words;
    w[4 * i] = x[0];
    w[4 * i + 1] = x[1];
    w[4 * i + 2] = x[2];
    w[4 * i + 3] = x[3];
    len[i] = nets[i].length;
  }
  let idx = new Uint32Array(n);
  let tmp = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Uint32Array(257);
  const digit = new Uint8Array(n);
  // least significant first: the length (0-128), then bytes 15 .. 0 of the address
  for (let pass = -1; pass < 16; pass++) {
    if (pass === -1) {
      digit.set(len);
    } else {
      const word = 3 - (pass >> 2);
      const shift = 8 * (pass & 3);
      for (let i = 0; i < n; i++) digit[i] = (w[4 * i + word] >>> shift) & 255;
    }
    if (radixPass(idx, tmp, digit, count)) [idx, tmp] = [tmp, idx];
  }
  const stack = new Uint32Array(n); // indices of the prefixes kept
  const stackLen = new Uint8Array(n); // their lengths (a merged parent is shorter than its index's own length)
  let top = 0;
  for (let j = 0; j < n; j++) {
    const c = idx[j];
    const cl = len[c];
    if (top > 0) {
      const tl = stackLen[top - 1];
      if (tl <= cl && samePrefixAt(w, 4 * stack[top - 1], 4 * c, tl)) continue;
    }
    stack[top] = c;
    stackLen[top] = cl;
    top++;
    while (top >= 2) {
      const l = stackLen[top - 1];
      if (stackLen[top - 2] !== l || l === 0 || !samePrefixAt(w, 4 * stack[top - 2], 4 * stack[top - 1], l - 1)) break;
      top--;
      stackLen[top - 1] = l - 1;
    }
  }
  const out = new Array<Net>(top);
  for (let k = 0; k < top; k++) {
    const o = 4 * stack[k];
    out[k] = { words: [w[o], w[o + 1], w[o + 2], w[o + 3]], length: stackLen[k] };
  }
  return out;
}

const formatGroups = new Uint32Array(8);

/** Formats a prefix as canonical text: dotted quad, or RFC 5952 lower-case IPv6 with `::` compression. */
export function formatNet(net: Net): string {
  const w = net.words;
  if (w.length === 1) {
    const x = w[0];
    return `${x >>> 24}.${(x >>> 16) & 255}.${(x >>> 8) & 255}.${x & 255}/${net.length}`;
  }
  const g = formatGroups;
  g[0] = w[0] >>> 16; g[1] = w[0] & 0xffff; g[2] = w[1] >>> 16; g[3] = w[1] & 0xffff;
  g[4] = w[2] >>> 16; g[5] = w[2] & 0xffff; g[6] = w[3] >>> 16; g[7] = w[3] & 0xffff;
  // longest run of zero groups of length >= 2 is compressed, the first one on a tie (RFC 5952 4.2)
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  let s = '';
  let sep = ''; // ':' between two groups, nothing straight after '::' or at the start
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      s += '::';
      i += bestLen - 1;
      sep = '';
      continue;
    }
    s += sep + g[i].toString(16);
    sep = ':';
  }
  return `${s}/${net.length}`;
}
