/** The Lambda handler: configuration from the environment, SNS / schedule / custom resource events, EMF metrics. */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { ENV, configFromEnv, emfMetric, handler } from '../../lib/handlers/prefix-list-sync/index';
import { RUN_MARKER_TAG, SYNC_TOKEN_TAG } from '../../lib/handlers/prefix-list-sync/sync';
import { docText, ec2Cidrs, fetchSeq, harness, md5, URL_ } from './fixtures';

const PL = 'pl-0123456789abcdef0';
const saved = { ...process.env };

beforeEach(() => {
  process.env[ENV.connectRegions] = 'us-east-1';
  process.env[ENV.prefixLists] = JSON.stringify({ 'EC2-ipv4': PL });
  process.env[ENV.shrinkGuardPercent] = '20';
  process.env[ENV.ipRangesUrl] = URL_;
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  process.env = { ...saved };
  jest.restoreAllMocks();
});

function setup(text = docText()) {
  const h = harness();
  h.ec2.add({ id: PL });
  const f = fetchSeq(text);
  const d = h.deps(f);
  return { h, f, deps: { ec2: h.ec2.client, sync: { fetch: d.fetch, sleep: d.sleep, pollIntervalMs: 0, backoffBaseMs: 1, downloadTimeoutMs: 50 } } };
}

