/**
 * The one rule for tokens, for code that is also bundled into the CLI and the Lambda handlers (which must not carry
 * aws-cdk-lib: importing it bundles about 40 MB). Not exported from the package.
 *
 * - `isUnresolved(value)` is `Token.isUnresolved(value)`, nothing else. aws-cdk-lib's check is registered by
 *   `lib/private/errors.ts`, which every construct imports; in the CLI and handler bundles nothing registers it, so
 *   there nothing is unresolved and every value is checked. Only paths that synthesize CloudFormation may let an
 *   unresolved value pass a check.
 * - `isTokenLike(value)` is for text renderers (Suricata, domain list, CSV, JSON, router configuration): it spots
 *   anything that carries a token's encoding (`${Token[`, `#{Token[`, a number token, an IResolvable), resolved
 *   or not, so that the renderer can refuse it naming the field. A text export never holds a real token: such text
 *   is either a token the caller forgot to resolve or an attempt to slip past the checks.
 */
import { fail, show } from './fail';

let unresolvedCheck: ((value: unknown) => boolean) | undefined;

/** Registers aws-cdk-lib's `Token.isUnresolved` (done once by lib/private/errors.ts). */
export function registerUnresolvedCheck(check: (value: unknown) => boolean): void {
  unresolvedCheck = check;
}

/** `Token.isUnresolved(value)` when aws-cdk-lib is loaded; false in the CLI and handler bundles. */
export function isUnresolved(value: unknown): boolean {
  return unresolvedCheck !== undefined && unresolvedCheck(value);
}

const DOUBLE_TOKEN_MARKER = 0xfbff;

/** True when the number is encoded like a CDK number token (aws-cdk-lib core/lib/private/encoding.ts). */
function isTokenDouble(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getUint16(0) === DOUBLE_TOKEN_MARKER;
}

/** True when the value is, contains or imitates a CDK token (strings, numbers, lists, IResolvable). */
export function isTokenLike(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${Token[') || value.includes('#{Token[');
  if (typeof value === 'number') return isTokenDouble(value);
  if (Array.isArray(value)) return value.some(isTokenLike);
  if (value !== null && typeof value === 'object') return typeof (value as { resolve?: unknown }).resolve === 'function';
  return false;
}

/** Refuses a token or token-like value in a field a text renderer interpolates. */
export function refuseTokenText(property: string, value: unknown, what = 'a text export'): void {
  if (!isTokenLike(value)) return;
  const shown = typeof value === 'string' ? ` (${show(value)})` : '';
  fail(property, `is an unresolved token or token-like text${shown}; ${what} needs the literal value, known before it is rendered`);
}
