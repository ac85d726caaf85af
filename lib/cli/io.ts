export { printable } from '../private/text-rules';
import { printable } from '../private/text-rules';

/** Where a CLI command writes; tests pass a recorder, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The clock (tests inject one); the binary leaves it out and the command reads the system clock. */
  now?(): Date;
}

/** The signature every subcommand implements: returns the exit code. */
export type Command = (argv: string[], io: CliIo) => Promise<number>;

/** A subcommand entry for the dispatcher. */
export interface CommandEntry {
  readonly summary: string;
  readonly run: Command;
}

/** JSON text with the characters JSON.stringify leaves raw but terminals act on (DEL, C1, U+2028/9) escaped. */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Output text whose lines the program wrote: each line made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
