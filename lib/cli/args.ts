import { REGION_PATTERN } from '../ip-ranges/engine';

/**
 * A small, strict flag parser for the CLI. Bad flags are usage errors: one line naming the flag and what is
 * allowed, exit code 2.
 */

/** Thrown for bad usage; the CLI prints the message on one line and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** How a flag is declared. */
export interface FlagSpec {
  /** Flag name without dashes, e.g. `vlan`. */
  readonly name: string;
  /** `boolean` flags take no value; `string` flags take one; `multi` flags may repeat. */
  readonly kind: 'boolean' | 'string' | 'multi';
  /** One-line description for --help, including the allowed values. */
  readonly help: string;
  /** Shown in --help as the value placeholder. */
  readonly value?: string;
  readonly required?: boolean;
}

/** Parsed flags. */
export interface ParsedFlags {
  readonly strings: Record<string, string>;
  readonly multi: Record<string, string[]>;
  readonly booleans: Record<string, boolean>;
  readonly help: boolean;
}

/** Parses argv (after the subcommand) against the specs. */
export function parseFlags(command: string, argv: string[], specs: FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const strings: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  const booleans: Record<string, boolean> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') { help = true; continue; }
    if (!arg.startsWith('--')) {
      throw new UsageError(`unexpected argument '${arg}'; flags start with -- (see ${command} --help)`);
    }
    let name = arg.slice(2);
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq !== -1) { value = name.slice(eq + 1); name = name.slice(0, eq); }
    const spec = byName.get(name);
    if (!spec) {
      throw new UsageError(`unknown flag --${name}; allowed: ${specs.map((s) => `--${s.name}`).join(', ')}, --help`);
    }
    if (spec.kind === 'boolean') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value, got '${value}'`);
      booleans[name] = true;
      continue;
    }
    if (value === undefined) {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2)) {
        throw new UsageError(`--${name} needs a value: ${spec.value ?? 'VALUE'} (${spec.help})`);
      }
      i++;
    }
    if (spec.kind === 'multi') {
      (multi[name] ??= []).push(value);
    } else {
      if (strings[name] !== undefined) throw new UsageError(`--${name} was given twice ('${strings[name]}' and '${value}'); give it once`);
      strings[name] = value;
    }
  }
  if (!help) {
    for (const s of specs) {
      if (s.required && strings[s.name] === undefined && multi[s.name] === undefined) {
        throw new UsageError(`--${s.name} is required: ${s.value ?? 'VALUE'} (${s.help})`);
      }
    }
  }
  return { strings, multi, booleans, help };
}

/** Flags longer than this print their description on the next line (keeps the column narrow). */
const MAX_FLAG_COLUMN = 40;

/** Renders --help text for a subcommand: flags and descriptions in two aligned columns. */
export function helpText(command: string, summary: string, specs: FlagSpec[]): string {
  const lines = [`Usage: cdk-connect-dx ${command} [flags]`, '', summary, '', 'Flags:'];
  const rows: [string, string][] = specs.map((s) => [
    `--${s.name}${s.kind === 'boolean' ? '' : ` ${s.value ?? 'VALUE'}`}`,
    `${s.help}${s.required ? ' (required)' : ''}${s.kind === 'multi' ? ' (repeatable)' : ''}`,
  ]);
  rows.push(['--help', 'show this help']);
  // one column for every description: two spaces after the longest flag (a very long one gets its own line)
  const fits = rows.map(([left]) => left.length).filter((n) => n <= MAX_FLAG_COLUMN);
  const width = Math.max(...fits) + 2;
  for (const [left, help] of rows) {
    lines.push(left.length > MAX_FLAG_COLUMN ? `  ${left}\n  ${' '.repeat(width)}${help}` : `  ${left.padEnd(width)}${help}`);
  }
  return lines.join('\n') + '\n';
}

/** Parses an integer flag value strictly. */
export function intFlag(flag: string, value: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got '${value}'`);
  }
  return Number(value);
}

/** Checks a value against a fixed list. */
export function oneOf(flag: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got '${value}'`);
  return value;
}

/** Checks an optional `--region` value (an AWS Region code); returns it. */
export function regionFlag(value: string | undefined): string | undefined {
  if (value !== undefined && !REGION_PATTERN.test(value)) {
    throw new UsageError(`--region must be an AWS Region code such as us-east-1 or eu-central-2, got '${value}'`);
  }
  return value;
}

/** Checks an optional `--endpoint-url` value (http:// or https:// with a host); returns it. */
export function endpointFlag(value: string | undefined, flag = 'endpoint-url'): string | undefined {
  if (value !== undefined && !isHttpUrl(value)) {
    throw new UsageError(`--${flag} must be an http:// or https:// URL, got '${value}'`);
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}
