/**
 * Recognises CDK tokens without importing aws-cdk-lib, for code that is also bundled into the CLI (which
 * must not carry aws-cdk-lib: importing it bundles about 40 MB). Not exported from the package.
 *
 * The encodings are aws-cdk-lib's (core/lib/private/encoding.ts): string tokens contain `${Token[...]}`,
 * list tokens `#{Token[...]}`, number tokens are doubles whose top 16 bits are 0xFBFF, and anything with a
 * `resolve` function is an IResolvable. test/router-config checks this against `Token.isUnresolved`.
 */

const DOUBLE_TOKEN_MARKER = 0xfbff;

/** True when the number is an encoded CDK number token. */
function isTokenDouble(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getUint16(0) === DOUBLE_TOKEN_MARKER;
}

/** True when the value is or contains an unresolved CDK token (strings, numbers, lists, IResolvable). */
export function looksUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${Token[') || value.includes('#{Token[');
  if (typeof value === 'number') return isTokenDouble(value);
  if (Array.isArray(value)) return value.some(looksUnresolved);
  if (value !== null && typeof value === 'object') return typeof (value as { resolve?: unknown }).resolve === 'function';
  return false;
}
