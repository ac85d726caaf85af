/**
 * Token detection for the endpoint catalog without aws-cdk-lib (internal).
 *
 * The catalog is also bundled into the `cdk-connect-dx` CLI, which must not pull in aws-cdk-lib, so it cannot call
 * `Token.isUnresolved`. CDK encodes unresolved strings as `${Token[...]}` and unresolved string lists as
 * `#{Token[...]}`; that is all the catalog takes (strings and string lists). test/connect-endpoints checks this
 * agrees with `Token.isUnresolved` on real tokens.
 */
const TOKEN_MARKER = /[$#]\{Token\[[^\]]*\]\}/;

/** True when a string, or any string of a list, holds an unresolved CDK token. */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') return TOKEN_MARKER.test(value);
  if (Array.isArray(value)) return value.some(isUnresolved);
  return false;
}
