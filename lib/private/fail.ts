/**
 * The library's validation error and `fail()`, free of aws-cdk-lib so that code bundled into Lambda
 * handlers (e.g. the ip-ranges engine) can throw the same error without pulling in aws-cdk-lib.
 * `./errors.ts` re-exports everything here; constructs keep importing from there.
 */

/** What the error needs of a construct: its path and parent (structural, so this file stays free of aws-cdk-lib). */
export interface PathOwner {
  readonly node: { readonly path: string; readonly scope?: PathOwner };
}

/**
 * The error this library throws at synth time for input it refuses. The message names the property,
 * shows the value received and says what is allowed, e.g. `vlan must be an integer from 1 to 4094, got 4095`.
 *
 * Like aws-cdk's `ValidationError`, it carries the path of the construct whose constructor refused the input
 * (`constructPath`; the stack trace ends with `Relates to construct: <path>`), and aws-cdk-lib's
 * `Errors.isValidationError(e)` answers true for it. The message itself is unchanged, so it still starts with the
 * property name.
 *
 * Not part of the jsii API: jsii cannot export subclasses of Error (JSII3004). Callers in every language
 * see an ordinary exception whose message starts with the property name; the `name` field reads
 * `ConnectDxValidationError`.
 */
export class ConnectDxValidationError extends Error {
  /** The path of the construct that refused the input (undefined outside a construct, e.g. the CLI). */
  public readonly constructPath?: string;
  /** aws-cdk's ConstructError fields: the kind of error and when it was thrown. */
  public readonly type = 'validation';
  public readonly level = 'error';
  public readonly time = new Date().toISOString();

  constructor(message: string, scope?: PathOwner) {
    super(message);
    this.name = 'ConnectDxValidationError';
    Object.setPrototypeOf(this, ConnectDxValidationError.prototype);
    // the markers aws-cdk-lib's Errors.isConstructError / isValidationError look for
    Object.defineProperty(this, Symbol.for('@aws-cdk/core.SynthesisError'), { value: true });
    Object.defineProperty(this, Symbol.for('@aws-cdk/core.ValidationError'), { value: true });
    if (scope !== undefined) {
      this.constructPath = scope.node.path;
      this.stack = `${this.stack}\nRelates to construct:\n    ${scope.node.path}`;
    }
  }
}

/**
 * The constructs whose constructors are running, outermost first: each construct of the library calls
 * `enterConstruct(this)` after `super()` and `leaveConstruct(this)` at its end, so that `fail()` deep in a rule knows
 * the construct path without every rule taking a scope. A construct whose constructor threw stays until the next one
 * enters outside it, or until `fail()` reports it.
 */
const OPEN: PathOwner[] = [];

function isAncestorOrSelf(a: PathOwner, c: PathOwner): boolean {
  for (let x: PathOwner | undefined = c; x !== undefined; x = x.node.scope) if (x === a) return true;
  return false;
}

/** Marks the start of a library construct's constructor (after `super()`). */
export function enterConstruct(c: PathOwner): void {
  while (OPEN.length > 0 && !isAncestorOrSelf(OPEN[OPEN.length - 1], c)) OPEN.pop(); // finished or aborted elsewhere
  OPEN.push(c);
}

/** Marks the end of a library construct's constructor. */
export function leaveConstruct(c: PathOwner): void {
  const i = OPEN.lastIndexOf(c);
  if (i >= 0) OPEN.length = i;
}

/** Throws the library's validation error with the property named, and the path of the construct being built. */
export function fail(property: string, message: string): never {
  const scope = OPEN[OPEN.length - 1];
  OPEN.length = 0; // the error leaves every open constructor: none of them is open any more
  throw new ConnectDxValidationError(`${property} ${message}`, scope);
}

/** Shows a value in an error message: strings quoted, NaN and infinities as such, everything else JSON. */
export function show(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON would print null
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
