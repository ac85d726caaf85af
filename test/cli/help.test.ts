/** CLI help: one column for descriptions, the same wording style in every subcommand. */
import { commands } from '../../lib/cli/commands';
import { main } from '../../lib/cli/index';
import { RecordingIo } from '../helpers/cli-io';

/** The column where the description starts on each `  --flag VALUE  description` line. */
function descriptionColumns(help: string): number[] {
  return help.split('\n').map((l) => /^ {2}--\S+(?: \S+)? {2,}(?=\S)/.exec(l)?.[0].length)
    .filter((n): n is number => n !== undefined);
}

describe('CLI help', () => {
  test('top level: every command with its summary in one aligned column', async () => {
    const io = new RecordingIo();
    expect(await main(['--help'], io)).toBe(0);
    const lines = io.stdout.split('\n').filter((l) => /^ {2}[a-z]/.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/, 1)[0])).toEqual(Object.keys(commands).sort());
    const columns = new Set(lines.map((l) => l.search(/(?<=\S {2,})\S/)));
    expect(columns.size).toBe(1);
  });

  test.each(Object.keys(commands))('%s --help: flag descriptions in one column, --help listed, exit 0', async (name) => {
    const io = new RecordingIo();
    expect(await main([name, '--help'], io)).toBe(0);
    expect(io.stdout).toMatch(new RegExp(`^Usage: cdk-connect-dx ${name} \\[flags\\]\\n`));
    expect(io.stdout).toMatch(/\n {2}--help {2,}show this help\n$/);
    const columns = descriptionColumns(io.stdout);
    expect(columns.length).toBeGreaterThan(1);
    expect(new Set(columns).size).toBe(1);
  });

  test.each(Object.keys(commands))('%s: the summary is a sentence in the imperative, capitalized, without a final period', (name) => {
    const summary = commands[name].summary;
    expect(summary).toMatch(/^[A-Z][a-z]+[ ,]/);
    expect(summary).not.toMatch(/\.$/);
  });

  test('the CLI silences the AWS SDK notice about Node.js versions (it is not about the command)', async () => {
    const saved = process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    try {
      await main(['--help'], new RecordingIo());
      expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBe('true');
    } finally {
      if (saved === undefined) delete process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
      else process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = saved;
    }
  });
});
