/**
 * Endpoint catalog figures: time to build a catalog and render every export for every known Region, and the size
 * of the Suricata rules in IP_RANGES mode with the real ip-ranges.json prefixes, against Network Firewall's limits
 * (8,192 characters per rule, 2,000,000 bytes per rules string). Run: `npx tsx bench/connect-endpoints.ts` or
 * `npm run bench`.
 */
import * as fs from 'fs';
import { AllowListMode, ConnectEndpointCatalog } from '../lib';
import { parseIpRangesDocument, selectPrefixes } from '../lib/ip-ranges/engine';
import { IP_RANGES_FILE } from '../test/fixtures';

const IP_RANGES = IP_RANGES_FILE;

export async function run(): Promise<void> {
  const regions = ConnectEndpointCatalog.knownRegions();
  const rounds = 200;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) {
    for (const region of regions) {
      const c = ConnectEndpointCatalog.forRegion(region, { instanceAlias: 'bench' });
      c.firewallDomains();
      c.toSuricataRules({ homeNet: ['10.0.0.0/8'] });
      c.toCsv();
      c.toJson();
    }
  }
  const perCatalog = Number(process.hrtime.bigint() - t0) / 1e3 / (rounds * regions.length);
  console.log(`catalog + domains + suricata + csv + json: ${perCatalog.toFixed(1)} µs per Region (${rounds} x ${regions.length} Regions)`);

  const doc = parseIpRangesDocument(fs.readFileSync(IP_RANGES, 'utf8'));
  console.log(`ip-ranges.json syncToken ${doc.syncToken}; IP_RANGES-mode Suricata rules with inline prefixes:`);
  for (const region of ['us-east-1', 'eu-west-2', 'us-gov-west-1']) {
    const c = ConnectEndpointCatalog.forRegion(region, { instanceAlias: 'bench' });
    const p = (service: string) => [...selectPrefixes(doc, service, region, 4), ...selectPrefixes(doc, service, region, 6)];
    const text = c.toSuricataRules({
      homeNet: ['10.0.0.0/8'], mode: AllowListMode.IP_RANGES,
      amazonConnectCidrs: p('AMAZON_CONNECT'), ec2Cidrs: p('EC2'), cloudFrontCidrs: p('CLOUDFRONT'),
    });
    const rules = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    const longest = Math.max(...rules.map((r) => r.length));
    console.log(`  ${region}: EC2 ${p('EC2').length} / CLOUDFRONT ${p('CLOUDFRONT').length} / AMAZON_CONNECT ` +
      `${p('AMAZON_CONNECT').length} prefixes -> ${rules.length} rules, ${Buffer.byteLength(text)} bytes ` +
      `(limit 2,000,000), longest rule ${longest} chars (limit 8,192)`);
  }
}

if (require.main === module) void run();
