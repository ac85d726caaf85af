/** doctor --latency, the pure part: targets, statistics, ranking, guidance and renderings; and the CLI's bad flags. */
import { main } from '../../lib/cli/index';
import { ConnectEndpointCatalog } from '../../lib/connect-endpoints/catalog';
import {
  LATENCY_GUIDANCE, parseTargetOverride, rankLatency, RegionSamples, renderLatencyJson, renderLatencyText, statsOf, targetsFromCatalog,
} from '../../lib/doctor/latency';

const target = (region: string) => ({ region, tls: { host: `participant.connect.${region}.amazonaws.com`, port: 443 } });
const samples = (region: string, tlsMs: number[], stunMs: number[], failures: string[] = []): RegionSamples =>
  ({ target: target(region), tlsMs, stunMs, failures });

describe('statsOf', () => {
  test('GIVEN an odd count THEN the middle value; spread is max - min', () => {
    expect(statsOf([30, 10, 20])).toEqual({ medianMs: 20, spreadMs: 20, minMs: 10, maxMs: 30, count: 3 });
  });
  test('GIVEN an even count THEN the mean of the two middle values', () => {
    expect(statsOf([4, 1, 3, 2])!.medianMs).toBe(2.5);
  });
  test('GIVEN no sample THEN undefined', () => {
    expect(statsOf([])).toBeUndefined();
  });
});

describe('rankLatency', () => {
  test('GIVEN three Regions THEN ranked by the median of TLS and STUN together; the instance Region and the guidance marked', () => {
    const rows = rankLatency([
      samples('us-east-1', [80, 82], [81, 300]),
      samples('eu-west-2', [10, 12], [11, 11]),
      samples('ap-southeast-2', [600, 610], [605]),
      samples('af-south-1', [], [], ['tls: timeout', 'stun: timeout']),
    ], ['us-east-1']);
    expect(rows.map((r) => [r.rank, r.region, r.medianMs])).toEqual([
      [1, 'eu-west-2', 11], [2, 'us-east-1', 81.5], [3, 'ap-southeast-2', 605], [undefined, 'af-south-1', undefined],
    ]);
    expect(rows[1]).toMatchObject({ instanceRegion: true, aboveGuidance: false, spreadMs: 220 });
    expect(rows[2].aboveGuidance).toBe(true);
    expect(rows[3].failures).toEqual(['tls: timeout', 'stun: timeout']);
  });

  test('GIVEN the guidance THEN it is AWS\'s 500 ms WebRTC round trip, with its page', () => {
    expect(LATENCY_GUIDANCE.thresholdMs).toBe(500);
    expect(LATENCY_GUIDANCE.url).toBe('https://docs.aws.amazon.com/connect/latest/adminguide/low-latency-design.html');
    expect(rankLatency([samples('eu-west-2', [500], [])])[0].aboveGuidance).toBe(false);
    expect(rankLatency([samples('eu-west-2', [500.1], [])])[0].aboveGuidance).toBe(true);
  });
});

