/** Each command loads only what it uses: `--help` loads no command module and no SDK client; a command loads its own. */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commands } from '../../lib/cli/commands';
import { main } from '../../lib/cli/index';
import { RecordingIo } from '../helpers/cli-io';

const mockLoaded: string[] = [];
const track = (name: string, module: string) => { mockLoaded.push(name); return jest.requireActual(module); };
jest.mock('../../lib/cli/commands/sync', () => track('sync', '../../lib/cli/commands/sync'));
jest.mock('../../lib/cli/commands/router-config', () => track('router-config', '../../lib/cli/commands/router-config'));
jest.mock('../../lib/cli/commands/allow-list', () => track('allow-list', '../../lib/cli/commands/allow-list'));
jest.mock('../../lib/cli/commands/status', () => track('status', '../../lib/cli/commands/status'));
jest.mock('../../lib/cli/commands/handoff', () => track('handoff', '../../lib/cli/commands/handoff'));
jest.mock('../../lib/cli/commands/failover-test', () => track('failover-test', '../../lib/cli/commands/failover-test'));
jest.mock('../../lib/cli/commands/doctor', () => track('doctor', '../../lib/cli/commands/doctor'));
jest.mock('../../lib/cli/commands/locations', () => track('locations', '../../lib/cli/commands/locations'));
jest.mock('@aws-sdk/client-direct-connect', () => track('@aws-sdk/client-direct-connect', '@aws-sdk/client-direct-connect'));
jest.mock('@aws-sdk/client-ec2', () => track('@aws-sdk/client-ec2', '@aws-sdk/client-ec2'));

describe('CLI command loading', () => {
  test('--help lists every command with its summary and loads no command module and no SDK client', async () => {
    const io = new RecordingIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const [name, ref] of Object.entries(commands)) expect(io.stdout).toContain(`${name.padEnd(15)}${ref.summary}`);
    expect(mockLoaded).toEqual([]);
  });

  test('locations loads its own module and the Direct Connect client, nothing else', async () => {
    expect(await main(['locations', '--region', 'eu-west-2'], new RecordingIo())).toBe(0);
    expect([...mockLoaded].sort()).toEqual(['@aws-sdk/client-direct-connect', 'locations']);
  });

  test("every entry's summary is the one its module shows in its own --help", async () => {
    for (const [name, ref] of Object.entries(commands)) {
      const io = new RecordingIo();
      expect(await main([name, '--help'], io)).toBe(0);
      expect(io.stdout).toContain(ref.summary);
      expect(ref.load().run).toEqual(expect.any(Function));
    }
  });

  test('the bundled dispatcher holds no command: each is its own bundle in assets/cli/commands/', () => {
    const assets = path.join(__dirname, '..', '..', 'assets', 'cli');
    expect(existsSync(path.join(assets, 'index.js'))).toBe(true); // npm test bundles first
    expect(readFileSync(path.join(assets, 'index.js'), 'utf8').length).toBeLessThan(30_000);
    for (const name of Object.keys(commands)) expect(existsSync(path.join(assets, 'commands', `${name}.js`))).toBe(true);
  });
});
