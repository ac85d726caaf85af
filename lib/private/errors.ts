/** Validation and annotation helpers shared by the constructs (not exported from the package). */
import { Annotations, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The error this library throws at synth time for input it refuses. The message names the property,
 * shows the value received and says what is allowed, e.g. `vlan must be an integer from 1 to 4094, got 4095`.
 *
 * Not part of the jsii API: jsii cannot export subclasses of Error (JSII3004). Callers in every language
 * see an ordinary exception whose message starts with the property name; the `name` field reads
 * `ConnectDxValidationError`.
 */
export class ConnectDxValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectDxValidationError';
    Object.setPrototypeOf(this, ConnectDxValidationError.prototype);
  }
}

/** Prefix of every warning id this library emits, so users can acknowledge them by id. */
export const WARNING_PREFIX = 'cdk-connect-dx';

/** Throws the library's validation error with the property named. */
export function fail(property: string, message: string): never {
  throw new ConnectDxValidationError(`${property} ${message}`);
}

/** Adds an acknowledgeable warning `cdk-connect-dx:<id>` to a construct. */
export function warn(scope: IConstruct, id: string, message: string): void {
  Annotations.of(scope).addWarningV2(`${WARNING_PREFIX}:${id}`, message);
}

/** True when the value is (or contains) an unresolved token and so cannot be checked at synth time. */
export function isToken(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Shows a value in an error message: strings quoted, everything else JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** Checks an integer range; tokens pass through. */
export function checkInteger(property: string, value: number, min: number, max: number, extra = ''): void {
  if (isToken(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    fail(property, `must be an integer from ${min} to ${max}${extra}, got ${show(value)}`);
  }
}
