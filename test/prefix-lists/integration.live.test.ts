/**
 * Integration: the bundled handler and the bundled CLI against moto_server (a local EC2 API) and a local HTTP server
 * serving the real ip-ranges.json. The resulting list entries are checked against the ip-ranges engine.
 *
 * Needs `moto_server` on PATH; where it is absent the suite says so and checks nothing (never the case in CI here).
 */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  CreateManagedPrefixListCommand,
  DescribeManagedPrefixListsCommand,
  EC2Client,
  ModifyManagedPrefixListCommand,
} from '@aws-sdk/client-ec2';
import { build } from 'esbuild';
import { parseIpRangesDocument, selectPrefixes } from '../../lib/ip-ranges/engine';
import { IP_RANGES_FILE } from '../fixtures';
import { Moto, prefixListEntries, startMoto } from '../helpers/moto';
import { MOTO_SERVER, skipSuite } from '../helpers/tools';

const REPO = path.join(__dirname, '..', '..');
const HAS_MOTO = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
const SELECTORS = ['AMAZON_CONNECT-ipv4', 'AMAZON_CONNECT-ipv6', 'EC2-ipv4', 'EC2-ipv6', 'CLOUDFRONT-ipv4', 'CLOUDFRONT-ipv6'];
const REGION = 'eu-west-2';
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

/** Bundles an entry point exactly as scripts/bundle.mjs does, into a temporary folder. */
async function bundle(entry: string, dir: string): Promise<string> {
  const outfile = path.join(dir, `${path.basename(path.dirname(entry))}.js`);
  await build({ entryPoints: [path.join(REPO, entry)], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, minify: true, mainFields: ['module', 'main'], supported: { 'dynamic-import': false }, logLevel: 'warning' });
  return outfile;
}

