/**
 * The sync's lifecycle (issue 23, "the sync's outcome is the truth"): the BUILT handler bundle
 * (assets/prefix-list-sync/index.js, from `node scripts/bundle.mjs`) runs in a child process as Lambda would run it,
 * against moto_server with a fault proxy in front of EC2 written for this test, with CloudFormation (a local
 * ResponseURL server), SNS (AmazonIpSpaceChanged) and scheduled events.
 *
 * Faults: a hung EC2 call, throttling, a list stuck in `modify-in-progress`, a run killed mid-write (SIGKILL, as a
 * Lambda timeout ends a run), another run's marker, and two runs with different files at once. What is checked is
 * what the lists hold, read from moto, against what each run reported.
 *
 * Needs moto_server (pip install "moto[server]"); everything listens on 127.0.0.1.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CreateManagedPrefixListCommand,
  CreateTagsCommand,
  DescribeManagedPrefixListsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { parseIpRangesDocument, selectPrefixes } from '../../lib/ip-ranges/engine';
import { IP_RANGES_FILE } from '../fixtures';
import { Moto, prefixListEntries, startMoto } from '../helpers/moto';
import { MOTO_SERVER, describeWithTool } from '../helpers/tools';

const REPO = path.join(__dirname, '..', '..');
const BUNDLE = path.join(REPO, 'assets', 'prefix-list-sync', 'index.js');
const REGION = 'eu-west-2';
const RUN_MARKER_TAG = 'cdk-connect-dx:sync-run';
const SYNC_TOKEN_TAG = 'cdk-connect-dx:sync-token';
const CREDS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };
/** AMAZON_CONNECT-ipv4 holds 1 entry, EC2-ipv4 48, CLOUDFRONT-ipv4 180 (two batches and a growth) in the fixture. */
const SELECTORS = ['AMAZON_CONNECT-ipv4', 'EC2-ipv4', 'CLOUDFRONT-ipv4'];

/** What the fault proxy saw: one record per EC2 request. */
interface Seen {
  readonly action: string;
  readonly params: URLSearchParams;
  readonly at: number;
  /** The client went away before an answer (an aborted call). */
  aborted: boolean;
  answered: boolean;
}

/** A fault for a request: hang (never answer), throttle (RequestLimitExceeded), or stuck (Describe says modify-in-progress). */
type Fault = 'hang' | 'throttle' | 'stuck' | undefined;
type Rule = (s: Seen) => Fault;

/** A small EC2 fault proxy on 127.0.0.1 in front of moto_server. */
class FaultProxy {
  readonly seen: Seen[] = [];
  rules: Rule[] = [];
  /** Delay before forwarding each request (widens the window in which two runs interleave). */
  delayMs = 0;
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private readonly agent = new http.Agent({ keepAlive: false });
  url = '';

  constructor(private readonly target: string) {
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.on('connection', (s) => { this.sockets.add(s); s.on('close', () => this.sockets.delete(s)); });
  }

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.agent.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Requests of `action` (optionally for one list) seen after `since`. */
  calls(action: string, since = 0, list?: string): Seen[] {
    return this.seen.filter((s) => s.action === action && s.at >= since && (!list || listOf(s) === list));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const params = new URLSearchParams(body.toString('utf8'));
      const seen: Seen = { action: params.get('Action') ?? '', params, at: Date.now(), aborted: false, answered: false };
      this.seen.push(seen);
      res.on('close', () => { if (!seen.answered) seen.aborted = true; });
      const fault = this.rules.map((r) => r(seen)).find((f) => f !== undefined);
      if (fault === 'hang') return;
      if (fault === 'throttle') {
        seen.answered = true;
        res.writeHead(503, { 'content-type': 'text/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code>' +
          '<Message>Request limit exceeded.</Message></Error></Errors><RequestID>fault-proxy</RequestID></Response>');
        return;
      }
      setTimeout(() => this.forward(req, body, seen, res, fault === 'stuck'), this.delayMs);
    });
  }

  private forward(req: http.IncomingMessage, body: Buffer, seen: Seen, res: http.ServerResponse, stuck: boolean): void {
    if (seen.aborted) return;
    const up = http.request(`${this.target}${req.url}`, { method: req.method, headers: req.headers, agent: this.agent }, (r) => {
      const out: Buffer[] = [];
      r.on('data', (c: Buffer) => out.push(c));
      r.on('end', () => {
        let text = Buffer.concat(out).toString('utf8');
        if (stuck) text = text.replace(/<state>[a-z-]+<\/state>/g, '<state>modify-in-progress</state>');
        const headers = { ...r.headers, 'content-length': String(Buffer.byteLength(text)) };
        seen.answered = true;
        res.writeHead(r.statusCode ?? 500, headers);
        res.end(text);
      });
    });
    up.on('error', () => res.destroy());
    up.end(body);
  }
}

