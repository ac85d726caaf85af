/**
 * Prefix list sync: compute time on the real ip-ranges.json and the size of the handler bundle.
 *
 * - verify + parse: md5 of the raw bytes and the engine's validating parser;
 * - select: the six lists (AMAZON_CONNECT, EC2, CLOUDFRONT x IPv4, IPv6) for one Region, aggregated;
 * - dry-run sync: the whole runSync path (download from an in-memory fetch, describe/read six empty lists from an
 *   in-memory EC2 stub, plan) with no network, i.e. what the Lambda spends besides waiting on AWS.
 * Run: `npm run bench` (bundles first), or `npx tsx bench/prefix-list-sync.ts`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DescribeManagedPrefixListsCommand, EC2Client, GetManagedPrefixListEntriesCommand } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { SELECTORS, parseSelector, runSync, verifyAndParse } from '../lib/handlers/prefix-list-sync/sync';
import { selectPrefixes } from '../lib/ip-ranges/engine';
import { IP_RANGES_FILE } from '../test/fixtures';

const FILE = IP_RANGES_FILE;
const BUNDLE = path.join(__dirname, '..', 'assets', 'prefix-list-sync', 'index.js');
const REGION = 'us-east-1';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, fn: () => unknown): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    t.push(performance.now() - start);
  }
  return median(t);
}

export async function run(): Promise<void> {
  const bytes = readFileSync(FILE);
  const md5 = createHash('md5').update(bytes).digest('hex');
  const doc = verifyAndParse({ bytes, md5 }, { md5 });
  const parseMs = time(9, () => verifyAndParse({ bytes, md5: createHash('md5').update(bytes).digest('hex') }, { md5 }));
  const counts: Record<string, number> = {};
  const selectMs = time(9, () => {
    for (const s of SELECTORS) {
      const sel = parseSelector(s)!;
      counts[s] = selectPrefixes(doc, sel.service, REGION, sel.family).length;
    }
  });

  const ec2 = new EC2Client({ region: REGION, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  const ids: Record<string, string> = {};
  SELECTORS.forEach((s, i) => (ids[s] = `pl-00000000000000${String(i).padStart(2, '0')}`));
  const stub = mockClient(ec2);
  stub.on(DescribeManagedPrefixListsCommand).callsFake((input: { PrefixListIds: string[] }) => ({
    PrefixLists: input.PrefixListIds.map((id) => ({
      PrefixListId: id,
      AddressFamily: Object.entries(ids).find(([, v]) => v === id)![0].endsWith('ipv6') ? 'IPv6' : 'IPv4',
      MaxEntries: 1000,
      Version: 1,
      State: 'create-complete',
      Tags: [],
    })),
  }));
  stub.on(GetManagedPrefixListEntriesCommand).resolves({ Entries: [] });
  const fetchBytes = (async () => new Response(bytes)) as unknown as typeof fetch;
  const syncTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    await runSync(
      { connectRegions: [REGION], prefixLists: ids, shrinkGuardPercent: 20, ipRangesUrl: 'https://bench.invalid/ip-ranges.json', dryRun: true },
      { ec2, log: () => undefined, fetch: fetchBytes, sleep: async () => undefined, pollIntervalMs: 0 },
      { md5 },
    );
    syncTimes.push(performance.now() - start);
  }
  stub.restore();

  console.log(`ip-ranges.json: ${bytes.length} bytes, syncToken ${doc.syncToken}, ${doc.ipv4.length} IPv4 + ${doc.ipv6.length} IPv6 entries`);
  console.log(`lists for ${REGION}: ${SELECTORS.map((s) => `${s} ${counts[s]}`).join(', ')}`);
  console.log(`verify md5 + parse:          ${parseMs.toFixed(1)} ms (median of 9)`);
  console.log(`select + aggregate 6 lists:  ${selectMs.toFixed(1)} ms (median of 9)`);
  console.log(`dry-run sync, 6 lists:       ${median(syncTimes).toFixed(1)} ms (median of 7; in-memory fetch and EC2)`);
  if (existsSync(BUNDLE)) {
    console.log(`handler bundle assets/prefix-list-sync/index.js: ${statSync(BUNDLE).size} bytes`);
  } else {
    console.log('handler bundle assets/prefix-list-sync/index.js: missing (run `npm run bundle`)');
  }
}

if (require.main === module) void run();
