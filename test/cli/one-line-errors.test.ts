import { main } from '../../lib/cli/index';

function record() {
  const io = { outText: '', errText: '', out(t: string) { io.outText += t; }, err(t: string) { io.errText += t; } };
  return io;
}

describe('CLI errors are one line for every subcommand', () => {
  test.each([
    ['allow-list', ['--region', 'us-east-1', '--alias', 'a\nb']],
    ['router-config', ['--vendor', 'frr', '--vlan', '101\n']],
    ['status', ['--vif-id', 'dxvif-\nabc']],
    ['sync', ['--region', 'us-east-1', '--prefix-list', 'EC2-ipv4=pl-1\n2']],
    ['doctor', ['--region', 'us-east-1', '--alias', 'a', '--resolver', '10.0.0.2\n']],
  ])('%s with a line break inside a flag value', async (command, args) => {
    // WHEN a value holds a line break
    const io = record();
    const code = await main([command, ...args], io);
    // THEN exit code 2 and exactly one line naming the command, the break shown as \n
    expect(code).toBe(2);
    expect(io.errText.endsWith('\n')).toBe(true);
    expect(io.errText.trimEnd().split('\n')).toHaveLength(1);
    expect(io.errText).toMatch(new RegExp(`^cdk-connect-dx ${command}: `));
  });
});