/** A local stand-in for CloudFormation's pre-signed response URL. */
async function responseServer(): Promise<{ url: string; bodies: Record<string, unknown>[]; close: () => Promise<void> }> {
  const bodies: Record<string, unknown>[] = [];
  const server = http.createServer((req, res) => {
    let b = '';
    req.on('data', (c) => (b += c));
    req.on('end', () => {
      bodies.push({ method: req.method, ...JSON.parse(b) });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/response?sig=1`, bodies, close: () => new Promise((r) => server.close(() => r())) };
}

function cfnEvent(type: 'Create' | 'Update' | 'Delete', url: string) {
  return { RequestType: type, ResponseURL: url, StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/s/1', RequestId: 'r1', LogicalResourceId: 'FirstFill', ResourceProperties: {} };
}

describe('configuration', () => {
  test('reads the environment the construct sets', () => {
    expect(configFromEnv(process.env)).toEqual({
      connectRegions: ['us-east-1'], prefixLists: { 'EC2-ipv4': PL }, shrinkGuardPercent: 20, wideningGuardPercent: 50, ipRangesUrl: URL_,
      runMarker: { runId: expect.stringMatching(/^lambda:prefix-list-sync:[0-9a-f-]{36}$/), seconds: 900, force: false, takeOver: 'lambda:prefix-list-sync:' },
    });
  });

  test('the run marker is the function\'s own (taken over by its next run) and lasts no longer than the invocation', () => {
    const before = Date.now();
    const config = configFromEnv(process.env, { functionName: 'stack-SyncFn', remainingMs: 299500 });
    expect(config.runMarker).toEqual({
      runId: expect.stringMatching(/^lambda:stack-SyncFn:[0-9a-f-]{36}$/), seconds: 300, force: false, until: expect.any(Number), takeOver: 'lambda:stack-SyncFn:',
    });
    expect(config.runMarker!.until! * 1000).toBeGreaterThanOrEqual(before + 299500);
    expect(config.runMarker!.until! * 1000).toBeLessThanOrEqual(Date.now() + 299500 + 1000);
  });

  test('defaults the shrink guard and the URL', () => {
    delete process.env[ENV.shrinkGuardPercent];
    delete process.env[ENV.ipRangesUrl];
    expect(configFromEnv(process.env)).toMatchObject({ shrinkGuardPercent: 20, ipRangesUrl: 'https://ip-ranges.amazonaws.com/ip-ranges.json' });
  });

  test('refuses a missing Region and a malformed list map', () => {
    delete process.env[ENV.connectRegions];
    expect(() => configFromEnv(process.env)).toThrow(/CONNECT_REGIONS is not set/);
    process.env[ENV.connectRegions] = 'us-east-1';
    process.env[ENV.prefixLists] = '{not json';
    expect(() => configFromEnv(process.env)).toThrow(/PREFIX_LISTS must be a JSON object/);
  });
});

describe('SNS and schedule events', () => {
  test('an AmazonIpSpaceChanged notification syncs with its md5 checked', async () => {
    const text = docText();
    const { h, deps } = setup(text);
    const message = JSON.stringify({ 'create-time': '2026-08-22-15-17-05', synctoken: '1787411825', md5: md5(text), url: 'https://ip-ranges.amazonaws.com/ip-ranges.json' });
    const out = await handler({ Records: [{ Sns: { Message: message } }] }, { functionName: 'f' }, deps);
    expect(out).toMatchObject({ syncToken: '1787411825', lists: [{ selector: 'EC2-ipv4', status: 'changed', added: 3 }] });
    expect(h.ec2.lists.get(PL)!.tags[SYNC_TOKEN_TAG]).toBe('1787411825');
  });

  test('a notification whose md5 does not match fails the invocation (Lambda retries, then the DLQ) and the list is unchanged', async () => {
    const { h, deps } = setup();
    const message = JSON.stringify({ 'create-time': '2026-08-22-15-17-05', synctoken: '1787411825', md5: 'f'.repeat(32) });
    await expect(handler({ Records: [{ Sns: { Message: message } }] }, {}, deps)).rejects.toThrow(/MD5 mismatch/);
    expect(h.ec2.lists.get(PL)!.entries).toEqual([]);
  });

  test('a scheduled event runs a full sync', async () => {
    const { h, deps } = setup();
    await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event' }, {}, deps);
    expect(h.ec2.lists.get(PL)!.entries).toHaveLength(3);
  });
});

describe('custom resource (first fill at deploy)', () => {
  test('Create fills the lists and answers SUCCESS with the list ids', async () => {
    const { h, deps } = setup();
    const srv = await responseServer();
    try {
      const out = await handler(cfnEvent('Create', srv.url), { getRemainingTimeInMillis: () => 60000 }, deps);
      expect(out).toMatchObject({ status: 'SUCCESS' });
      expect(srv.bodies).toEqual([expect.objectContaining({ method: 'PUT', Status: 'SUCCESS', RequestId: 'r1', LogicalResourceId: 'FirstFill', Data: { 'EC2-ipv4': PL } })]);
      expect(h.ec2.lists.get(PL)!.entries).toHaveLength(3);
    } finally {
      await srv.close();
    }
  });

  test('a failed fill answers FAILED with the reason instead of leaving CloudFormation waiting', async () => {
    const { deps } = setup();
    deps.sync.fetch = fetchSeq(500) as unknown as typeof fetch;
    const srv = await responseServer();
    try {
      const out = await handler(cfnEvent('Update', srv.url), {}, deps);
      expect(out).toMatchObject({ status: 'FAILED' });
      expect(srv.bodies[0]).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/first fill failed: download .* HTTP 500/) });
    } finally {
      await srv.close();
    }
  });

  test('a fill that would outlast the function answers FAILED before the Lambda timeout', async () => {
    const { deps } = setup();
    deps.sync.fetch = fetchSeq('hang') as unknown as typeof fetch;
    (deps.sync as { downloadTimeoutMs: number }).downloadTimeoutMs = 60000;
    const srv = await responseServer();
    try {
      const out = await handler(cfnEvent('Create', srv.url), { getRemainingTimeInMillis: () => 16000 }, deps);
      expect(out).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(/did not finish within 1 s/) });
    } finally {
      await srv.close();
    }
  });

  test('Delete answers SUCCESS without touching the lists', async () => {
    const { h, f, deps } = setup();
    const srv = await responseServer();
    try {
      await handler(cfnEvent('Delete', srv.url), {}, deps);
      expect(srv.bodies[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'FirstFill-prefix-list-fill' });
      expect(f).not.toHaveBeenCalled();
      expect(h.ec2.modifications).toHaveLength(0);
    } finally {
      await srv.close();
    }
  });
});

describe('the outcome is the truth', () => {
  const future = () => Math.floor(Date.now() / 1000) + 600;

  test('a guard that keeps a list behind fails the invocation, naming the list (Lambda retries, Errors alarm)', async () => {
    const { h, deps } = setup(docText({ ec2: ec2Cidrs(1) }));
    h.ec2.lists.get(PL)!.entries = ec2Cidrs(10);
    await expect(handler({ source: 'aws.events' }, { functionName: 'f' }, deps)).rejects.toThrow(
      new RegExp(`did not bring every list to syncToken 1787411825: EC2-ipv4 \\(${PL}\\) shrink-guard-tripped`),
    );
  });

  test('another run\'s marker on a list: the first fill answers FAILED naming the list, which stays as it was', async () => {
    const { h, deps } = setup();
    h.ec2.lists.get(PL)!.tags[RUN_MARKER_TAG] = `cli-someone ${future()}`;
    const srv = await responseServer();
    try {
      const out = await handler(cfnEvent('Create', srv.url), { functionName: 'f', getRemainingTimeInMillis: () => 60000 }, deps);
      expect(out).toMatchObject({ status: 'FAILED' });
      expect(srv.bodies[0]).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(new RegExp(`EC2-ipv4 \\(${PL}\\) locked: ${PL} is being written by run cli-someone`)) });
      expect(h.ec2.lists.get(PL)!.entries).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  test('the marker of the function\'s own earlier run (killed at its timeout) is taken over; another function\'s is not', async () => {
    const { h, deps } = setup();
    const list = h.ec2.lists.get(PL)!;
    list.tags[RUN_MARKER_TAG] = `lambda:f:dead-run ${future()}`;
    await expect(handler({ source: 'aws.events' }, { functionName: 'g', getRemainingTimeInMillis: () => 60000 }, deps)).rejects.toThrow(/locked/);
    expect(list.entries).toEqual([]);
    const out = await handler({ source: 'aws.events' }, { functionName: 'f', getRemainingTimeInMillis: () => 60000 }, deps);
    expect(out).toMatchObject({ lists: [{ status: 'changed' }] });
    expect(list.entries).toHaveLength(3);
    // released, and it would only have lasted as long as the invocation could
    expect(list.tags[RUN_MARKER_TAG]).toMatch(/^lambda:f:[0-9a-f-]{36} 0$/);
  });

  test('the response PUT gets its own timeout from the time left: a silent ResponseURL cannot outlive the function', async () => {
    const { deps } = setup();
    const sockets = new Set<import('node:net').Socket>();
    const silent = http.createServer(() => undefined);
    silent.on('connection', (c) => sockets.add(c));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/r`;
    try {
      const started = Date.now();
      await expect(handler(cfnEvent('Delete', url), { getRemainingTimeInMillis: () => 3000 }, deps)).rejects.toThrow(/response PUT to CloudFormation did not complete within 1000 ms/);
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      for (const c of sockets) c.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});

test('metrics are embedded metric format lines per function and per function + selector', () => {
  const lines: string[] = [];
  (process.stdout.write as unknown as jest.Mock).mockImplementation((l: string) => lines.push(l));
  emfMetric('fn')('ShrinkGuardTripped', 1, { Selector: 'EC2-ipv4' });
  const m = JSON.parse(lines[0]);
  expect(m).toMatchObject({
    _aws: { CloudWatchMetrics: [{ Namespace: 'CdkConnectDx/PrefixListSync', Dimensions: [['FunctionName'], ['FunctionName', 'Selector']], Metrics: [{ Name: 'ShrinkGuardTripped', Unit: 'Count' }] }] },
    FunctionName: 'fn',
    Selector: 'EC2-ipv4',
    ShrinkGuardTripped: 1,
  });
});
