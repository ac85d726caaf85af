/**
 * Type checks for callers that bypass TypeScript (plain JavaScript, or `any`): a string where an array is
 * expected, a number where a string is expected, and the like. jsii checks these for Python, Java, .NET and Go;
 * a JavaScript caller would otherwise meet `TypeError: values.forEach is not a function` deep inside a construct.
 * Every public entry point that takes a struct calls `checkProps` first, with the struct's name in
 * `prop-shapes.generated.ts` (generated from the jsii assembly by scripts/generate-prop-shapes.mjs). Not exported from the package; free of aws-cdk-lib.
 */
import { fail, show } from './fail';
import { PROP_SHAPES } from './prop-shapes.generated';
import { isUnresolved } from './unresolved';

/** What a JavaScript value is, in an error message. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const t = typeof value;
  return t === 'object' ? 'an object' : `a ${t}`;
}

/** The one refusal for a value that should be an array (a JS caller passing `'10.0.0.0/8'` for `['10.0.0.0/8']`). */
export function notAnArray(path: string, value: unknown): never {
  const hint = typeof value === 'string' ? `; for one value write [${show(value)}]` : '';
  fail(path, `must be an array (a list), got ${show(value)} (${typeName(value)})${hint}`);
}

/** A kind of `prop-shapes.generated.ts` in words. */
function describeKind(kind: string): string {
  if (kind.startsWith('array')) return 'an array';
  if (kind.startsWith('object:')) return `a ${kind.slice('object:'.length)} object`;
  if (kind.startsWith('struct:')) return `an object (${kind.slice('struct:'.length)})`;
  return kind === 'any' ? 'a value' : `a ${kind}`;
}

/** Checks one value against a kind of `prop-shapes.generated.ts`; `path` names it in the error. */
export function checkKind(path: string, value: unknown, kind: string): void {
  if (value === undefined || kind === 'any' || isUnresolved(value)) return;
  if (kind.startsWith('array')) {
    if (!Array.isArray(value)) notAnArray(path, value);
    const element = kind === 'array' ? undefined : kind.slice('array:'.length);
    if (element) value.forEach((v, i) => checkKind(`${path}[${i}]`, v, element));
    return;
  }
  if (kind.startsWith('struct:')) {
    checkProps(kind.slice('struct:'.length), value, path);
    return;
  }
  if (kind.startsWith('object:')) {
    const cls = kind.slice('object:'.length);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      fail(path, `must be a ${cls} object, got ${show(value)} (${typeName(value)})`);
    }
    return;
  }
  if (typeof value !== kind) fail(path, `must be a ${kind}, got ${show(value)} (${typeName(value)})`);
}

/**
 * Checks the JavaScript types of `props` against the struct `struct` (a name in `prop-shapes.generated.ts`) and returns
 * them. `prefix` names a nested struct in errors (`newConnection.location`). Unknown keys are left alone.
 */
export function checkProps<T>(struct: string, props: T, prefix = ''): T {
  const shape = PROP_SHAPES[struct];
  if (!shape) throw new Error(`prop-types: no shape for ${struct}; run node scripts/generate-prop-shapes.mjs`);
  if (props === undefined || isUnresolved(props)) return props;
  if (typeof props !== 'object' || props === null || Array.isArray(props)) {
    fail(prefix || 'props', `must be an object (${struct}), got ${show(props)} (${typeName(props)})`);
  }
  const record = props as Record<string, unknown>;
  const entries = Object.entries(shape).map(([name, spec]) =>
    ({ name, path: prefix ? `${prefix}.${name}` : name, required: spec.startsWith('!'), kind: spec.replace(/^!/, '') }));
  // Wrong types first (they say more about the mistake), then missing required properties.
  for (const e of entries) checkKind(e.path, record[e.name], e.kind);
  for (const e of entries) {
    if (e.required && record[e.name] === undefined) fail(e.path, `is required (${describeKind(e.kind)}), got undefined`);
  }
  return props;
}
