/**
 * `failover-test` against a local Direct Connect JSON API stand-in (HTTP on 127.0.0.1, awsJson1_1): the SDK sends
 * real requests, so these tests see what goes over the wire. StartBgpFailoverTest must be sent exactly once, and an
 * answer that is lost after the test started (500, reset, timeout, "already in progress") must end with the running
 * test's id and the command that stops it. The SIGINT case runs the built binary (`node scripts/bundle.mjs` first).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import * as path from 'node:path';
import { DxStandIn, standInEnv, standInVif, startDxStandIn, StartMode } from './dx-standin';
import { EXIT_AMBIGUOUS, runFailoverTest } from '../../lib/cli/commands/failover-test';
import { recorder } from '../helpers/cli-io';

const CLI = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');
const TESTED = 'dxvif-aaaa1111';
const V4_UP = { bgpPeerId: 'dxpeer-v4aa1111', addressFamily: 'ipv4', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', bgpPeerState: 'available', bgpStatus: 'up' };
const V6_UP = { bgpPeerId: 'dxpeer-v6aa1111', addressFamily: 'ipv6', customerAddress: '2001:db8::1/125', amazonAddress: '2001:db8::2/125', bgpPeerState: 'available', bgpStatus: 'up' };

const saved = { ...process.env };
let dx: DxStandIn;

beforeAll(() => {
  // in-process runs use the SDK's default chain: fake static credentials, nothing else (no profile, no IMDS)
  Object.assign(process.env, standInEnv());
});
afterAll(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});
afterEach(async () => dx?.close());

async function account(...vifs: Array<Record<string, unknown>>) {
  dx = await startDxStandIn(vifs);
  return dx;
}
const twoPaths = () => account(standInVif(TESTED, 'dxcon-aaaa1111'), standInVif('dxvif-bbbb2222', 'dxcon-bbbb2222'));
const args = (...more: string[]) => ['--vif-id', TESTED, '--region', 'us-east-1', '--endpoint-url', dx.url, ...more];
const fast = { backoff: { sleep: async () => undefined }, startTimeoutMs: 400 };

describe('failover-test start against the stand-in: sent once, never lost', () => {
  test('a 200: one StartBgpFailoverTest, the test id and the exact stop command on stdout, exit 0', async () => {
    // GIVEN
    await twoPaths();
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(args('--minutes', '20'), r.io, fast);
    // THEN
    expect(code).toBe(0);
    expect(dx.count('StartBgpFailoverTest')).toBe(1);
    expect(dx.calls.find((c) => c.operation === 'StartBgpFailoverTest')!.body).toEqual({ virtualInterfaceId: TESTED, testDurationInMinutes: 20 });
    expect(r.stdout()).toContain(`Stop it early with: cdk-connect-dx failover-test --vif-id ${TESTED} --stop dxtest-10000001 --region us-east-1 --endpoint-url ${dx.url}`);
  });

  test.each<[string, StartMode, RegExp]>([
    ['500 after the start', 'error-500', /HTTP 500/],
    ['a connection reset after the start', 'reset', /socket hang up|ECONNRESET/],
    ['no answer within the timeout (slow start)', 'slow', /TimeoutError|timed? ?out/i],
  ])('%s: sent once, the history names the running test and the stop command, exit 3', async (_name, mode, cause) => {
    // GIVEN the stand-in starts the test, then loses the answer
    await twoPaths();
    dx.startMode = mode;
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(args(), r.io, fast);
    // THEN no second start (no SDK retry), the running test and how to stop it
    expect(code).toBe(EXIT_AMBIGUOUS);
    expect(dx.count('StartBgpFailoverTest')).toBe(1);
    expect(dx.count('ListVirtualInterfaceTestHistory')).toBeGreaterThanOrEqual(1);
    expect(r.stderr()).toMatch(cause);
    expect(r.stderr()).toMatch(/it was sent once, but AWS may have started a test; the test history shows a test in progress on dxvif-aaaa1111:/);
    expect(r.stderr()).toContain('dxtest-10000001  in progress');
    expect(r.stderr()).toContain(`stop it with: cdk-connect-dx failover-test --vif-id ${TESTED} --stop dxtest-10000001 --region us-east-1 --endpoint-url ${dx.url}`);
    expect(r.stdout()).not.toMatch(/Started failover test/);
  });

  test('"already in progress" (a test from before): names that test and its stop command, exit 3, no retry', async () => {
    // GIVEN a test is running already
    await twoPaths();
    dx.startMode = 'ok';
    await runFailoverTest(args(), recorder().io, fast);
    const r = recorder();
    // WHEN a second start is asked for
    const code = await runFailoverTest(args(), r.io, fast);
    // THEN
    expect(code).toBe(EXIT_AMBIGUOUS);
    expect(dx.count('StartBgpFailoverTest')).toBe(2);
    expect(r.stderr()).toMatch(/already in progress/);
    expect(r.stderr()).toContain('--stop dxtest-10000001');
  });

  test('the printed stop command works: it stops the test the lost answer started', async () => {
    // GIVEN a start whose answer was a 500
    await twoPaths();
    dx.startMode = 'error-500';
    const first = recorder();
    await runFailoverTest(args(), first.io, fast);
    const stopLine = /stop it with: cdk-connect-dx failover-test (.*)$/m.exec(first.stderr())![1];
    // WHEN the printed command runs
    const r = recorder();
    const code = await runFailoverTest(stopLine.split(' '), r.io, fast);
    // THEN
    expect(code).toBe(0);
    expect(dx.tests[0].status).toBe('cancelled');
    expect(r.stdout()).toMatch(/Stopped failover test dxtest-10000001/);
  });

  test('SIGINT while the start is in flight (in process): says a test may be running, how to find and stop it, exit 130', async () => {
    // GIVEN a start that never answers, and a signal when it arrives
    await twoPaths();
    dx.startMode = 'slow';
    const signals = new EventEmitter();
    const exits: number[] = [];
    dx.onStart = () => signals.emit('SIGINT');
    const r = recorder();
    // WHEN
    await runFailoverTest(args(), r.io, { ...fast, signals, exit: (c) => { exits.push(c); } });
    // THEN
    expect(exits).toEqual([130]);
    expect(r.stderr()).toContain(`SIGINT while StartBgpFailoverTest was in flight: a failover test may be running on ${TESTED}. `
      + `Find it with: cdk-connect-dx failover-test --vif-id ${TESTED} --history --region us-east-1 --endpoint-url ${dx.url}; `
      + `stop it with: cdk-connect-dx failover-test --vif-id ${TESTED} --stop TEST_ID --region us-east-1 --endpoint-url ${dx.url}`);
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  test('SIGINT and SIGTERM to the built binary while the start is in flight: the message, exit 130 / 143', async () => {
    expect(existsSync(CLI)).toBe(true); // run `node scripts/bundle.mjs` first
    for (const [signal, expected] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      await twoPaths();
      dx.startMode = 'slow';
      const child = spawn(process.execPath, [CLI, 'failover-test', ...args()], { env: standInEnv() });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      dx.onStart = () => child.kill(signal);
      const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
      expect(code).toBe(expected);
      expect(stderr).toMatch(new RegExp(`^cdk-connect-dx failover-test: ${signal} while StartBgpFailoverTest was in flight: a failover test may be running on ${TESTED}\\. Find it with: .*--history.*; stop it with: .*--stop TEST_ID`, 'm'));
      expect(dx.count('StartBgpFailoverTest')).toBe(1);
      await dx.close();
    }
  });
});

describe('failover-test second path per address family (stand-in)', () => {
  test('IPv4 and IPv6 peers tested, a second path only for IPv4: refused naming ipv6, nothing started', async () => {
    // GIVEN the tested interface has both families; the other only IPv4
    await account(standInVif(TESTED, 'dxcon-aaaa1111', [V4_UP, V6_UP]), standInVif('dxvif-bbbb2222', 'dxcon-bbbb2222'));
    const r = recorder();
    // WHEN
    const code = await runFailoverTest(args(), r.io, fast);
    // THEN
    expect(code).toBe(1);
    expect(r.stderr()).toMatch(/refusing to start: no second path for ipv6: .*Looked at: dxvif-bbbb2222: no ipv6 BGP peer is up on it/);
    expect(dx.count('StartBgpFailoverTest')).toBe(0);
  });

  test('both families up on the other interface: starts, naming the second path of each', async () => {
    await account(standInVif(TESTED, 'dxcon-aaaa1111', [V4_UP, V6_UP]),
      standInVif('dxvif-bbbb2222', 'dxcon-bbbb2222', [{ ...V4_UP, bgpPeerId: 'dxpeer-v4bb2222' }, { ...V6_UP, bgpPeerId: 'dxpeer-v6bb2222' }]));
    const r = recorder();
    const code = await runFailoverTest(args(), r.io, fast);
    expect(code).toBe(0);
    expect(r.stdout()).toMatch(/^Second path for ipv4: dxvif-bbbb2222 on dxcon-bbbb2222/m);
    expect(r.stdout()).toMatch(/^Second path for ipv6: dxvif-bbbb2222 on dxcon-bbbb2222/m);
    expect(dx.count('StartBgpFailoverTest')).toBe(1);
  });

  test('--stop with a malformed id: exit 2 and nothing sent', async () => {
    await twoPaths();
    const r = recorder();
    await expect(runFailoverTest(args('--stop', 'abc'), r.io, fast)).rejects.toThrow(/--stop must be a failover test id: a UUID .* got 'abc'/);
    expect(dx.calls).toHaveLength(0);
  });
});