/** The list a request is about. */
function listOf(s: Seen): string | undefined {
  return s.params.get('PrefixListId') ?? s.params.get('PrefixListId.1') ?? s.params.get('ResourceId.1') ?? undefined;
}

/** The run marker a CreateTags request writes, if it writes one. */
function markerWrite(s: Seen): string | undefined {
  return s.action === 'CreateTags' && s.params.get('Tag.1.Key') === RUN_MARKER_TAG ? s.params.get('Tag.1.Value') ?? undefined : undefined;
}

/** The child process that plays the Lambda runtime: loads the bundle, invokes the handler, reports on a file. */
const RUNNER = `
const fs = require('node:fs');
const { handler } = require(process.env.LIFECYCLE_BUNDLE);
const timeout = Number(process.env.LIFECYCLE_TIMEOUT_MS);
const deadline = Date.now() + timeout;
const report = (r) => fs.writeFileSync(process.env.LIFECYCLE_RESULT, JSON.stringify(r));
// Lambda ends the invocation at its timeout, whatever the code is doing.
setTimeout(() => { report({ ok: false, error: 'Task timed out' }); process.exit(1); }, timeout).unref();
handler(JSON.parse(process.env.LIFECYCLE_EVENT), { functionName: process.env.LIFECYCLE_FUNCTION, getRemainingTimeInMillis: () => deadline - Date.now() })
  .then((value) => report({ ok: true, value }), (e) => report({ ok: false, error: String(e && e.message || e) }));
`;

/** What an invocation returned (or threw), with its stdout lines (logs and EMF metrics). */
interface Invocation {
  readonly ok: boolean;
  readonly value?: any;
  readonly error?: string;
  readonly lines: any[];
  readonly endedAt: number;
}

