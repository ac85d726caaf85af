import { main } from '../../lib/cli/index';
import { RecordingIo } from '../helpers/cli-io';

describe('CLI errors are one line for every subcommand', () => {
  test.each([
    ['allow-list', ['--region', 'us-east-1', '--alias', 'a\nb']],
    ['router-config', ['--vendor', 'frr', '--vlan', '101\n']],
    ['status', ['--vif-id', 'dxvif-\nabc']],
    ['sync', ['--region', 'us-east-1', '--prefix-list', 'EC2-ipv4=pl-1\n2']],
    ['doctor', ['--region', 'us-east-1', '--alias', 'a', '--resolver', '10.0.0.2\n']],
  ])('%s with a line break inside a flag value', async (command, args) => {
    // WHEN a value holds a line break
    const io = new RecordingIo();
    const code = await main([command, ...args], io);
    // THEN exit code 2 and exactly one line naming the command, the break shown as \n
    expect(code).toBe(2);
    expect(io.stderr.endsWith('\n')).toBe(true);
    expect(io.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(io.stderr).toMatch(new RegExp(`^cdk-connect-dx ${command}: `));
  });
});
