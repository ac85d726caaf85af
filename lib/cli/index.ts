/**
 * `cdk-connect-dx` command-line tool. Bundled by esbuild at build time into assets/cli/index.js, which
 * package.json's `bin` points to; SDK clients it uses are bundled in, so the package has no runtime deps.
 */
import { commands } from './commands';
import { UsageError } from './args';
import { CliIo } from './io';

const io: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export async function main(argv: string[], cli: CliIo): Promise<number> {
  // The AWS SDK prints a 7-line notice about future Node.js versions on the first client it creates; it is not
  // about this command's result, so `sync` and `status` stay quiet (set the variable to 'false' to see it).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [name, ...rest] = argv;
  const names = Object.keys(commands).sort();
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const width = Math.max(...names.map((n) => n.length)) + 2;
    cli.out(
      'Usage: cdk-connect-dx <command> [flags]\n\nCommands:\n' +
        names.map((n) => `  ${n.padEnd(width)}${commands[n].summary}`).join('\n') +
        '\n\nRun cdk-connect-dx <command> --help for the flags of a command.\n',
    );
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) {
    cli.err(`cdk-connect-dx: unknown command '${name}'; allowed: ${names.join(', ')}\n`);
    return 2;
  }
  try {
    return await entry.run(rest, cli);
  } catch (e) {
    // Errors print on one line: a line break inside a value shown in the message (a flag value, a JSON excerpt)
    // is written as the two characters `\n`, so scripts can read exactly one line.
    const message = ((e as Error).message ?? String(e)).replace(/\r?\n|\r/g, '\\n');
    cli.err(`cdk-connect-dx ${name}: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), io).then(
    (code) => { process.exitCode = code; },
    (e) => { io.err(`${String(e)}\n`); process.exitCode = 1; },
  );
}
