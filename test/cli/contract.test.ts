/**
 * The CLI contract of docs/cli-contract.md, through the BUILT binary (`node scripts/bundle.mjs` first): with
 * `--json` / `--format json` stdout is exactly one JSON document (JSON.parse of the whole of it); without credentials,
 * with an endpoint that refuses connections, or with every call refused, a command that calls AWS prints ONE line
 * naming the cause, the credentials and the Region, exit 1, nothing on stdout; unknown Regions exit 2; a doctor run
 * that tested nothing exits 3 with SKIP lines. Nothing leaves the machine: AWS calls go to 127.0.0.1 (a Direct
 * Connect stand-in or a closed port) or stop at the credential check; doctor asks a closed loopback resolver.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DxStandIn, standInEnv, standInVif, startDxStandIn } from './dx-standin';
import { IP_RANGES_FILE } from '../fixtures';

const CLI = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');
const home = mkdtempSync(path.join(tmpdir(), 'cli-contract-'));
writeFileSync(path.join(home, 'config'), '');
writeFileSync(path.join(home, 'credentials'), '');

/** No credentials anywhere: no key variables, empty config and credentials files, no instance metadata. */
const NO_CREDENTIALS: Record<string, string> = {
  PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: path.join(home, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true',
};
/** Fake static credentials, for calls that go to 127.0.0.1 only. */
const FAKE_CREDENTIALS = { ...standInEnv(), AWS_CONFIG_FILE: NO_CREDENTIALS.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: NO_CREDENTIALS.AWS_SHARED_CREDENTIALS_FILE, HOME: home };

interface Run { code: number | null; stdout: string; stderr: string }

function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: home });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString('utf8'); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString('utf8'); });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** One line on stderr, starting with the command's name. */
function expectOneLine(r: Run, command: string, cause: RegExp): void {
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(new RegExp(`^cdk-connect-dx ${command}: `));
  expect(r.stderr).toMatch(cause);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

let dx: DxStandIn;
let port: number;
beforeAll(async () => {
  expect(existsSync(CLI)).toBe(true); // run `node scripts/bundle.mjs` first
  dx = await startDxStandIn([standInVif('dxvif-aaaa1111', 'dxcon-aaaa1111')]);
  port = await closedPort();
});
afterAll(async () => dx.close());
beforeEach(() => { dx.refuseAll = undefined; });

describe('--json / --format json: stdout is exactly one JSON document', () => {
  test.each<[string, () => string[], (doc: Record<string, unknown>) => void]>([
    ['allow-list --format json', () => ['allow-list', '--region', 'us-east-1', '--alias', 'my-centre', '--format', 'json'], (d) => expect(d).toHaveProperty('endpoints')],
    ['locations --json', () => ['locations', '--region', 'eu-west-2', '--json'], (d) => expect((d.locations as unknown[]).length).toBeGreaterThan(0)],
    ['locations --live --json', () => ['locations', '--live', '--region', 'eu-west-2', '--endpoint-url', dx.url, '--json'], (d) => expect(d.errors).toEqual([])],
    ['status --json', () => ['status', '--region', 'us-east-1', '--endpoint-url', dx.url, '--json'], (d) => expect(d).toMatchObject({ region: 'us-east-1', errors: [] })],
    ['doctor --json', () => ['doctor', '--region', 'us-east-1', '--alias', 'my-centre', '--only', 'dns', '--resolver', `127.0.0.1:${port}`, '--timeout-ms', '200', '--json'],
      (d) => expect(d).toMatchObject({ format: 'cdk-connect-dx.doctor/v1', exitCode: 1 })],
  ])('%s', async (_name, args, check) => {
    const r = await cli(args(), FAKE_CREDENTIALS);
    expect(r.stdout.endsWith('\n')).toBe(true);
    check(JSON.parse(r.stdout));
    expect(r.code).toBe(JSON.parse(r.stdout).exitCode ?? 0);
  });

  test('doctor --json with U+009B and U+202E in a proxy value: valid JSON (\\u009b, never \\x9b), credentials not shown', async () => {
    // GIVEN a proxy variable with a leading space, a password, a CSI and a right-to-left override
    const env = { ...FAKE_CREDENTIALS, HTTPS_PROXY: ' http://alice:s3cr3t@proxy\u009b31m.corp\u202e:3128' };
    const args = ['doctor', '--region', 'us-east-1', '--alias', 'my-centre', '--only', 'proxy', '--resolver', `127.0.0.1:${port}`, '--timeout-ms', '200'];
    // WHEN
    const json = await cli([...args, '--json'], env);
    const text = await cli(args, env);
    // THEN
    const doc = JSON.parse(json.stdout);
    expect(doc.findings[0].details.proxy).toBe('http://***@proxy\u009b31m.corp\u202e:3128');
    expect(json.stdout).toContain('\\u009b31m.corp\\u202e');
    expect(json.stdout).not.toMatch(/\\x9b|[\u0080-\u009f\u202e]|alice|s3cr3t/);
    expect(text.stdout).toContain('***@proxy\\x9b31m.corp\\u202e:3128');
    expect(text.stdout).not.toMatch(/[\u0080-\u009f\u202e]|alice|s3cr3t/);
  });
});

describe('no credentials: one line naming the cause, the profile and the Region, exit 1, nothing on stdout', () => {
  test.each([
    ['status', ['status', '--region', 'eu-west-2'], /Region eu-west-2/],
    ['status', ['status', '--region', 'eu-west-2', '--json'], /Region eu-west-2/],
    ['locations', ['locations', '--live'], /Region af-south-1/],
    ['failover-test', ['failover-test', '--vif-id', 'dxvif-aaaa1111', '--region', 'eu-west-2'], /Region eu-west-2/],
    ['failover-test', ['failover-test', '--vif-id', 'dxvif-aaaa1111', '--region', 'eu-west-2', '--history'], /Region eu-west-2/],
    ['sync', ['sync', '--region', 'us-east-1', '--prefix-list', 'EC2-ipv4=pl-0123456789abcdef0', '--ip-ranges', IP_RANGES_FILE, '--dry-run'], /Region us-east-1/],
  ])('%s %#', async (command, args, region) => {
    const r = await cli(args, NO_CREDENTIALS);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r, command, /no AWS credentials \(profile default, /);
    expect(r.stderr).toMatch(region);
  });

  test('the profile named by AWS_PROFILE is the one shown', async () => {
    const r = await cli(['status', '--region', 'eu-west-2'], { ...NO_CREDENTIALS, AWS_PROFILE: 'contact-centre' });
    expect(r.code).toBe(1);
    expectOneLine(r, 'status', /\(profile contact-centre, Region eu-west-2\)/);
  });
});

describe('a refused call: one line, exit 1, nothing on stdout', () => {
  test.each([
    ['status', (u: string) => ['status', '--region', 'eu-west-2', '--endpoint-url', u]],
    ['status', (u: string) => ['status', '--region', 'eu-west-2', '--endpoint-url', u, '--json']],
    ['locations', (u: string) => ['locations', '--live', '--endpoint-url', u]],
    ['failover-test', (u: string) => ['failover-test', '--vif-id', 'dxvif-aaaa1111', '--region', 'eu-west-2', '--endpoint-url', u]],
  ])('%s to a closed loopback port (connection refused)', async (command, args) => {
    const url = `http://127.0.0.1:${port}`;
    const r = await cli(args(url), FAKE_CREDENTIALS);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r, command, new RegExp(`cannot reach ${url} \\(credentials from AWS_ACCESS_KEY_ID, Region \\S+, endpoint ${url}\\): \\w+: connect ECONNREFUSED`));
  });

  test.each([
    ['status', () => ['status', '--region', 'eu-west-2', '--endpoint-url', dx.url], /DescribeConnections was denied/],
    ['status', () => ['status', '--region', 'eu-west-2', '--endpoint-url', dx.url, '--json'], /DescribeConnections was denied/],
    ['locations', () => ['locations', '--live', '--endpoint-url', dx.url], /DescribeLocations failed in all \d+ Regions .*was denied/],
    ['failover-test', () => ['failover-test', '--vif-id', 'dxvif-aaaa1111', '--region', 'eu-west-2', '--endpoint-url', dx.url, '--history'], /ListVirtualInterfaceTestHistory was denied/],
  ])('%s with every call denied (AccessDeniedException)', async (command, args, cause) => {
    dx.refuseAll = { status: 400, type: 'AccessDeniedException', message: 'User is not authorized to perform this action' };
    const r = await cli(args(), FAKE_CREDENTIALS);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r, command, cause);
  });

  test('credentials AWS does not accept (UnrecognizedClientException): one line saying so', async () => {
    dx.refuseAll = { status: 400, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' };
    const r = await cli(['status', '--region', 'eu-west-2', '--endpoint-url', dx.url], FAKE_CREDENTIALS);
    expect(r.code).toBe(1);
    expectOneLine(r, 'status', /AWS refused the credentials \(credentials from AWS_ACCESS_KEY_ID, Region eu-west-2, endpoint /);
  });
});

describe('usage: exit 2, one line, nothing on stdout', () => {
  test.each([
    ['locations', ['locations', '--region', 'eu-west-9'], /--region 'eu-west-9' has no Direct Connect location in the snapshot/],
    ['locations', ['locations', '--live', '--region', 'eu-west-9', '--json'], /--region 'eu-west-9'/],
    ['doctor', ['doctor', '--region', 'eu-west-9', '--alias', 'my-centre'], /--region must be one of/],
    ['allow-list', ['allow-list', '--region', 'eu-west-9', '--alias', 'my-centre'], /eu-west-9/],
    ['failover-test', ['failover-test', '--vif-id', 'dxvif-aaaa1111', '--stop', 'abc'], /--stop must be a failover test id/],
    ['failover-test', ['failover-test', '--vif-id', 'dxvif-aaaa1111', '--minutes', '4321'], /--minutes must be an integer from 1 to 4320/],
    ['status', ['status', '--json=yes'], /--json takes no value/],
    ['router-config', ['router-config', '--nope'], /unknown flag --nope/],
    ['handoff', ['handoff', '--nope'], /unknown flag --nope/],
    ['sync', ['sync', '--nope'], /unknown flag --nope/],
  ])('%s %#', async (command, args, message) => {
    const r = await cli(args, NO_CREDENTIALS);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLine(r, command, message);
  });
});

describe('doctor --only with nothing testable: SKIP lines, exit 3', () => {
  test('--only route when no host resolves (text and --json)', async () => {
    const args = ['doctor', '--region', 'us-east-1', '--alias', 'my-centre', '--only', 'route', '--resolver', `127.0.0.1:${port}`, '--timeout-ms', '200'];
    const text = await cli(args, FAKE_CREDENTIALS);
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^SKIP {2}route {2}.*nothing to test/m);
    expect(text.stdout).toMatch(/summary: 0 PASS, 0 WARN, 0 FAIL, 1 SKIP in .* \(exit 3: nothing could be tested\)/);
    const json = await cli([...args, '--json'], FAKE_CREDENTIALS);
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toMatchObject({ exitCode: 3, summary: { pass: 0, warn: 0, fail: 0, skip: 1 } });
  });
});
