/**
 * Cold start of the prefix list sync handler, as a new Lambda execution environment pays it: a fresh Node process
 * loads the bundled, minified handler (assets/prefix-list-sync/index.js, SDK v3 EC2 client inside) and runs one
 * scheduled sync on the real ip-ranges.json (test/fixtures) into six empty managed prefix lists.
 *
 * The lists live in moto_server on a loopback port and the file comes from a loopback HTTP server, so "sync" includes
 * moto's own latency (a Python server; AWS's EC2 API differs) but no internet. Where moto_server is absent the
 * benchmark says so and measures only the load. The in-process compute of the same sync: bench/prefix-list-sync.ts.
 * Run: `npm run bench` (bundles first), or `npx tsx bench/cold-start.ts` after `npm run bundle`.
 */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { CreateManagedPrefixListCommand, EC2Client } from '@aws-sdk/client-ec2';
import { SELECTORS } from '../lib/handlers/prefix-list-sync/sync';
import { IP_RANGES_FILE } from '../test/fixtures';
import { startMoto } from '../test/helpers/moto';

const BUNDLE = path.join(__dirname, '..', 'assets', 'prefix-list-sync', 'index.js');
const RUNS = 5;
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The script a fresh process runs: time the require, then one scheduled sync; the last stdout line is the result. */
const CHILD = `
const t0 = performance.now();
const { handler } = require(process.env.BENCH_BUNDLE);
const t1 = performance.now();
handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, { functionName: 'bench' }).then((r) => {
  const t2 = performance.now();
  process.stdout.write('\\nBENCH ' + JSON.stringify({ load: t1 - t0, sync: t2 - t1, statuses: r.lists.map((l) => l.status) }) + '\\n');
});`;

interface ChildResult { load: number; sync: number; statuses: string[] }

export async function run(): Promise<void> {
  if (!existsSync(BUNDLE)) {
    console.log('assets/prefix-list-sync/index.js: missing (run `npm run bundle`)');
    return;
  }
  const haveMoto = spawnSync('sh', ['-c', 'command -v moto_server'], { encoding: 'utf8' }).status === 0;
  if (!haveMoto) {
    console.log('moto_server not found (pip install "moto[server]"): cold load only, see bench/bundles.ts');
    return;
  }
  const moto = await startMoto();
  const endpoint = moto.endpoint;
  const text = readFileSync(IP_RANGES_FILE);
  const files = http.createServer((_req, res) => res.end(text));
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  const ipRangesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}/ip-ranges.json`;
  const ec2 = new EC2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  const results: ChildResult[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      // Six new, empty lists per run: every run is a first fill, as after a deployment.
      const ids: Record<string, string> = {};
      for (const s of SELECTORS) {
        const r = await ec2.send(new CreateManagedPrefixListCommand({
          PrefixListName: `bench-${i}-${s}`, AddressFamily: s.endsWith('ipv6') ? 'IPv6' : 'IPv4', MaxEntries: 10,
        }));
        ids[s] = r.PrefixList!.PrefixListId!;
      }
      const { stdout } = await promisify(execFile)(process.execPath, ['-e', CHILD], {
        maxBuffer: 64 * 1024 * 1024,
        env: {
          ...process.env, ...CREDS, BENCH_BUNDLE: BUNDLE, CONNECT_REGIONS: 'us-east-1', PREFIX_LISTS: JSON.stringify(ids),
          SHRINK_GUARD_PERCENT: '20', IP_RANGES_URL: ipRangesUrl, EC2_ENDPOINT_URL: endpoint,
        },
      });
      const line = stdout.split('\n').filter((l) => l.startsWith('BENCH ')).pop();
      if (!line) throw new Error(`the handler printed no result:\n${stdout.slice(-2000)}`);
      const r = JSON.parse(line.slice('BENCH '.length)) as ChildResult;
      if (r.statuses.some((s) => s !== 'changed')) throw new Error(`a first fill did not change every list: ${r.statuses.join(', ')}`);
      results.push(r);
    }
  } finally {
    ec2.destroy();
    moto.stop();
    files.closeAllConnections();
    files.close();
  }
  const load = median(results.map((r) => r.load));
  const sync = median(results.map((r) => r.sync));
  console.log(`prefix-list-sync cold start, fresh process, median of ${RUNS} (us-east-1, six lists filled from empty, moto_server on loopback):`);
  console.log(`  load the bundle           ${load.toFixed(1)} ms`);
  console.log(`  first sync (real file)    ${sync.toFixed(1)} ms  (download, parse, select, describe, create entries: moto latency included)`);
  console.log(`  load + first sync         ${(load + sync).toFixed(1)} ms`);
}

if (require.main === module) void run();
