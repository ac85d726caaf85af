/** `cdk-connect-dx sync`: flags, bad input (one line, exit 2), dry-run plan as JSON, a real sync on the EC2 fake. */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { main } from '../../lib/cli/index';
import { parsePrefixListFlags, syncCommand } from '../../lib/cli/commands/sync';
import { RUN_MARKER_TAG, SYNC_TOKEN_TAG } from '../../lib/handlers/prefix-list-sync/sync';
import { awsError } from './fake-ec2';
import { docText, ec2Cidrs, harness } from './fixtures';
import { recorder } from '../helpers/cli-io';

const PL = 'pl-0123456789abcdef0';

async function run(argv: string[]) {
  const r = recorder();
  const code = await main(['sync', ...argv], r.io);
  return { code, out: r.stdout(), err: r.stderr() };
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
    [['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--dryrun'], /unknown flag --dryrun; allowed: --region, --connect-region, --global-resiliency-source, --global-resiliency-instance-id, --prefix-list, --ip-ranges-url, --ip-ranges, --md5, --widening-guard-percent, --force, --endpoint-url, --dry-run, --json, --help/],
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
    // Exactly one JSON document on stdout, the source inside it (so `| jq` works)
    const plan = JSON.parse(r.stdout());
    expect(plan).toMatchObject({ source: url, problems: [], dryRun: true, syncToken: '1787411825', lists: [{ selector: 'EC2-ipv4', prefixListId: PL, status: 'planned', add: [], remove: ['198.51.100.0/24'] }] });
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('a manual sync applies the plan; a failed list exits 1 with the result still printed', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    const r = recorder();
    const code = await syncCommand(
      ['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--prefix-list', 'EC2-ipv6=pl-0123456789abcdef1', '--ip-ranges-url', url, '--json'],
      r.io,
      { ec2: async () => h.ec2.client },
    );
    expect(code).toBe(1);
    const result = JSON.parse(r.stdout());
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

  describe('exit codes and the one JSON document', () => {
    const base = () => ['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges-url', url];
    async function sync(h: ReturnType<typeof harness>, argv: string[]) {
      const r = recorder();
      const code = await syncCommand(argv, r.io, { ec2: async () => h.ec2.client });
      return { code, out: r.stdout(), err: r.stderr() };
    }

    test('lists that match the file: exit 0; a real run prints one JSON document too (--json or not)', async () => {
      for (const extra of [[], ['--json']]) {
        const h = harness();
        h.ec2.add({ id: PL });
        const r = await sync(h, [...base(), ...extra]);
        expect(r.code).toBe(0);
        expect(JSON.parse(r.out)).toMatchObject({
          source: url, syncToken: '1787411825', dryRun: false, problems: [],
          lists: [{ prefixListId: PL, status: 'changed', entriesAfter: 4, maxEntriesAfter: 50, appliedSyncToken: '1787411825' }],
        });
      }
    });

    test.each([
      ['the shrink guard', { entries: ec2Cidrs(10) }, [] as string[], 'shrink-guard-tripped'],
      ['the widening guard', { entries: ec2Cidrs(3) }, ['--widening-guard-percent', '0'], 'widening-guard-tripped'],
      ['a stale file', { entries: ec2Cidrs(3), tags: { [SYNC_TOKEN_TAG]: '1787499999' } }, [] as string[], 'stale-file'],
      ['another run\'s marker', { entries: ec2Cidrs(3), tags: { [RUN_MARKER_TAG]: `lambda:f:x ${Math.floor(Date.now() / 1000) + 600}` } }, [] as string[], 'locked'],
    ])('%s leaves the list behind the file: exit 3, the problem on stderr naming the list, --json parses', async (_what, list, extra, status) => {
      const h = harness();
      const before = h.ec2.add({ id: PL, ...list }).entries.slice();
      const r = await sync(h, [...base(), ...extra, '--json']);
      expect(r.code).toBe(3);
      const doc = JSON.parse(r.out);
      expect(doc).toMatchObject({ source: url, lists: [{ prefixListId: PL, status }], problems: [expect.stringContaining(`EC2-ipv4 (${PL}) ${status}`)] });
      expect(r.err).toContain(`cdk-connect-dx sync: EC2-ipv4 (${PL}) ${status}`);
      expect(h.ec2.lists.get(PL)!.entries).toEqual(before);
    });

    test('--dry-run with a guard that would trip: exit 3, one JSON document', async () => {
      const h = harness();
      h.ec2.add({ id: PL, entries: ec2Cidrs(10) });
      const r = await sync(h, [...base(), '--dry-run']);
      expect(r.code).toBe(3);
      expect(JSON.parse(r.out)).toMatchObject({ dryRun: true, lists: [{ status: 'shrink-guard-tripped' }] });
      expect(h.ec2.modifications).toHaveLength(0);
    });

    test('after a failure the report re-reads the list: its real entry count and the grown MaxEntries, not the plan', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-'));
      try {
        const file = path.join(dir, 'ip-ranges.json');
        fs.writeFileSync(file, docText({ ec2: ec2Cidrs(250) }));
        const h = harness();
        const list = h.ec2.add({ id: PL, maxEntries: 10 });
        // growth and the first batch land; the second batch and every rollback call are refused
        h.ec2.inject('ModifyManagedPrefixList', undefined, undefined, ...Array(10).fill(() => awsError('UnauthorizedOperation', 'not authorized')));
        const r = await sync(h, ['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges', file, '--widening-guard-percent', '99999', '--json']);
        expect(r.code).toBe(1);
        const doc = JSON.parse(r.out);
        expect(list.entries).toHaveLength(100);
        expect(doc.lists[0]).toMatchObject({
          status: 'failed', entriesBefore: 0, entriesAfter: 100, maxEntriesBefore: 10, maxEntriesAfter: list.maxEntries, targetEntries: 250,
          message: expect.stringMatching(/ModifyManagedPrefixList\(pl-0123456789abcdef0, add 100 entries at version \d+\) failed: UnauthorizedOperation: not authorized/),
        });
        expect(list.maxEntries).toBeGreaterThan(250);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    test('a throttled MaxEntries growth is named as throttling, not as a lack of room', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-cli-'));
      try {
        const file = path.join(dir, 'ip-ranges.json');
        fs.writeFileSync(file, docText({ ec2: ec2Cidrs(20) }));
        const h = harness();
        h.ec2.add({ id: PL, maxEntries: 10 });
        h.ec2.inject('ModifyManagedPrefixList', ...Array(6).fill(() => awsError('RequestLimitExceeded', 'Request limit exceeded.')));
        const r = recorder();
        const code = await syncCommand(['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, '--ip-ranges', file, '--json'], r.io,
          { ec2: async () => h.ec2.client, syncDeps: { sleep: async () => undefined } });
        expect(code).toBe(1);
        const message = JSON.parse(r.stdout()).lists[0].message as string;
        expect(message).toMatch(/cannot grow MaxEntries of pl-0123456789abcdef0 \(EC2-ipv4\) from 10 to 22: ModifyManagedPrefixList\(pl-0123456789abcdef0, MaxEntries 10 -> 22\) was throttled on all 6 attempts: RequestLimitExceeded/);
        expect(message).not.toMatch(/no room/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
