/**
 * `cdk-connect-dx doctor` usage: every bad flag is one line on stderr with exit 2, before any probe runs (these
 * tests send no traffic; the probes are exercised in test/doctor/live).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { UsageError } from '../../lib/cli/args';
import { doctor } from '../../lib/cli/commands/doctor';
import { interfaceExists } from '../../lib/doctor/probes';
import { main } from '../../lib/cli/index';
import { RecordingIo } from '../helpers/cli-io';

const dir = mkdtempSync(path.join(tmpdir(), 'doctor-cli-'));
const notPem = path.join(dir, 'not.pem');
writeFileSync(notPem, 'hello\n');
const badJson = path.join(dir, 'ip-ranges.json');
writeFileSync(badJson, '{"syncToken": "x"}');
const BASE = ['--region', 'us-east-1', '--alias', 'my-centre'];

describe('doctor usage errors (exit 2, one line, nothing probed)', () => {
  test.each([
    ['no flags', [], /--alias is required/],
    ['no Region', ['--alias', 'a'], /--connect-region is required: REGION\[,REGION\]/],
    ['an unknown Region', ['--region', 'eu-west-9', '--alias', 'a'], /--region must be one of .*us-east-1.*got 'eu-west-9'/],
    ['a bad alias', ['--region', 'us-east-1', '--alias', 'd-bad'], /--alias: instanceAlias must be/],
    ['an unknown check', [...BASE, '--only', 'dns,ping'], /--only must be one of dns, tls, turn, route, nat, proxy, got 'ping'/],
    ['a bad interface', [...BASE, '--interface', 'eth0/1'], /--interface must be a network interface name .* got 'eth0\/1'/],
    ['a too-long interface', [...BASE, '--interface', 'a234567890123456'], /--interface must be/],
    ['a host CIDR as advertised prefix', [...BASE, '--advertised-prefixes', '203.0.113.1/24'], /--advertised-prefixes must be comma-separated network CIDRs .* got '203.0.113.1\/24'/],
    ['a resolver name', [...BASE, '--resolver', 'dns.example'], /--resolver must be IP or IP:PORT .* got 'dns.example'/],
    ['a resolver port out of range', [...BASE, '--resolver', '10.0.0.2:70000'], /--resolver must be/],
    ['an unbracketed IPv6 resolver with a port-like tail', [...BASE, '--resolver', '[10.0.0.2]:53'], /--resolver must be/],
    ['a timeout too small', [...BASE, '--timeout-ms', '10'], /--timeout-ms must be an integer from 100 to 60000, got '10'/],
    ['a missing CA file', [...BASE, '--ca-file', path.join(dir, 'nope.pem')], /--ca-file cannot read '.*nope.pem': ENOENT/],
    ['a CA file without a certificate', [...BASE, '--ca-file', notPem], /--ca-file '.*not.pem' holds no PEM certificate/],
    ['a bad ip-ranges.json', [...BASE, '--ip-ranges', badJson], /--ip-ranges '.*ip-ranges.json': ip-ranges.json syncToken must be a string of digits/],
    ['--only nat outside the project without prefixes', [...BASE, '--only', 'nat'], /--only nat needs the advertised prefixes: no cdk.json here/],
    ['--json with a value', [...BASE, '--json=yes'], /--json takes no value/],
  ])('%s', async (_name, args, message) => {
    // WHEN run from a folder without cdk.json (the dispatcher prints a UsageError on one line with exit 2)
    const io = new RecordingIo();
    const error = await doctor(args, io, { cwd: dir, env: {} }).then(() => undefined, (e: unknown) => e);
    // THEN
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect(io.stdout).toBe('');
  });

  test('--only nat in the project without routeFilterPrefixes in cdk.json says where to set them', async () => {
    const error = await doctor([...BASE, '--only', 'nat'], new RecordingIo(), { cwd: process.cwd(), env: {} }).then(() => undefined, (e: unknown) => e);
    expect((error as Error).message).toMatch(/cdk.json sets no routeFilterPrefixes .* give --advertised-prefixes CIDR,... or set -c routeFilterPrefixes in cdk.json/);
  });
});

describe('doctor --help', () => {
  test('lists every flag of the issue with its value placeholder, exit 0', async () => {
    const io = new RecordingIo();
    expect(await doctor(['--help'], io, { cwd: dir, env: {} })).toBe(0);
    for (const flag of ['--region REGION', '--alias ALIAS', '--interface IFACE', '--advertised-prefixes CIDR,...', '--ip-ranges FILE',
      '--resolver IP[:PORT]', '--ca-file PEM', '--timeout-ms N', '--only CHECK,...', '--json']) {
      expect(io.stdout).toContain(`  ${flag}`);
    }
    expect(io.stdout).toMatch(/Exit 0 when nothing failed, 1 when a check failed, 2 on bad usage/);
  });

  test('is listed by the dispatcher', async () => {
    const io = new RecordingIo();
    await main(['--help'], io);
    expect(io.stdout).toMatch(/^ {2}doctor {2,}Check from an agent network that Amazon Connect works/m);
  });
});

describe('doctor probes that send nothing', () => {
  test('interfaceExists asks the kernel (ip -j link show): lo exists, a made-up name does not', async () => {
    expect(await interfaceExists('lo', 5000)).toBe(true);
    expect(await interfaceExists(`nx${process.pid % 100000}q`, 5000)).toBe(false);
  });
});
