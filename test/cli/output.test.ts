/**
 * CLI output handling (issue 11, repros 6 and 7): AWS-side text is printed with control characters escaped; a
 * reader that goes away ends quietly with exit 0; other write failures are one line and exit 1; a closed stdout
 * is an error; usage for a bad call goes to stderr.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import {
  DescribeConnectionsCommand, DescribeLagsCommand, DescribeVirtualInterfacesCommand, DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli/index';
import { printable, printableJson } from '../../lib/cli/io';
import { runStatus } from '../../lib/cli/commands/status';

const CLI = path.join(__dirname, '..', '..', 'assets', 'cli', 'index.js');
const ARGS = 'allow-list --region us-east-1 --alias myinst --format json';

function sh(script: string) {
  const r = spawnSync('bash', ['-c', `set -o pipefail; ${script}`], { encoding: 'utf8', env: { ...process.env, CLI } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('repro 7: output handling of the real binary', () => {
  test('a reader that goes away (EPIPE): exit 0, no stack trace', () => {
    const r = sh(`node "$CLI" ${ARGS} | (exec 0<&-; sleep 0.1)`);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  test('| head -1: exit 0, the first line, no stack trace', () => {
    const r = sh(`node "$CLI" ${ARGS} | head -1`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
  });

  test('> /dev/full: one line on stderr naming ENOSPC, exit 1', () => {
    const r = sh(`node "$CLI" ${ARGS} > /dev/full`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^cdk-connect-dx: cannot write the output: ENOSPC/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test('a closed stdout is an error, exit 1; a redirect to /dev/null is fine', () => {
    const closed = sh(`node "$CLI" ${ARGS} >&-`);
    expect(closed.code).toBe(1);
    expect(closed.stderr).toMatch(/cannot write the output: EBADF \(stdout is closed; the output would be lost\)/);
    expect(sh(`node "$CLI" ${ARGS} > /dev/null`).code).toBe(0);
  });

  test('no arguments: usage on stderr, nothing on stdout, exit 2; --help: usage on stdout, exit 0', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => { out += t; }, err: (t: string) => { err += t; } };
    expect(await main([], io)).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^Usage: cdk-connect-dx <command> \[flags\]/);
    out = '';
    expect(await main(['--help'], io)).toBe(0);
    expect(out).toMatch(/^Usage: cdk-connect-dx/);
  });
});

describe('repro 6: AWS-side names cannot forge lines or send escape sequences', () => {
  const dx = mockClient(DirectConnectClient);
  afterAll(() => dx.restore());

  const FORGED = 'x\n  dxvif-ffffffff  "ok"  public  available  VLAN 1\n    BGP ipv4 peer dxpeer-1: up (peer available)\u001b[2J\u009b31m\u2028';

  test('status (text): every control character is escaped; no line is forged', async () => {
    dx.on(DescribeConnectionsCommand).resolves({ connections: [{ connectionId: 'dxcon-fgabc123', connectionName: FORGED, connectionState: 'available', bandwidth: '1Gbps', location: 'EqDC2' }] });
    dx.on(DescribeLagsCommand).resolves({ lags: [] });
    dx.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [] });
    let out = '';
    const code = await runStatus(['--region', 'eu-west-1'], { out: (t) => { out += t; }, err: () => undefined }, { client: new DirectConnectClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }), backoff: { sleep: async () => undefined } });
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(out).not.toMatch(/^\s+BGP ipv4 peer dxpeer-1: up/m);
    expect(out).toContain('"x\\n  dxvif-ffffffff');
    expect(out).toContain('\\x1b[2J\\x9b31m\\u2028');
  });

  test('status --json escapes what JSON.stringify leaves raw (DEL, C1, U+2028)', () => {
    expect(printableJson(JSON.stringify({ n: '\u007f\u009b\u2028' }))).toBe('{"n":"\\u007f\\u009b\\u2028"}');
    expect(printable('a\tb\rc\u0007')).toBe('a\\tb\\rc\\x07');
  });
});
