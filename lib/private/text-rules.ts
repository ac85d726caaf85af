/**
 * Validation and escaping rules for values that end up inside generated text (Suricata rules, domain lists, CSV,
 * JSON, CloudFormation strings), shared by the constructs, the text renderers and the CLI so that all of them
 * accept and refuse the same values. Free of aws-cdk-lib (it is bundled into the CLI). Not exported from the
 * package.
 *
 * Callers on a path that synthesizes CloudFormation pass `isUnresolved` (Token.isUnresolved) so that real tokens
 * pass through; text renderers pass nothing, and refuse tokens and token-like text first (`refuseTokenText`).
 */
import { formatCidr, networkOf, parseCidr } from './cidr';
import { fail, show } from './fail';
import { notAnArray } from './prop-types';
import { NetworkFirewallLimits } from '../facts/firewall-limits';

/** Decides whether a value is an unresolved token that may pass unchecked (CloudFormation paths only). */
export type UnresolvedCheck = (value: unknown) => boolean;
const NONE: UnresolvedCheck = () => false;

/** Refuses a value that is not an array (a JS caller passing `'10.0.0.0/8'` for `['10.0.0.0/8']`). */
export function checkArray(property: string, value: unknown, unresolved: UnresolvedCheck = NONE): void {
  if (Array.isArray(value) || unresolved(value)) return;
  notAnArray(property, value);
}

/** A CIDR list that was checked: the texts (tokens included) and the families of the resolved ones. */
export interface CheckedCidrs {
  readonly all: string[];
  readonly v4: string[];
  readonly v6: string[];
  /** True when the list or one of its entries is an unresolved token. */
  readonly hasTokens: boolean;
}

/** Checks one CIDR is well formed and canonical (`10.1.0.0/16`, not `10.1.0.1/16` or `2001:DB8::/32`). */
export function checkCanonicalCidr(property: string, text: string, unresolved: UnresolvedCheck = NONE): void {
  if (unresolved(text)) return;
  const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
  if (!parsed) {
    fail(property, `must be an IPv4 or IPv6 CIDR such as 10.20.0.0/16 or 2001:db8::/56, got ${show(text)}`);
  }
  const canonical = formatCidr(parsed.family, networkOf(parsed), parsed.length);
  if (canonical !== text) {
    fail(property, `must be a canonical CIDR (network address, no host bits, lower-case IPv6), got ${show(text)}; did you mean '${canonical}'?`);
  }
}

/**
 * Checks a list of CIDRs: a non-empty array, each canonical, no duplicates. Private ranges are allowed. Unresolved
 * entries pass through only when `unresolved` says so.
 */
export function checkCidrList(property: string, cidrs: string[], unresolved: UnresolvedCheck = NONE): CheckedCidrs {
  if (unresolved(cidrs)) return { all: cidrs, v4: [], v6: [], hasTokens: true };
  checkArray(property, cidrs);
  if (cidrs.length === 0) {
    fail(property, 'must list at least one CIDR (e.g. the agents\' subnets, 10.20.0.0/16), got []');
  }
  const v4: string[] = [];
  const v6: string[] = [];
  const seen = new Map<string, number>();
  let hasTokens = false;
  cidrs.forEach((text, i) => {
    if (unresolved(text)) { hasTokens = true; return; }
    checkCanonicalCidr(`${property}[${i}]`, text);
    const first = seen.get(text);
    if (first !== undefined) fail(`${property}[${i}]`, `must not repeat a CIDR, got ${show(text)} twice (first at ${property}[${first}])`);
    seen.set(text, i);
    (text.includes(':') ? v6 : v4).push(text);
  });
  return { all: cidrs, v4, v6, hasTokens };
}

/** The text a rule variable holding `cidrs` expands to. */
export function homeNetValue(cidrs: string[]): string {
  return `[${cidrs.join(',')}]`;
}

/**
 * Checks that `HOME_NET` (the agents' CIDRs) fits in a Suricata rule: Network Firewall counts a variable's value
 * toward the 8,192-character limit of every rule that uses it. `ruleBudget` is the longest rule's text besides it.
 */
export function checkHomeNetLength(property: string, cidrs: string[], ruleBudget: number, unresolved: UnresolvedCheck = NONE): void {
  if (unresolved(cidrs)) return;
  const valueLength = homeNetValue(cidrs).length;
  const max = NetworkFirewallLimits.MAX_SURICATA_RULE_LENGTH;
  if (valueLength + ruleBudget > max) {
    fail(property, `expand to ${valueLength} characters in every rule that uses HOME_NET, but a rule may hold at most `
      + `${max} (about ${max - ruleBudget} for the CIDRs); `
      + `aggregate the agents' networks into fewer, larger CIDRs (got ${cidrs.length} CIDRs)`);
  }
}

