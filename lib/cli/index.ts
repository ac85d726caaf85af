/**
 * `cdk-connect-dx` command-line tool. Bundled by esbuild at build time into assets/cli/index.js (the dispatcher,
 * which package.json's `bin` points to) and assets/cli/commands/<command>.js (one bundle per command, loaded when it
 * runs; see commands.ts); the SDK clients are bundled in, so the package has no runtime deps.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { commands } from './commands';
import { UsageError } from './args';
import { CliIo, printable, printableLines } from './io';

/**
 * Output failures: a reader that went away (`| head -1`, EPIPE) ends the program quietly with exit 0; any other
 * failure to write stdout (`> /dev/full`, a closed stdout) is one line on stderr and exit 1, never a stack trace
 * and never a silent success.
 */
export function outputFailed(e: NodeJS.ErrnoException, exit: (code: number) => void = (c) => process.exit(c)): void {
  if (e?.code === 'EPIPE') {
    exit(0);
    return;
  }
  try {
    process.stderr.write(`cdk-connect-dx: cannot write the output: ${printable(e?.code ? `${e.code} (${e.message})` : String(e?.message ?? e))}\n`);
  } catch {
    // stderr is gone too: the exit code still tells
  }
  exit(1);
}

/**
 * True when the program was started with stdout closed (`>&-`). Node then opens /dev/null read-write on fd 1 so
 * that writes succeed and vanish; a redirect to /dev/null by the user is write-only. Linux only (/proc); elsewhere
 * false.
 */
export function stdoutWasClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)$/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === 2; // O_RDWR
  } catch {
    return false;
  }
}

function write(text: string): void {
  try {
    // Defence in depth: no command's output can carry a control sequence (each line is made printable).
    process.stdout.write(printableLines(text));
  } catch (e) {
    outputFailed(e as NodeJS.ErrnoException);
  }
}

/** A JSON document from the one JSON writer (`jsonDocument`), which already escaped every control character. */
function writeDocument(text: string): void {
  try {
    process.stdout.write(text);
  } catch (e) {
    outputFailed(e as NodeJS.ErrnoException);
  }
}

const io: CliIo = {
  out: write,
  outJson: writeDocument,
  err: (t) => { process.stderr.write(printableLines(t)); },
};

export async function main(argv: string[], cli: CliIo): Promise<number> {
  // The AWS SDK prints a 7-line notice about future Node.js versions on the first client it creates; it is not
  // about this command's result, so `sync` and `status` stay quiet (set the variable to 'false' to see it).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [name, ...rest] = argv;
  const names = Object.keys(commands).sort();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const width = Math.max(...names.map((n) => n.length)) + 2;
    const usage = 'Usage: cdk-connect-dx <command> [flags]\n\nCommands:\n' +
      names.map((n) => `  ${n.padEnd(width)}${commands[n].summary}`).join('\n') +
      '\n\nRun cdk-connect-dx <command> --help for the flags of a command.\n';
    // Asked for: stdout, exit 0. A call without a command is a bad call: usage on stderr, exit 2.
    if (name) cli.out(usage);
    else cli.err(usage);
    return name ? 0 : 2;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    cli.err(`cdk-connect-dx: unknown command '${printable(name)}'; allowed: ${names.join(', ')}\n`);
    return 2;
  }
  try {
    return await entry.load().run(rest, cli);
  } catch (e) {
    // Errors print on one line: a line break inside a value shown in the message (a flag value, a JSON excerpt)
    // is written as the two characters `\n`, so scripts can read exactly one line.
    const message = ((e as Error).message ?? String(e)).replace(/\r?\n|\r/g, '\\n');
    cli.err(`cdk-connect-dx ${name}: ${message}\n`);
    // by name: each command is its own bundle (scripts/bundle.mjs), with its own copy of the UsageError class
    return e instanceof UsageError || (e as Error)?.name === 'UsageError' ? 2 : 1;
  }
}

if (require.main === module) {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => outputFailed(e));
  if (stdoutWasClosed()) outputFailed(Object.assign(new Error('stdout is closed; the output would be lost'), { code: 'EBADF' }));
  main(process.argv.slice(2), io).then(
    // Wait until stdout has taken everything: a write that fails late (a pipe, a full disk) still sets the code.
    (code) => { process.stdout.write('', () => { process.exitCode = code; }); process.exitCode = code; },
    (e) => { io.err(`${String(e)}\n`); process.exitCode = 1; },
  );
}