if (!HAS_MOTO) {
  skipSuite(MOTO_SERVER, 'prefix list sync against moto_server', 'not found');
} else {
  describe('prefix list sync against moto_server with the real ip-ranges.json', () => {
    let moto: Moto;
    let endpoint: string;
    let files: http.Server;
    let ipRangesUrl: string;
    let ec2: EC2Client;
    let handlerFile: string;
    let cliFile: string;
    const ids: Record<string, string> = {};
    const text = readFileSync(IP_RANGES_FILE, 'utf8');
    const md5 = createHash('md5').update(readFileSync(IP_RANGES_FILE)).digest('hex');
    const doc = parseIpRangesDocument(text);
    const expected = (selector: string) => {
      const [service, fam] = selector.split('-');
      return selectPrefixes(doc, service, REGION, fam === 'ipv6' ? 6 : 4);
    };
    const saved = { ...process.env };

    const entries = (id: string) => prefixListEntries(ec2, id);

    beforeAll(async () => {
      moto = await startMoto();
      endpoint = moto.endpoint;
      files = http.createServer((req, res) => {
        if (req.url !== '/ip-ranges.json') {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.end(text);
      });
      await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
      ipRangesUrl = `http://127.0.0.1:${(files.address() as net.AddressInfo).port}/ip-ranges.json`;
      const dir = mkdtempSync(path.join(tmpdir(), 'pl-sync-'));
      [handlerFile, cliFile] = await Promise.all([bundle('lib/handlers/prefix-list-sync/index.ts', dir), bundle('lib/cli/index.ts', dir)]);
      ec2 = new EC2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
      for (const s of SELECTORS) {
        const r = await ec2.send(new CreateManagedPrefixListCommand({ PrefixListName: `it-${s}`, AddressFamily: s.endsWith('ipv6') ? 'IPv6' : 'IPv4', MaxEntries: 10 }));
        ids[s] = r.PrefixList!.PrefixListId!;
      }
    });

    afterAll(async () => {
      process.env = { ...saved };
      ec2?.destroy();
      moto?.stop();
      files?.closeAllConnections();
      await new Promise<void>((r) => (files ? files.close(() => r()) : r()));
    });

    test('the handler fills every list with exactly what the engine selects, then a repeat changes nothing', async () => {
      // GIVEN the handler configured as the construct configures it, pointed at moto and the local file server
      Object.assign(process.env, CREDS, {
        CONNECT_REGIONS: REGION,
        PREFIX_LISTS: JSON.stringify(ids),
        SHRINK_GUARD_PERCENT: '20',
        IP_RANGES_URL: ipRangesUrl,
        EC2_ENDPOINT_URL: endpoint,
      });
      const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is built at run time
      const { handler } = require(handlerFile) as { handler: (e: unknown, c: unknown) => Promise<any> };
      const message = JSON.stringify({ 'create-time': doc.createDate, synctoken: doc.syncToken, md5, url: ipRangesUrl });
      try {
        // WHEN an AmazonIpSpaceChanged notification arrives
        const out = await handler({ Records: [{ EventSource: 'aws:sns', Sns: { Subject: 'IP Space Changed', Message: message } }] }, { functionName: 'it' });
        // THEN every list equals the engine's selection and carries the syncToken
        expect(out.lists.map((l: { status: string }) => l.status)).toEqual(SELECTORS.map(() => 'changed'));
        for (const s of SELECTORS) expect(await entries(ids[s])).toEqual([...expected(s)].sort());
        const described = await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: Object.values(ids) }));
        for (const l of described.PrefixLists ?? []) {
          expect(l.Tags).toEqual(expect.arrayContaining([{ Key: 'cdk-connect-dx:sync-token', Value: doc.syncToken }]));
        }
        // AND a repeated notification changes nothing
        const again = await handler({ Records: [{ Sns: { Message: message } }] }, { functionName: 'it' });
        expect(again.lists.map((l: { status: string }) => l.status)).toEqual(SELECTORS.map(() => 'unchanged'));
        // AND an older notification is ignored without downloading
        const older = JSON.stringify({ 'create-time': '2017-11-30-18-42-12', synctoken: '1512067332', md5: '0'.repeat(32), url: ipRangesUrl });
        const stale = await handler({ Records: [{ Sns: { Message: older } }] }, { functionName: 'it' });
        expect(stale.lists.map((l: { status: string }) => l.status)).toEqual(SELECTORS.map(() => 'stale-file'));
      } finally {
        log.mockRestore();
      }
    });

    test('the handler answers a CloudFormation Update (first fill) with SUCCESS and the list ids', async () => {
      const bodies: Record<string, unknown>[] = [];
      const cfn = http.createServer((req, res) => {
        let b = '';
        req.on('data', (c) => (b += c));
        req.on('end', () => {
          bodies.push(JSON.parse(b));
          res.end();
        });
      });
      await new Promise<void>((r) => cfn.listen(0, '127.0.0.1', r));
      const log = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is built at run time
      const { handler } = require(handlerFile) as { handler: (e: unknown, c: unknown) => Promise<any> };
        const url = `http://127.0.0.1:${(cfn.address() as net.AddressInfo).port}/cfn-response`;
        const out = await handler(
          { RequestType: 'Update', ResponseURL: url, StackId: 'stack', RequestId: 'req', LogicalResourceId: 'FirstFill', PhysicalResourceId: 'FirstFill-prefix-list-fill', ResourceProperties: {} },
          { getRemainingTimeInMillis: () => 300000 },
        );
        expect(out.status).toBe('SUCCESS');
        expect(bodies).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'FirstFill-prefix-list-fill', Data: ids })]);
        for (const s of SELECTORS) expect(await entries(ids[s])).toEqual([...expected(s)].sort());
      } finally {
        log.mockRestore();
        cfn.closeAllConnections();
        await new Promise<void>((r) => cfn.close(() => r()));
      }
    });

    test('the CLI: --dry-run reports nothing to do; a drifted list is planned, then repaired by a manual sync', async () => {
      const run = promisify(execFile);
      const env = { ...process.env, ...CREDS, EC2_ENDPOINT_URL: '' };
      const args = ['sync', '--region', REGION, ...SELECTORS.flatMap((s) => ['--prefix-list', `${s}=${ids[s]}`]), '--ip-ranges-url', ipRangesUrl, '--endpoint-url', endpoint];
      // stdout is exactly one JSON document, the source inside it (`| jq` works)
      const json = (stdout: string) => {
        const parsed = JSON.parse(stdout);
        expect(parsed).toMatchObject({ source: ipRangesUrl, problems: [] });
        return parsed;
      };
      const dry = json((await run('node', [cliFile, ...args, '--dry-run'], { env })).stdout);
      expect(dry.lists.map((l: { status: string }) => l.status)).toEqual(SELECTORS.map(() => 'unchanged'));

      // GIVEN someone edits the CloudFront list by hand: one range removed, one foreign range added
      const cf = ids['CLOUDFRONT-ipv4'];
      const drop = expected('CLOUDFRONT-ipv4')[0];
      const d = await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [cf] }));
      await ec2.send(new ModifyManagedPrefixListCommand({ PrefixListId: cf, CurrentVersion: d.PrefixLists![0].Version, RemoveEntries: [{ Cidr: drop }], AddEntries: [{ Cidr: '198.51.100.0/24' }] }));

      const plan = json((await run('node', [cliFile, ...args, '--dry-run'], { env })).stdout);
      expect(plan.lists.find((l: { selector: string }) => l.selector === 'CLOUDFRONT-ipv4')).toMatchObject({ status: 'planned', add: [drop], remove: ['198.51.100.0/24'] });
      expect(await entries(cf)).toContain('198.51.100.0/24');

      // WHEN a manual sync runs THEN the list is back to exactly the engine's selection
      const done = json((await run('node', [cliFile, ...args, '--json'], { env })).stdout);
      expect(done.lists.find((l: { selector: string }) => l.selector === 'CLOUDFRONT-ipv4')).toMatchObject({ status: 'changed' });
      expect(await entries(cf)).toEqual([...expected('CLOUDFRONT-ipv4')].sort());

      // AND a list the shrink guard keeps behind the file: exit 3 from the built binary, one JSON document naming the list
      const foreign = Array.from({ length: 60 }, (_, i) => `198.18.${i}.0/24`);
      await ec2.send(new ModifyManagedPrefixListCommand({ PrefixListId: cf, MaxEntries: 300 }));
      const v = (await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [cf] }))).PrefixLists![0].Version;
      await ec2.send(new ModifyManagedPrefixListCommand({ PrefixListId: cf, CurrentVersion: v, AddEntries: foreign.slice(0, 60).map((Cidr) => ({ Cidr })) }));
      const cutArgs = ['sync', '--region', REGION, '--prefix-list', `CLOUDFRONT-ipv4=${cf}`, '--ip-ranges-url', ipRangesUrl, '--endpoint-url', endpoint];
      for (const mode of ['--dry-run', '--json']) {
        // asynchronously: this process serves the file the CLI downloads
        const guarded = await run('node', [cliFile, ...cutArgs, mode], { env }).then(
          (r) => ({ status: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => ({ status: e.code, stdout: e.stdout, stderr: e.stderr }),
        );
        expect(guarded.status).toBe(3);
        const parsed = JSON.parse(guarded.stdout);
        // the report holds what the list holds, read back (moto keeps MaxEntries as created; EC2 would say 300)
        const held = (await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [cf] }))).PrefixLists![0].MaxEntries;
        expect(parsed.lists[0]).toMatchObject({ status: 'shrink-guard-tripped', entriesAfter: 240, maxEntriesAfter: held });
        expect(parsed.problems).toEqual([expect.stringContaining(`CLOUDFRONT-ipv4 (${cf}) shrink-guard-tripped`)]);
        expect(guarded.stderr).toContain(`cdk-connect-dx sync: CLOUDFRONT-ipv4 (${cf}) shrink-guard-tripped`);
      }
      expect(await entries(cf)).toHaveLength(240);
    });

    test('the CLI refuses an unknown selector with one line and exit code 2', async () => {
      const r = spawnSync('node', [cliFile, 'sync', '--region', REGION, '--prefix-list', 'S3-ipv4=pl-0123456789abcdef0'], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('cdk-connect-dx'))).toEqual([
        "cdk-connect-dx sync: --prefix-list selector 'S3-ipv4' is unknown; allowed: AMAZON_CONNECT-ipv4, AMAZON_CONNECT-ipv6, EC2-ipv4, EC2-ipv6, CLOUDFRONT-ipv4, CLOUDFRONT-ipv6",
      ]);
    });
  });
}
