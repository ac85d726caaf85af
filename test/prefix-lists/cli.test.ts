/** `cdk-connect-dx sync`: flags, bad input (one line, exit 2), dry-run plan as JSON, a real sync on the EC2 fake. */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { main } from '../../lib/cli/index';
import { parsePrefixListFlags, syncCommand } from '../../lib/cli/sync';
import { docText, ec2Cidrs, harness } from './fixtures';

const PL = 'pl-0123456789abcdef0';

function recorder() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

async function run(argv: string[]) {
  const r = recorder();
  const code = await main(['sync', ...argv], r.io);
  return { code, out: r.out.join(''), err: r.err.join('') };
}

describe('bad flags: one line naming the flag and what is allowed, exit 2', () => {
  test.each([
    [['--region', 'us-east-1', '--prefix-list', 'S3-ipv4=pl-0123456789abcdef0'], /--prefix-list selector 'S3-ipv4' is unknown; allowed: AMAZON_CONNECT-ipv4, AMAZON_CONNECT-ipv6, EC2-ipv4, EC2-ipv6, CLOUDFRONT-ipv4, CLOUDFRONT-ipv6/],
    [['--region', 'us-east-1', '--prefix-list', 'EC2-ipv4=pl-12'], /--prefix-list id for EC2-ipv4 must match \^pl-\[0-9a-f\]\{8,17\}\$.*got 'pl-12'/],
    [['--region', 'us-east-1', '--prefix-list', 'EC2-ipv4=PL-0123456789ABCDEF0'], /--prefix-list id for EC2-ipv4 must match/],
    [['--region', 'us-east-1', '--prefix-list', 'EC2-ipv4'], /--prefix-list must be SELECTOR=pl-ID/],
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--prefix-list', 'EC2-ipv4=pl-0123456789abcdef1'], /--prefix-list EC2-ipv4 was given twice/],
    [['--prefix-list', `EC2-ipv4=${PL}`], /--region is required/],
    [['--region', 'moon-1', '--prefix-list', `EC2-ipv4=${PL}`], /--region must be an AWS Region code.*got 'moon-1'/],
    [['--region', 'us-east-1'], /--prefix-list is required/],
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges-url', 'ftp://x'], /--ip-ranges-url must be an http\(s\) URL/],
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--md5', 'd41d8cd98f00b204e9800998ecf8427'], /--md5 must be 32 hex digits.*got 'd41d8cd98f00b204e9800998ecf8427'/],
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--md5', 'g41d8cd98f00b204e9800998ecf8427e'], /--md5 must be 32 hex digits/],
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--endpoint-url', 'nope'], /--endpoint-url must be an http\(s\) URL/],
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--dryrun'], /unknown flag --dryrun; allowed: --region, --prefix-list, --ip-ranges-url, --ip-ranges, --md5, --widening-guard-percent, --force, --endpoint-url, --dry-run, --help/],
  ])('%j', async (argv, re) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});

test('--help lists every flag and exits 0', async () => {
  const r = await run(['--help']);
  expect(r.code).toBe(0);
  for (const f of ['--region', '--prefix-list', '--ip-ranges-url', '--endpoint-url', '--dry-run']) expect(r.out).toContain(f);
});

test('parsePrefixListFlags maps selectors to ids', () => {
  expect(parsePrefixListFlags([`AMAZON_CONNECT-ipv4=${PL}`, 'CLOUDFRONT-ipv6=pl-0123456789abcdef1'])).toEqual({
    'AMAZON_CONNECT-ipv4': PL,
    'CLOUDFRONT-ipv6': 'pl-0123456789abcdef1',
  });
});

describe('with a local ip-ranges server and the EC2 fake', () => {
  let server: http.Server;
  let url: string;
  const text = docText({ ec2: ec2Cidrs(4) });
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end(text));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ip-ranges.json`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('--dry-run prints the planned additions and removals per list as JSON and changes nothing', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24', ...ec2Cidrs(4)] });
    const r = recorder();
    const code = await syncCommand(['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges-url', url, '--dry-run'], r.io, { ec2: async () => h.ec2.client });
    expect(code).toBe(0);
    const [first, ...rest] = r.out.join('').split('\n');
    expect(first).toBe(`source: ${url}`);
    const plan = JSON.parse(rest.join('\n'));
    expect(plan).toMatchObject({ dryRun: true, syncToken: '1787411825', lists: [{ selector: 'EC2-ipv4', prefixListId: PL, status: 'planned', add: [], remove: ['198.51.100.0/24'] }] });
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('a manual sync applies the plan; a failed list exits 1 with the result still printed', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    const r = recorder();
    const code = await syncCommand(
      ['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--prefix-list', 'EC2-ipv6=pl-0123456789abcdef1', '--ip-ranges-url', url],
      r.io,
      { ec2: async () => h.ec2.client },
    );
    expect(code).toBe(1);
    const result = JSON.parse(r.out.join('').replace(/^source: .*\n/, ''));
    expect(result.lists.map((l: { status: string }) => l.status)).toEqual(['changed', 'failed']);
    expect(h.ec2.lists.get(PL)!.entries).toEqual(ec2Cidrs(4));
  });

  test('--md5 with the notification\'s MD5 applies the file; another MD5 refuses it (exit 1, one line) and changes nothing', async () => {
    const good = createHash('md5').update(text).digest('hex');
    const ok = harness();
    ok.ec2.add({ id: PL });
    const r1 = recorder();
    const code1 = await syncCommand(['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges-url', url, '--md5', good.toUpperCase()], r1.io, { ec2: async () => ok.ec2.client });
    expect(code1).toBe(0);
    expect(ok.ec2.lists.get(PL)!.entries).toEqual(ec2Cidrs(4));

    const bad = harness();
    bad.ec2.add({ id: PL });
    // Through main(): the refusal comes before any EC2 call (the file is checked first), one line, exit 1
    // (credentials are resolved before the file is read: fake static ones here, nothing is sent)
    const savedKeys = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEMD5TEST', AWS_SECRET_ACCESS_KEY: 'fake' });
    const viaMain = await run(['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges-url', url, '--md5', 'd41d8cd98f00b204e9800998ecf8427e'])
      .finally(() => {
        for (const [k, v] of [['AWS_ACCESS_KEY_ID', savedKeys.id], ['AWS_SECRET_ACCESS_KEY', savedKeys.secret]] as const) {
          if (v === undefined) delete process.env[k]; else process.env[k] = v;
        }
      });
    expect(viaMain.code).toBe(1);
    expect(viaMain.err.trimEnd().split('\n')).toEqual([`cdk-connect-dx sync: ip-ranges.json MD5 mismatch (expected d41d8cd98f00b204e9800998ecf8427e, got ${good}); not applying`]);
    await expect(syncCommand(['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges-url', url, '--md5', 'd41d8cd98f00b204e9800998ecf8427e'],
      recorder().io, { ec2: async () => bad.ec2.client })).rejects.toThrow('MD5 mismatch');
    expect(bad.ec2.modifications).toHaveLength(0);
  });
});