describeWithTool(MOTO_SERVER, 'prefix list sync lifecycle: built handler bundle, moto_server, EC2 fault proxy', () => {
  jest.setTimeout(120000);
  let moto: Moto;
  let proxy: FaultProxy;
  let ec2: EC2Client;
  let files: http.Server;
  let responses: http.Server;
  let dir: string;
  let runner: string;
  let base = '';
  const bodies: { at: number; body: any }[] = [];
  const fixture = readFileSync(IP_RANGES_FILE, 'utf8');
  const doc = parseIpRangesDocument(fixture);
  /** A second published version of the file: the same ranges, a later syncToken. */
  const laterToken = String(Number(doc.syncToken) + 3600);
  const later = fixture.replace(`"syncToken": "${doc.syncToken}"`, `"syncToken": "${laterToken}"`);
  const expected = (selector: string) => selectPrefixes(doc, selector.split('-')[0], REGION, 4).slice().sort();
  let counter = 0;

  beforeAll(async () => {
    if (!existsSync(BUNDLE)) {
      const b = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'bundle.mjs')], { cwd: REPO, encoding: 'utf8' });
      if (b.status !== 0) throw new Error(`node scripts/bundle.mjs failed: ${b.stderr}`);
    }
    expect(later).not.toBe(fixture);
    moto = await startMoto();
    proxy = new FaultProxy(moto.endpoint);
    await proxy.start();
    files = http.createServer((req, res) => {
      const text = req.url === '/later.json' ? later : req.url === '/ip-ranges.json' ? fixture : undefined;
      if (text === undefined) { res.statusCode = 404; res.end(); return; }
      res.setHeader('content-type', 'application/json');
      res.end(text);
    });
    await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    responses = http.createServer((req, res) => {
      let b = '';
      req.on('data', (c) => (b += c));
      req.on('end', () => { bodies.push({ at: Date.now(), body: { method: req.method, url: req.url, ...JSON.parse(b) } }); res.end(); });
    });
    await new Promise<void>((r) => responses.listen(0, '127.0.0.1', r));
    dir = mkdtempSync(path.join(tmpdir(), 'pl-lifecycle-'));
    runner = path.join(dir, 'runner.js');
    writeFileSync(runner, RUNNER);
    ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
  });

  afterAll(async () => {
    ec2?.destroy();
    await proxy?.stop();
    moto?.stop();
    for (const s of [files, responses]) {
      s?.closeAllConnections();
      await new Promise<void>((r) => (s ? s.close(() => r()) : r()));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    proxy.rules = [];
    proxy.delayMs = 0;
  });

  /** Fresh, empty lists (MaxEntries 10, so CLOUDFRONT-ipv4 needs a growth) in the order the run visits them. */
  async function createLists(order = SELECTORS): Promise<Record<string, string>> {
    const ids: Record<string, string> = {};
    const n = ++counter;
    for (const s of order) {
      const r = await ec2.send(new CreateManagedPrefixListCommand({ PrefixListName: `life-${n}-${s}`, AddressFamily: 'IPv4', MaxEntries: 10 }));
      ids[s] = r.PrefixList!.PrefixListId!;
    }
    return ids;
  }

  const entries = (id: string) => prefixListEntries(ec2, id);

  async function tags(id: string): Promise<Record<string, string>> {
    const r = await ec2.send(new DescribeManagedPrefixListsCommand({ PrefixListIds: [id] }));
    return Object.fromEntries((r.PrefixLists?.[0]?.Tags ?? []).map((t) => [t.Key!, t.Value!]));
  }

  /** Starts the bundle's handler in a child process, configured as the construct configures the function. */
  function start(event: unknown, opts: { lists: Record<string, string>; fn?: string; timeoutMs?: number; file?: string }): { proc: ChildProcess; done: Promise<Invocation> } {
    const result = path.join(dir, `result-${++counter}.json`);
    const env = {
      PATH: process.env.PATH,
      ...CREDS,
      CONNECT_REGIONS: REGION,
      PREFIX_LISTS: JSON.stringify(opts.lists),
      SHRINK_GUARD_PERCENT: '20',
      IP_RANGES_URL: `${base}/${opts.file ?? 'ip-ranges.json'}`,
      EC2_ENDPOINT_URL: proxy.url,
      LIFECYCLE_BUNDLE: BUNDLE,
      LIFECYCLE_EVENT: JSON.stringify(event),
      LIFECYCLE_FUNCTION: opts.fn ?? 'stack-PrefixListSync',
      LIFECYCLE_TIMEOUT_MS: String(opts.timeoutMs ?? 60000),
      LIFECYCLE_RESULT: result,
    };
    const proc = spawn(process.execPath, [runner], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout!.on('data', (c) => (out += c));
    proc.stderr!.on('data', (c) => (out += c));
    const done = new Promise<Invocation>((resolve) => {
      proc.on('close', () => {
        const lines = out.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
        const r = existsSync(result) ? JSON.parse(readFileSync(result, 'utf8')) : { ok: false, error: `killed (${proc.signalCode ?? proc.exitCode})` };
        resolve({ ...r, lines, endedAt: Date.now() });
      });
    });
    return { proc, done };
  }

  const invoke = (event: unknown, opts: Parameters<typeof start>[1]) => start(event, opts).done;

  function cfn(type: 'Create' | 'Update' | 'Delete', physical?: string) {
    const port = (responses.address() as AddressInfo).port;
    return {
      RequestType: type, ResponseURL: `http://127.0.0.1:${port}/cfn-response?X-Amz-Signature=${++counter}`, StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/life/1',
      RequestId: `req-${counter}`, LogicalResourceId: 'FirstFill', ResourceType: 'Custom::ConnectPrefixListFill', ResourceProperties: {},
      ...(physical ? { PhysicalResourceId: physical } : {}),
    };
  }
  const responseTo = (event: { ResponseURL: string }) => bodies.filter((b) => b.body.url === new URL(event.ResponseURL).pathname + new URL(event.ResponseURL).search);

  const sns = (text: string) => ({
    Records: [{
      EventSource: 'aws:sns',
      Sns: { Subject: 'IP Space Changed', Message: JSON.stringify({ 'create-time': doc.createDate, synctoken: parseIpRangesDocument(text).syncToken, md5: createHash('md5').update(text).digest('hex'), url: 'https://ip-ranges.amazonaws.com/ip-ranges.json' }) },
    }],
  });
  const schedule = { 'version': '0', 'detail-type': 'Scheduled Event', 'source': 'aws.events', 'detail': {} };
  const metric = (inv: Invocation, name: string) => inv.lines.filter((l) => l._aws && l[name] !== undefined && !l.Selector).map((l) => l[name]);

  async function expectFilled(ids: Record<string, string>, token = doc.syncToken): Promise<void> {
    for (const [s, id] of Object.entries(ids)) {
      expect(await entries(id)).toEqual(expected(s));
      const t = await tags(id);
      expect(t[SYNC_TOKEN_TAG]).toBe(token);
      expect(t[RUN_MARKER_TAG]).toMatch(/ 0$/);
    }
  }

  test('CloudFormation Create fills every list and answers SUCCESS; Update changes nothing; Delete touches nothing', async () => {
    const ids = await createLists();
    const create = cfn('Create');
    const out = await invoke(create, { lists: ids });
    expect(out).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(responseTo(create).map((b) => b.body)).toEqual([expect.objectContaining({ method: 'PUT', Status: 'SUCCESS', Data: ids, Reason: `lists at syncToken ${doc.syncToken}` })]);
    await expectFilled(ids);
    expect(metric(out, 'SyncProblems')).toEqual([0]);

    const since = Date.now();
    const update = cfn('Update', responseTo(create)[0].body.PhysicalResourceId);
    expect(await invoke(update, { lists: ids })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    const del = cfn('Delete', responseTo(create)[0].body.PhysicalResourceId);
    expect(await invoke(del, { lists: ids })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    expect(responseTo(del)[0].body).toMatchObject({ Status: 'SUCCESS' });
    expect(proxy.calls('ModifyManagedPrefixList', since)).toEqual([]);
    await expectFilled(ids);
  });

  test('a hung EC2 call: the first fill answers FAILED in time, the call is aborted, and nothing changes afterwards', async () => {
    // GIVEN the second list's first entry batch hangs (the proxy never answers)
    const ids = await createLists();
    proxy.rules = [(s) => (s.action === 'ModifyManagedPrefixList' && listOf(s) === ids['EC2-ipv4'] && s.params.has('AddEntry.1.Cidr') ? 'hang' : undefined)];
    const create = cfn('Create');
    // WHEN the first fill runs with 27 s left (it gives up 17 s before the end: release, response, margin; 10 s are
    // enough to reach the hung call on a busy machine)
    const started = Date.now();
    const out = await invoke(create, { lists: ids, timeoutMs: 27000 });
    // THEN it answered FAILED before the Lambda deadline, naming the list and the stop
    expect(out).toMatchObject({ ok: true, value: { status: 'FAILED' } });
    const [answer] = responseTo(create);
    expect(answer.body).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/first fill did not finish within 10 s/) });
    expect(answer.body.Reason).toContain(`EC2-ipv4 (${ids['EC2-ipv4']})`);
    expect(answer.at - started).toBeLessThan(27000 - 2000);
    // ... the hung call was cut by the client (abort signal), not left to finish
    const hung = proxy.calls('ModifyManagedPrefixList', started, ids['EC2-ipv4']).filter((s) => s.params.has('AddEntry.1.Cidr'));
    expect(hung).toHaveLength(1);
    expect(hung[0].aborted).toBe(true);
    // ... after the answer only the marker was released: no entry change, no call for the list not yet reached
    const after = proxy.seen.filter((s) => s.at > answer.at);
    expect(after.filter((s) => s.action === 'ModifyManagedPrefixList')).toEqual([]);
    expect(proxy.seen.filter((s) => s.at >= started && listOf(s) === ids['CLOUDFRONT-ipv4'])).toEqual([]);
    const snapshot = await Promise.all(Object.values(ids).map(entries));
    await new Promise((r) => setTimeout(r, 3000));
    expect(proxy.seen.filter((s) => s.at > answer.at && s.action !== 'DescribeManagedPrefixLists' && !markerWrite(s))).toEqual([]);
    expect(await Promise.all(Object.values(ids).map(entries))).toEqual(snapshot);
    expect((await tags(ids['EC2-ipv4']))[RUN_MARKER_TAG]).toMatch(/^lambda:stack-PrefixListSync:\S+ 0$/);
    expect(await entries(ids['CLOUDFRONT-ipv4'])).toEqual([]);
  });

  test('a list stuck in modify-in-progress: the SNS run fails naming it, stops before the deadline, and changes nothing later', async () => {
    const ids = await createLists();
    proxy.rules = [(s) => (s.action === 'DescribeManagedPrefixLists' && listOf(s) === ids['EC2-ipv4'] ? 'stuck' : undefined)];
    const started = Date.now();
    const out = await invoke(sns(fixture), { lists: ids, timeoutMs: 16000 });
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(new RegExp(`EC2-ipv4 \\(${ids['EC2-ipv4']}\\)`));
    expect(out.error).toMatch(/sync did not finish within 9 s/);
    expect(out.endedAt - started).toBeLessThan(16000);
    const ended = out.endedAt;
    await new Promise((r) => setTimeout(r, 2000));
    expect(proxy.seen.filter((s) => s.at > ended)).toEqual([]);
    expect(await entries(ids['AMAZON_CONNECT-ipv4'])).toEqual(expected('AMAZON_CONNECT-ipv4'));
    expect(await entries(ids['EC2-ipv4'])).toEqual([]);
    expect(await entries(ids['CLOUDFRONT-ipv4'])).toEqual([]);
  });

  test('throttling (RequestLimitExceeded) on reads and writes is retried; the scheduled run fills every list', async () => {
    const ids = await createLists();
    let modify = 0;
    let describe = 0;
    proxy.rules = [(s) => {
      if (s.action === 'ModifyManagedPrefixList' && ++modify <= 3) return 'throttle';
      if (s.action === 'DescribeManagedPrefixLists' && ++describe % 4 === 0) return 'throttle';
      return undefined;
    }];
    const out = await invoke(schedule, { lists: ids });
    expect(out).toMatchObject({ ok: true, value: { syncToken: doc.syncToken } });
    // the proxy answered RequestLimitExceeded to the first three writes and to every fourth read
    expect(modify).toBeGreaterThan(3);
    expect(describe).toBeGreaterThanOrEqual(4);
    await expectFilled(ids);
  });

  test('a run killed mid-write does not lock its lists past the next retry; another run\'s marker fails the run naming the list', async () => {
    // GIVEN a run killed (SIGKILL, as at a Lambda timeout) while its CLOUDFRONT-ipv4 batch is in flight
    const ids = await createLists();
    proxy.rules = [(s) => (s.action === 'ModifyManagedPrefixList' && listOf(s) === ids['CLOUDFRONT-ipv4'] && s.params.has('AddEntry.1.Cidr') ? 'hang' : undefined)];
    const killedAt = Date.now();
    const first = start(sns(fixture), { lists: ids, timeoutMs: 60000 });
    while (proxy.calls('ModifyManagedPrefixList', killedAt, ids['CLOUDFRONT-ipv4']).filter((s) => s.params.has('AddEntry.1.Cidr')).length === 0) {
      await new Promise((r) => setTimeout(r, 50));
    }
    first.proc.kill('SIGKILL');
    expect(await first.done).toMatchObject({ ok: false, error: 'killed (SIGKILL)' });
    proxy.rules = [];
    // its marker is left, and lasts no longer than the invocation could have (60 s)
    const [runId, expires] = (await tags(ids['CLOUDFRONT-ipv4']))[RUN_MARKER_TAG].split(' ');
    expect(runId).toMatch(/^lambda:stack-PrefixListSync:/);
    expect(Number(expires)).toBeLessThanOrEqual(Math.ceil((killedAt + 60000) / 1000) + 1);
    expect(Number(expires)).toBeGreaterThan(Date.now() / 1000);

    // WHEN another function (another stack's sync, or any other writer) runs: it fails, naming the list
    const other = await invoke(schedule, { lists: ids, fn: 'other-PrefixListSync' });
    expect(other.ok).toBe(false);
    expect(other.error).toMatch(new RegExp(`CLOUDFRONT-ipv4 \\(${ids['CLOUDFRONT-ipv4']}\\) locked: ${ids['CLOUDFRONT-ipv4']} is being written by run lambda:stack-PrefixListSync:`));
    // the locked list, and the lists now on different file versions (the others hold the file, it holds none)
    expect(metric(other, 'SyncProblems')).toEqual([2]);
    expect(other.error).toMatch(/the lists ended on different file versions/);
    expect(other.lines.some((l) => l._aws && l.RunMarkerPresent === 1)).toBe(true);

    // THEN the function's own retry takes the dead run's marker over and fills every list
    const retry = await invoke(sns(fixture), { lists: ids });
    expect(retry).toMatchObject({ ok: true });
    expect(retry.lines.some((l) => /taking over the marker of this function's earlier run/.test(l.msg ?? ''))).toBe(true);
    await expectFilled(ids);
  });

  test('another run\'s marker on one list: the first fill answers FAILED naming it, not SUCCESS over an empty list', async () => {
    const ids = await createLists();
    await ec2.send(new CreateTagsCommand({ Resources: [ids['EC2-ipv4']], Tags: [{ Key: RUN_MARKER_TAG, Value: `cli-operator ${Math.floor(Date.now() / 1000) + 600}` }] }));
    const create = cfn('Create');
    const out = await invoke(create, { lists: ids });
    expect(out).toMatchObject({ ok: true, value: { status: 'FAILED' } });
    expect(responseTo(create)[0].body).toMatchObject({
      Status: 'FAILED',
      Reason: expect.stringMatching(new RegExp(`EC2-ipv4 \\(${ids['EC2-ipv4']}\\) locked: .*cli-operator`)),
    });
    expect(await entries(ids['EC2-ipv4'])).toEqual([]);
    expect(metric(out, 'SyncProblems')[0]).toBeGreaterThanOrEqual(1);
    // once that run is gone (marker released), the next deployment's fill succeeds
    await ec2.send(new CreateTagsCommand({ Resources: [ids['EC2-ipv4']], Tags: [{ Key: RUN_MARKER_TAG, Value: 'cli-operator 0' }] }));
    const update = cfn('Update', responseTo(create)[0].body.PhysicalResourceId);
    expect(await invoke(update, { lists: ids })).toMatchObject({ ok: true, value: { status: 'SUCCESS' } });
    await expectFilled(ids);
  });

  test('lists left on different file versions fail the run, naming each list and version', async () => {
    // GIVEN one list that another run already brought to the later file
    const ids = await createLists();
    expect(await invoke(schedule, { lists: { 'EC2-ipv4': ids['EC2-ipv4'] }, fn: 'stack-a-PrefixListSync', file: 'later.json' })).toMatchObject({ ok: true });
    // WHEN this function runs with the earlier file over all three
    const out = await invoke(schedule, { lists: ids, file: 'ip-ranges.json' });
    // THEN it fails: EC2-ipv4 holds the later file (stale-file for this run), the others now hold the earlier one
    expect(out.ok).toBe(false);
    expect(out.error).toContain(`the lists ended on different file versions (AMAZON_CONNECT-ipv4 (${ids['AMAZON_CONNECT-ipv4']}), ` +
      `CLOUDFRONT-ipv4 (${ids['CLOUDFRONT-ipv4']}) at syncToken ${doc.syncToken}; EC2-ipv4 (${ids['EC2-ipv4']}) at syncToken ${laterToken})`);
    expect(metric(out, 'SyncProblems')).toEqual([1]);
    // AND the next run with the later file brings them together
    expect(await invoke(schedule, { lists: ids, file: 'later.json' })).toMatchObject({ ok: true });
    await expectFilled(ids, laterToken);
  });

  test('two runs at once with different files: a run that reports success leaves every list on one file version', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 2; round++) {
      const ids = await createLists();
      // each EC2 request takes a little longer, so the two runs interleave list by list
      proxy.delayMs = 40;
      const [a, b] = await Promise.all([
        invoke(schedule, { lists: ids, fn: 'stack-a-PrefixListSync', file: 'later.json' }),
        invoke(schedule, { lists: ids, fn: 'stack-b-PrefixListSync', file: 'ip-ranges.json' }),
      ]);
      proxy.delayMs = 0;
      const tokens = new Set<string | undefined>();
      for (const id of Object.values(ids)) tokens.add((await tags(id))[SYNC_TOKEN_TAG]);
      // Never both successful with the lists split; a successful run's own read-back saw one version
      if (tokens.size > 1) expect(a.ok && b.ok).toBe(false);
      for (const r of [a, b]) {
        if (!r.ok) expect(r.error).toMatch(/locked|different file versions|stale-file|failed/);
      }
      outcomes.push(`${a.ok ? 'ok' : 'failed'}/${b.ok ? 'ok' : 'failed'} -> ${tokens.size} version(s)`);
      // the next run brings every list to the newest file
      const next = await invoke(schedule, { lists: ids, fn: 'stack-a-PrefixListSync', file: 'later.json' });
      expect(next).toMatchObject({ ok: true });
      await expectFilled(ids, laterToken);
    }
    process.stderr.write(`two runs at once (A later file, B earlier file): ${outcomes.join('; ')}\n`);
  });
});
