/** Small ip-ranges.json documents and fetch fakes for the prefix list sync tests. */
import { createHash } from 'node:crypto';
import { LogRecord, SyncConfig, SyncDeps } from '../../lib/handlers/prefix-list-sync/sync';
import { FakeEc2 } from './fake-ec2';

export const URL_ = 'https://ip-ranges.example.test/ip-ranges.json';

/** `n` EC2 /24s in us-east-1 that never aggregate (every other /24), starting at index `from`. */
export function ec2Cidrs(n: number, from = 0): string[] {
  const out: string[] = [];
  for (let i = from; i < from + n; i++) out.push(`3.${Math.floor(i / 128)}.${(i % 128) * 2}.0/24`);
  return out;
}

export interface DocOptions {
  readonly syncToken?: string;
  readonly ec2?: string[];
  readonly connect?: string[];
  readonly connectV6?: string[];
}

/** An ip-ranges.json text. */
export function docText(o: DocOptions = {}): string {
  const prefixes = [
    ...(o.connect ?? ['15.193.0.0/19']).map((p) => ({ ip_prefix: p, region: 'GLOBAL', service: 'AMAZON_CONNECT', network_border_group: 'GLOBAL' })),
    ...(o.ec2 ?? ec2Cidrs(3)).map((p) => ({ ip_prefix: p, region: 'us-east-1', service: 'EC2', network_border_group: 'us-east-1' })),
    { ip_prefix: '52.94.0.0/22', region: 'eu-west-1', service: 'EC2', network_border_group: 'eu-west-1' },
  ];
  const ipv6 = (o.connectV6 ?? ['2600:f0f2:7100::/40']).map((p) => ({
    ipv6_prefix: p, region: 'GLOBAL', service: 'AMAZON_CONNECT', network_border_group: 'GLOBAL',
  }));
  return JSON.stringify({ syncToken: o.syncToken ?? '1787411825', createDate: '2026-08-22-15-17-05', prefixes, ipv6_prefixes: ipv6 }, null, 2);
}

export function md5(text: string): string {
  return createHash('md5').update(Buffer.from(text)).digest('hex');
}

/** A fetch that answers each call from the list (the last answer repeats). */
export function fetchSeq(...answers: (string | number | Error | 'hang')[]): jest.Mock {
  let i = 0;
  return jest.fn(async (_url: string, init?: { signal?: AbortSignal }) => {
    const a = answers[Math.min(i++, answers.length - 1)];
    if (a === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      });
    }
    if (a instanceof Error) throw a;
    if (typeof a === 'number') return new Response('error', { status: a });
    return new Response(a, { status: 200 });
  });
}

export interface Harness {
  readonly ec2: FakeEc2;
  readonly logs: LogRecord[];
  readonly metrics: { name: string; value: number; dimensions?: Record<string, string> }[];
  deps(fetchImpl: jest.Mock): SyncDeps;
  config(lists: Record<string, string>, extra?: Partial<SyncConfig>): SyncConfig;
}

export function harness(): Harness {
  const ec2 = new FakeEc2();
  const logs: LogRecord[] = [];
  const metrics: Harness['metrics'] = [];
  return {
    ec2,
    logs,
    metrics,
    deps: (fetchImpl) => ({
      ec2: ec2.client,
      log: (r) => logs.push(r),
      metric: (name, value, dimensions) => metrics.push({ name, value, dimensions }),
      fetch: fetchImpl as unknown as typeof fetch,
      sleep: async () => undefined,
      downloadTimeoutMs: 50,
      backoffBaseMs: 1,
      pollIntervalMs: 0,
    }),
    // The widening guard is off unless a test sets it: most tests grow small lists a lot on purpose (batches, growth).
    config: (lists, extra = {}) => ({
      connectRegions: ['us-east-1'], prefixLists: lists, shrinkGuardPercent: 20, wideningGuardPercent: 1e9, ipRangesUrl: URL_, ...extra,
    }),
  };
}
