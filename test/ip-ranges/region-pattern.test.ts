import { REGION_PATTERN, parseIpRangesDocument } from '../../lib/ip-ranges/engine';
import { readFileSync } from 'node:fs';
import { IP_RANGES_FILE } from '../fixtures';

describe('REGION_PATTERN', () => {
  test('accepts every Region named in the real ip-ranges.json (incl. GovCloud and the European Sovereign Cloud)', () => {
    const doc = parseIpRangesDocument(readFileSync(IP_RANGES_FILE, 'utf8'));
    const regions = [...new Set([...doc.ipv4, ...doc.ipv6].map((e) => e.region))].filter((r) => r !== 'GLOBAL');
    expect(regions).toContain('eusc-de-east-1');
    expect(regions.filter((r) => !REGION_PATTERN.test(r))).toEqual([]);
  });
  test.each(['Europe', 'us-east', 'us_east_1', 'US-EAST-1', 'useast1', 'abcde-east-1'])('refuses %s', (r) => {
    expect(REGION_PATTERN.test(r)).toBe(false);
  });
});
