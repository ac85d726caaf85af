/** Validation and annotation helpers shared by the constructs (not exported from the package). */
import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

import { fail, show } from './fail';
import { registerUnresolvedCheck } from './unresolved';

// The one rule for tokens: code shared with the CLI asks lib/private/unresolved.ts, which answers with this.
registerUnresolvedCheck((value) => Token.isUnresolved(value));

export { ConnectDxValidationError, enterConstruct, fail, leaveConstruct, show } from './fail';

/** Prefix of every warning id this library emits, so users can acknowledge them by id. */
export const WARNING_PREFIX = 'cdk-connect-dx';

/** Adds an acknowledgeable warning `cdk-connect-dx:<id>` to a construct. */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`${WARNING_PREFIX}:${id}`, message);
}

/** True when the value is (or contains) an unresolved token and so cannot be checked at synth time. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Checks an integer range; tokens pass through. */
export function checkInteger(property: string, value: number, min: number, max: number, extra = ''): void {
  if (isToken(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(property, `must be an integer from ${min} to ${max}${extra}, got ${show(value)}`);
  }
}
