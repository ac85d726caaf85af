export { jsonDocument, printable, printableJson } from '../private/text-rules';
import { jsonDocument, printable } from '../private/text-rules';

/** Where a CLI command writes; tests pass a recorder, the binary passes the process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /**
   * Writes one JSON document to stdout as it is, past the text filter the binary applies to `out` (that filter would
   * turn a JSON escape-worthy character into `\xNN`, which is not JSON). Tests may leave it out: `out` is used then.
   */
  outJson?(document: string): void;
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

/** Writes `value` as the command's one JSON document on stdout, rendered by the CLI's one JSON writer. */
export function writeJson(io: CliIo, value: unknown): void {
  const text = jsonDocument(value);
  if (io.outJson) io.outJson(text);
  else io.out(text);
}
