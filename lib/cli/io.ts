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

/**
 * One line of output with every control character escaped (C0 including line breaks, DEL, C1, U+2028/U+2029), so
 * that text from AWS (a connection name, an error message) cannot move the cursor, recolour the terminal or forge
 * lines. `\n`, `\r` and `\t` become those two characters, others `\xNN` or `\uNNNN`.
 */
export function printable(line: string): string {
  return line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** JSON text with the characters JSON.stringify leaves raw but terminals act on (DEL, C1, U+2028/9) escaped. */
export function printableJson(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Output text whose lines the program wrote: each line made printable, the line breaks kept. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}
