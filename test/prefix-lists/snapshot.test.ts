import { readFileSync } from 'node:fs';
import { parseIpRangesDocument, selectPrefixes } from '../../lib/ip-ranges/engine';
import { SNAPSHOT, SNAPSHOT_SOURCE } from '../../lib/facts/amazon-connect-snapshot.generated';
import { SIZING } from '../../lib/facts/prefix-list-sizing.generated';
import { amazonConnectSnapshot } from '../../lib/prefix-lists/snapshot';
import { IP_RANGES_FILE } from '../fixtures';

const FILE = IP_RANGES_FILE;

describe('AMAZON_CONNECT snapshot for the stateless return rules', () => {
  test('is what the engine selects from the ip-ranges.json it names (regenerate with scripts/generate-prefix-list-sizing.ts)', () => {
    const doc = parseIpRangesDocument(readFileSync(FILE, 'utf8'));
    expect(doc.syncToken).toBe(SNAPSHOT_SOURCE.syncToken);
    for (const [region, row] of Object.entries(SNAPSHOT)) {
      expect([region, row.ipv4]).toEqual([region, selectPrefixes(doc, 'AMAZON_CONNECT', region, 4)]);
      expect([region, row.ipv6]).toEqual([region, selectPrefixes(doc, 'AMAZON_CONNECT', region, 6)]);
      // and agrees with the sizing table's AMAZON_CONNECT columns
      expect([region, SIZING[region][0], SIZING[region][1]]).toEqual([region, row.ipv4.length, row.ipv6.length]);
    }
  });

  test('us-east-1: the GLOBAL /19 plus the legacy /27; IPv6 only on request', () => {
    expect(amazonConnectSnapshot('us-east-1', false).cidrs).toEqual(['15.193.0.0/19', '52.55.191.224/27']);
    expect(amazonConnectSnapshot('us-east-1', true).cidrs).toEqual(['15.193.0.0/19', '52.55.191.224/27', '2600:f0f2:7100::/40']);
  });

  test('a Region without its own AMAZON_CONNECT ranges gets GLOBAL only', () => {
    expect(amazonConnectSnapshot('us-gov-east-1', false).cidrs).toEqual(['15.193.0.0/19']);
  });
});
