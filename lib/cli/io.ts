export { printable, printableJson } from '../private/text-rules';
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

/** Output text whose lines the program wrote: each line made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