/** A DNS name or a leading-dot domain wildcard as Network Firewall takes it (lower case, at most 253 characters). */
const DOMAIN_TARGET = /^\.?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Checks a domain target before it is written into a rule, a list or a cell. */
export function checkDomainTarget(property: string, target: string): void {
  if (typeof target !== 'string' || target.length > 254 || !DOMAIN_TARGET.test(target)) {
    fail(property, `must be a DNS name or a leading-dot domain wildcard (letters, digits, '-' and '.'), got ${show(target)}`);
  }
}

/** Control characters (C0, DEL, C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The text of a Suricata option value (`msg:"..."`, `content:"..."`): `\`, `"` and `;` are escaped with a
 * backslash, `|` (which opens hex in `content`) as `|7C|` when `content` is true; control characters cannot be
 * escaped and are refused.
 * @see https://docs.suricata.io/en/latest/rules/payload-keywords.html#content
 */
export function suricataText(property: string, value: string, content = false): string {
  if (typeof value !== 'string' || CONTROL.test(value)) {
    fail(property, `must be text without control characters or line breaks to go into a Suricata rule option, got ${show(value)}`);
  }
  const escaped = value.replace(/[\\";]/g, (c) => `\\${c}`);
  return content ? escaped.replace(/\|/g, '|7C|') : escaped;
}

/**
 * One CSV cell: always quoted, `"` doubled, and a cell that a spreadsheet would read as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or CR) neutralised with a leading `'` (OWASP CSV injection). Line breaks and other control
 * characters are refused, so every record is one line.
 * @see https://owasp.org/www-community/attacks/CSV_Injection
 */
export function csvCell(property: string, value: string): string {
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (typeof value !== 'string' || /[\u0000-\u0008\u000a-\u001f\u007f]/.test(value)) {
    fail(property, `must be text without line breaks or control characters to go into a CSV cell, got ${show(value)}`);
  }
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** One CSV record from named cells. */
export function csvRecord(cells: Array<[string, string]>): string {
  return cells.map(([property, value]) => csvCell(property, value)).join(',');
}

/** The CSV header of the catalog's `toCsv()` and of the CLI's IP-ranges CSV: every cell quoted, like the records. */
export const CATALOG_CSV_HEADER = csvRecord(['host', 'port', 'protocol', 'direction', 'purpose', 'source', 'regions'].map((h) => ['header', h]));

/**
 * The bidirectional formatting controls (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): invisible, they reorder
 * what a terminal shows (U+202E makes `exe.txt` read `txt.exe`), so text from elsewhere shows them escaped.
 */
const BIDI = '\u200e\u200f\u202a-\u202e\u2066-\u2069';
const TERMINAL_UNSAFE = new RegExp(`[\u0000-\u001f\u007f-\u009f\u2028\u2029${BIDI}]`, 'g');
/** What JSON.stringify leaves raw but a terminal acts on: DEL, C1, U+2028/9 and the bidirectional controls. */
const JSON_UNSAFE = new RegExp(`[\u007f-\u009f\u2028\u2029${BIDI}]`, 'g');

const jsonEscape = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One line of text for a terminal, with every control character escaped (C0 including line breaks, DEL, C1,
 * U+2028/U+2029, the bidirectional controls), so that text from elsewhere (a connection name from AWS, a DNS, STUN
 * or TLS answer read by `doctor`, an error message) cannot move the cursor, recolour the terminal, reorder what is
 * shown or forge lines. `\n`, `\r` and `\t` become those two characters, others `\xNN` or `\uNNNN`. The CLI and
 * `doctor` share it. Never used on JSON: {@link jsonDocument} escapes the JSON way.
 */
export function printable(line: string): string {
  return line.replace(TERMINAL_UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** JSON text with the characters JSON.stringify leaves raw but terminals act on (DEL, C1, U+2028/9, bidi) escaped. */
export function printableJson(json: string): string {
  return json.replace(JSON_UNSAFE, jsonEscape);
}

/**
 * THE JSON writer of the CLI: one document (2-space indent, a final line break) in which every control character is
 * escaped the JSON way (`\u0000`-`\u001f` by JSON.stringify; DEL, C1 `\u0080`-`\u009f`, U+2028/9 and the
 * bidirectional controls here), so the text is valid JSON that no terminal acts on. Written past the text filter.
 */
export function jsonDocument(value: unknown): string {
  return printableJson(JSON.stringify(value, undefined, 2)) + '\n';
}

/**
 * A value a user typed, for an error message: double-quoted with JSON escapes (control characters, DEL, C1 and
 * U+2028/9 escaped, so it cannot forge lines or drive the terminal), cut after `max` characters (never inside a
 * surrogate pair) with the full length said, e.g. `"AAAA..." (5000 characters)`.
 */
export function showText(value: string, max = 48): string {
  const points = Array.from(value);
  if (points.length <= max) return printableJson(JSON.stringify(value));
  return `${printableJson(JSON.stringify(points.slice(0, max).join('')))}... (${points.length} characters)`;
}
