/**
 * The library's validation error and `fail()`, free of aws-cdk-lib so that code bundled into Lambda
 * handlers (e.g. the ip-ranges engine) can throw the same error without pulling in aws-cdk-lib.
 * `./errors.ts` re-exports everything here; constructs keep importing from there.
 */

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

/** Throws the library's validation error with the property named. */
export function fail(property: string, message: string): never {
  throw new ConnectDxValidationError(`${property} ${message}`);
}

/** Shows a value in an error message: strings quoted, NaN and infinities as such, everything else JSON. */
export function show(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON would print null
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
