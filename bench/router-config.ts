/**
 * Router configuration figures: time to render each vendor's configuration, plain and narrowed to the
 * AMAZON_CONNECT, EC2 and CLOUDFRONT prefixes of us-east-1 (real ip-ranges.json), the size of the output, and the
 * CLI's start-up time for one `router-config` call (bundled CLI; run `npm run bundle` first).
 * Run: `npx tsx bench/router-config.ts` or `npm run bench`.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { connectPrefixes } from '../lib/cli/commands/router-config';
import { BgpCommunityScope } from '../lib/facts/bgp-community';
import { RouterConfiguration, RouterConfigurationProps, RouterVendor } from '../lib/router-config/router-configuration';
import { IP_RANGES_FILE } from '../test/fixtures';

const IP_RANGES = IP_RANGES_FILE;
const CLI = path.join(__dirname, '..', 'assets', 'cli', 'index.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, rounds: number): number {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e3);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  const text = fs.readFileSync(IP_RANGES, 'utf8');
  const narrow = [...connectPrefixes(text, 'us-east-1', 4), ...connectPrefixes(text, 'us-east-1', 6)];
  const base: RouterConfigurationProps = {
    vlan: 101, asn: 65000, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31',
    routeFilterPrefixes: ['203.0.113.0/24', '2001:db8:100::/48'], ipv6: true, bfd: true,
    communityScope: BgpCommunityScope.CONTINENT,
  };
  console.log(`narrowing list: ${narrow.length} prefixes (AMAZON_CONNECT + EC2 + CLOUDFRONT, us-east-1, IPv4 + IPv6, aggregated)`);
  for (const vendor of RouterVendor.all()) {
    const plain = time(() => RouterConfiguration.render(vendor, base), 2000);
    const narrowed = time(() => RouterConfiguration.render(vendor, { ...base, inboundPrefixes: narrow }), 200);
    const size = RouterConfiguration.render(vendor, { ...base, inboundPrefixes: narrow }).length;
    console.log(`${vendor.name.padEnd(13)} render ${plain.toFixed(0)} µs plain, ${narrowed.toFixed(0)} µs narrowed (median); narrowed output ${(size / 1024).toFixed(1)} KiB`);
  }
  const prep = time(() => connectPrefixes(text, 'us-east-1', 4), 5);
  console.log(`--only-connect-prefixes selection (parse + select + aggregate, IPv4): ${(prep / 1000).toFixed(1)} ms median`);
  if (fs.existsSync(CLI)) {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = Date.now();
      const r = spawnSync(process.execPath, [CLI, 'router-config', '--vendor', 'frr', '--vlan', '101', '--asn', '65000',
        '--customer-address', '198.51.100.1/31', '--amazon-address', '198.51.100.0/31', '--prefixes', '203.0.113.0/24', '--scope', 'REGION']);
      if (r.status !== 0) throw new Error(`CLI failed: ${r.stderr}`);
      samples.push(Date.now() - s);
    }
    console.log(`CLI router-config end to end: ${median(samples)} ms median of 3 (bundle ${(fs.statSync(CLI).size / 1e6).toFixed(1)} MB)`);
  } else {
    console.log('CLI not bundled (run npm run bundle) - start-up time not measured');
  }
}

if (require.main === module) void run();
