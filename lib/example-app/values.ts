/**
 * How the example app reads one context value (`-c key=value`): the text rules every key shares (no control
 * characters, no token-like text, spaces around a value or a list item ignored), strict whole numbers and booleans,
 * comma lists without empty items, and the error that names the key. Pure: no aws-cdk-lib.
 *
 * Policy, the same for every key:
 * - a value is literal text: control characters (line breaks and tabs included) and CDK token markers
 *   (`${Token[`, `#{Token[`) are refused, never stripped;
 * - ASCII spaces before and after a value, and around each item of a comma list, are ignored (`a, b` is `a,b`);
 *   nothing else is trimmed or rewritten;
 * - an empty item in a comma list (`a,,b`, `a,`) is an error naming the key and the item's position;
 * - numbers are decimal digits only (no sign, exponent, hex, fraction or leading zero); booleans are exactly
 *   `true` or `false`.
 */
import { ConnectDxValidationError } from '../private/fail';
import { showText } from '../private/text-rules';
import { isTokenLike } from '../private/unresolved';

/** Raised for a bad or conflicting context value; the message names the key, shows the value and says what is allowed. */
export class ContextError extends Error {
  /**
   * A construct rule's refusal (`vlan must be an integer from 1 to 4094 ...`) as the error of the context key that
   * fed the value: `context key 'vlan': vlan must be ...`.
   */
  public static fromRule(key: string, e: ConnectDxValidationError, detail = ''): ContextError {
    const error = new ContextError(key, undefined, '');
    error.message = `context key '${key}'${detail}: ${e.message}`;
    return error;
  }

  /** The context key the error is about. */
  public readonly key: string;

  constructor(key: string, value: unknown, allowed: string) {
    super(`context key '${key}' ${allowed}, got ${showValue(value)} (set it with -c ${key}=...)`);
    this.name = 'ContextError';
    this.key = key;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

/** A value for an error message: text quoted, escaped and cut when long; anything else as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return showText(value);
  if (value === undefined) return 'nothing';
  try {
    return showText(JSON.stringify(value) ?? String(value));
  } catch {
    return typeof value;
  }
}

/** Runs a construct rule on a context value; its refusal becomes the error of that key. */
export function underKey<T>(key: string, rule: () => T, detail = ''): T {
  try {
    return rule();
  } catch (e) {
    if (e instanceof ConnectDxValidationError) throw ContextError.fromRule(key, e, detail);
    throw e;
  }
}

/** Control characters (C0 with tab and line breaks, DEL, C1) and the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * The text of a given context value. The CDK CLI passes `-c` values as strings; `cdk.json` may hold numbers and
 * booleans (read as their text). Anything else, control characters and token-like text are refused.
 */
export function contextText(key: string, raw: unknown): string {
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (typeof raw !== 'string') {
    throw new ContextError(key, raw, 'must be text (a string, or a number or boolean in cdk.json)');
  }
  if (CONTROL.test(raw)) {
    throw new ContextError(key, raw, 'must be one line of text without control characters (line breaks, tabs, escapes)');
  }
  if (isTokenLike(raw)) {
    throw new ContextError(key, raw, 'must be literal text: a context value is never a CDK token (${Token[...]} or #{Token[...]})');
  }
  return raw.replace(/^ +| +$/g, '');
}

/** The items of a comma list, spaces around each ignored; an empty list or an empty item is an error naming its position. */
export function listItems(key: string, value: string, what: string): string[] {
  if (value === '') throw new ContextError(key, value, `must be a comma-separated list of ${what} with at least one item`);
  const items = value.split(',').map((s) => s.replace(/^ +| +$/g, ''));
  const empty = items.findIndex((s) => s === '');
  if (empty >= 0) {
    throw new ContextError(key, value, `must be a comma-separated list of ${what} without empty items, but item ${empty + 1} `
      + `of ${items.length} is empty (remove the extra comma)`);
  }
  return items;
}

/** A whole number written in decimal digits (no sign, exponent, hex, fraction or leading zero), at most 10 digits. */
export function wholeNumber(key: string, value: string): number {
  if (!/^(0|[1-9][0-9]{0,9})$/.test(value)) {
    throw new ContextError(key, value, 'must be a whole number in decimal digits (no sign, exponent, hex prefix, fraction '
      + 'or leading zero; up to 10 digits)');
  }
  return Number(value);
}

/** Exactly `true` or `false` (no yes/no, 1/0 or other spellings). */
export function bool(key: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ContextError(key, value, "must be 'true' or 'false' (lower case; yes/no, 1/0 are not accepted)");
}

/** One of the allowed names, exactly as written. */
export function choice(key: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new ContextError(key, value, `must be one of ${allowed.join(', ')}`);
  return value;
}