describe('targets', () => {
  test('GIVEN the catalog THEN every Amazon Connect Region with a Regional TCP 443 host and a TurnNlb host', () => {
    const t = targetsFromCatalog();
    expect(t.map((x) => x.region)).toEqual(ConnectEndpointCatalog.knownRegions());
    for (const x of t) {
      expect(x.tls).toEqual({ host: `participant.connect.${x.region}.amazonaws.com`, port: 443 });
      expect(x.stun?.host).toMatch(new RegExp(`^TurnNlb-[0-9a-f]+\\.elb\\.${x.region}\\.amazonaws\\.com$`));
      expect(x.stun?.port).toBe(3478);
    }
  });

  test('GIVEN an override THEN only its Regions, with addresses taken as given', () => {
    expect(parseTargetOverride('us-east-1=tls:10.0.0.1:443,stun:10.0.0.1:3478; eu-west-2=stun:[2001:db8::1]:3478')).toEqual([
      { region: 'us-east-1', tls: { host: '10.0.0.1', port: 443, address: '10.0.0.1' }, stun: { host: '10.0.0.1', port: 3478, address: '10.0.0.1' } },
      { region: 'eu-west-2', stun: { host: '2001:db8::1', port: 3478, address: '2001:db8::1' } },
    ]);
    expect(parseTargetOverride('us-east-1=tls:edge.example:8443')[0].tls).toEqual({ host: 'edge.example', port: 8443, address: undefined });
  });

  test.each([
    ['nope', /must start with a Region code and '='/],
    ['us-east-1=udp:10.0.0.1:3478', /'udp:10.0.0.1:3478' \(us-east-1\) must be tls:HOST:PORT or stun:HOST:PORT/],
    ['us-east-1=tls:10.0.0.1:70000', /must be tls:HOST:PORT/],
    ['us-east-1=tls:10.0.0.1:443;us-east-1=tls:10.0.0.2:443', /us-east-1 is given twice/],
    [' ; ', /names no Region/],
  ])('GIVEN the override %j THEN it is refused, naming the part', (text, message) => {
    expect(() => parseTargetOverride(text)).toThrow(message);
  });
});

describe('renderings', () => {
  const rows = rankLatency([samples('eu-west-2', [10], [12]), samples('us-east-1', [700], [710])], ['eu-west-2']);
  test('JSON: one entry per Region with region and medianMs, and the guidance with its source', () => {
    const j = JSON.parse(renderLatencyJson(rows, { samples: 1, instanceRegions: ['eu-west-2'], overridden: false }));
    expect(j.regions.map((r: { region: string; medianMs: number }) => [r.region, r.medianMs])).toEqual([['eu-west-2', 11], ['us-east-1', 705]]);
    expect(j.guidance).toEqual({ thresholdMs: 500, url: LATENCY_GUIDANCE.url, date: LATENCY_GUIDANCE.date });
  });
  test('text: * on the instance Region, ! above the guidance', () => {
    const t = renderLatencyText(rows, { samples: 1, instanceRegions: ['eu-west-2'], overridden: false });
    expect(t).toMatch(/^1 +eu-west-2 \* +11\.0 ms/m);
    expect(t).toMatch(/^2 +us-east-1 ! +705\.0 ms/m);
    expect(t).toMatch(/^nearest: eu-west-2$/m);
  });
});

describe('cdk-connect-dx doctor --latency: bad usage', () => {
  const run = async (argv: string[], env?: string) => {
    const io = { outText: '', errText: '', out(t: string) { io.outText += t; }, err(t: string) { io.errText += t; } };
    const saved = process.env.CDK_CONNECT_DX_LATENCY_TARGETS;
    if (env !== undefined) process.env.CDK_CONNECT_DX_LATENCY_TARGETS = env;
    try {
      return { code: await main(['doctor', '--latency', ...argv], io), err: io.errText };
    } finally {
      if (saved === undefined) delete process.env.CDK_CONNECT_DX_LATENCY_TARGETS; else process.env.CDK_CONNECT_DX_LATENCY_TARGETS = saved;
    }
  };
  test.each([
    [['--samples', '0'], /--samples must be an integer from 1 to 50, got '0'/],
    [['--samples', 'many'], /--samples must be an integer/],
    [['--region', 'mars-1'], /--region must be one of/],
    [['--alias', 'x'], /unknown flag --alias/],
  ])('GIVEN %j THEN exit 2 naming the flag', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
  test('GIVEN --region and --connect-region together THEN exit 2', async () => {
    const r = await run(['--region', 'us-east-1', '--connect-region', 'us-east-1,us-west-2']);
    expect(r.code).toBe(2);
  });
  test('GIVEN a bad override THEN exit 2 naming the variable', async () => {
    const r = await run([], 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/CDK_CONNECT_DX_LATENCY_TARGETS: 'nope' must start with a Region code/);
  });
});
