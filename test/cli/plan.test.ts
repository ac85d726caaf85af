/** `cdk-connect-dx plan`: text and JSON, and bad flags refused naming the flag (exit 2). */
import { main } from '../../lib/cli/index';
import { RecordingIo } from '../helpers/cli-io';

const args = ['plan', '--region', 'eu-west-2', '--location', 'THNO2'];

describe('cdk-connect-dx plan', () => {
  test('GIVEN 500 agents WHEN run THEN the text names bandwidth, ports, rate limit, alarm, capacity, cost, assumptions and sources', async () => {
    const io = new RecordingIo();
    expect(await main([...args, '--agents', '500', '--resiliency', 'high'], io)).toBe(0);
    const t = io.stdout;
    expect(t).toMatch(/^Capacity plan: 500 agents, Amazon Connect in eu-west-2, Direct Connect at THNO2, HIGH resiliency$/m);
    expect(t).toMatch(/audio +500 agents x +100 kbps = +50 Mbps +https:\/\/docs\.aws\.amazon\.com\/connect\/latest\/adminguide\/troubleshooting\.html/);
    expect(t).toMatch(/2 paths x hosted 100Mbps/);
    expect(t).toMatch(/rate limit: none \(a hosted connection is limited to its purchased capacity/);
    expect(t).toMatch(/utilization alarm: above 80% of the 100Mbps port = 80 Mbps/);
    expect(t).toMatch(/prefix list AMAZON_CONNECT-ipv4: MaxEntries \d+/);
    expect(t).toMatch(/Network Firewall domain allow list: capacity \d+/);
    expect(t).toMatch(/^ {2}total +\$[\d,]+\.\d\d$/m);
    expect(t).toMatch(/^Assumptions\n {2}- 100% of the 500 agents on a call at once/m);
    expect(t).toMatch(/https:\/\/aws\.amazon\.com\/directconnect\/pricing\/ \(read \d{4}-\d{2}-\d{2}\)/);
  });

  test('GIVEN --json WHEN run THEN one document with bandwidthMbps, monthlyCostUsd and dated sources', async () => {
    const io = new RecordingIo();
    expect(await main([...args, '--agents', '50', '--video', '0.5', '--json'], io)).toBe(0);
    const j = JSON.parse(io.stdout);
    // 50 agents x 100 kbps + 25 on video x 1500 kbps = 42.5 Mbps, + 30% headroom
    expect(j.peakMbps).toBe(42.5);
    expect(j.bandwidthMbps).toBe(55.25);
    expect(typeof j.monthlyCostUsd).toBe('number');
    expect(j.monthlyCostUsd).toBeGreaterThan(0);
    expect(j.sources.length).toBeGreaterThan(3);
    for (const s of j.sources) {
      expect(s.url).toMatch(/^https:\/\//);
      expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(j.sources.map((s: { url: string }) => s.url)).toContain('https://docs.aws.amazon.com/chime-sdk/latest/dg/webrtc-media.html');
  });

  test.each([
    [['--agents', '0'], /^cdk-connect-dx plan: --agents must be a whole number from 1 to 1000000, got '0'\n$/],
    [['--agents', 'ten'], /--agents must be a whole number.*got 'ten'/],
    [['--agents', '2.5'], /--agents must be a whole number.*got '2.5'/],
    [['--agents', '10', '--concurrency', '1.5'], /--concurrency must be a share from 0 to 1.*got '1.5'/],
    [['--agents', '10', '--dual-call', '-0.1'], /--dual-call must be a share from 0 to 1.*got '-0.1'/],
    [['--agents', '10', '--video', '2'], /--video must be a share/],
    [['--agents', '10', '--screen-recording', 'half'], /--screen-recording must be a share/],
    [['--agents', '10', '--resiliency', 'ULTRA'], /--resiliency must be one of MAXIMUM, HIGH, DEVELOPMENT, got 'ULTRA'/],
    [['--agents', '10', '--location', 'NOPE1'], /--location 'NOPE1' is not in the Direct Connect location snapshot/],
  ])('GIVEN %j WHEN run THEN exit 2 naming the flag', async (extra, message) => {
    const io = new RecordingIo();
    const argv = [...args.filter((a, i) => !(extra.includes('--location') && (a === '--location' || args[i - 1] === '--location'))), ...extra];
    expect(await main(argv, io)).toBe(2);
    expect(io.stderr).toMatch(message);
    expect(io.stdout).toBe('');
  });
});
