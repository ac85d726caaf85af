/**
 * Sync hardening (issue 11, repros 2-4): future syncTokens, the widening guard, the shrink guard per batch, the run
 * marker, the source rules of the CLI, and a metric for every skip reason.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../lib/cli/index';
import { syncCommand } from '../../lib/cli/commands/sync';
import { SHORTEST_PUBLISHED_PREFIX } from '../../lib/facts/shortest-prefixes';
import { parseIpRangesDocument } from '../../lib/ip-ranges/engine';
import {
  RUN_MARKER_TAG, SYNC_TOKEN_TAG, SyncError, parseNotification, runSync, validateConfig,
} from '../../lib/handlers/prefix-list-sync/sync';
import { awsError } from './fake-ec2';
import { URL_, docText, ec2Cidrs, fetchSeq, harness, md5 } from './fixtures';
import { IP_RANGES_FILE } from '../fixtures';

const PL = 'pl-0123456789abcdef0';
const NOW = 1787500000 * 1000; // a fixed clock, about a day after the fixture documents' syncToken 1787411825

function deps(h: ReturnType<typeof harness>, fetchImpl: jest.Mock) {
  return { ...h.deps(fetchImpl), now: () => NOW };
}

describe('repro 2: a future syncToken cannot freeze the lists', () => {
  test('a file whose syncToken is more than a day ahead is invalid: nothing applied, nothing stored', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ec2Cidrs(3) });
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), deps(h, fetchSeq(docText({ syncToken: '99999999999999999999' })))))
      .rejects.toThrow(/syncToken 99999999999999999999 is more than 24 hours in the future .*not applying and not storing its token/);
    expect(list.tags[SYNC_TOKEN_TAG]).toBeUndefined();
    expect(h.ec2.modifications).toEqual([]);
  });

  test('a notification with a future synctoken is refused', () => {
    expect(() => parseNotification(JSON.stringify({ synctoken: '99999999999999999999' }), NOW))
      .toThrow(/synctoken 99999999999999999999 is more than 24 hours in the future/);
  });

  test('a list whose stored token is in the future is repaired by the next valid file, with a log line and a metric', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ec2Cidrs(3), tags: { [SYNC_TOKEN_TAG]: '99999999999999999999' } });
    const text = docText({ ec2: ec2Cidrs(4) });
    // An ordinary notification for the real file is not "older than applied": a future token is no reference.
    const n = parseNotification(JSON.stringify({ synctoken: '1787411825', md5: md5(text) }), NOW);
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), deps(h, fetchSeq(text)), n);
    expect(r.lists[0].status).toBe('changed');
    expect(list.entries).toEqual(ec2Cidrs(4));
    expect(list.tags[SYNC_TOKEN_TAG]).toBe('1787411825');
    expect(h.logs.some((l) => l.level === 'warn' && /stored syncToken 99999999999999999999 .* is in the future/.test(l.msg))).toBe(true);
    expect(h.metrics).toContainEqual({ name: 'FutureSyncTokenRepaired', value: 1, dimensions: { Selector: 'EC2-ipv4' } });
    expect(h.metrics).toContainEqual({ name: 'FollowLagSeconds', value: 0, dimensions: { Selector: 'EC2-ipv4' } });
  });

  test('stale-file publishes StaleFile, and the list reports how long it has not followed the newest file', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ec2Cidrs(3), tags: { [SYNC_TOKEN_TAG]: '1787411900' } });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), deps(h, fetchSeq(docText())));
    expect(r.lists[0].status).toBe('stale-file');
    expect(h.metrics).toContainEqual({ name: 'StaleFile', value: 1, dimensions: { Selector: 'EC2-ipv4' } });
    expect(h.metrics).toContainEqual({ name: 'FollowLagSeconds', value: 0, dimensions: { Selector: 'EC2-ipv4' } });
  });

  test('a list that a guard keeps behind reports the age of the newer file as FollowLagSeconds', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ec2Cidrs(10), tags: { [SYNC_TOKEN_TAG]: '1787400000' } });
    await runSync(h.config({ 'EC2-ipv4': PL }), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(2) }))));
    expect(h.metrics).toContainEqual({ name: 'FollowLagSeconds', value: 1787500000 - 1787411825, dimensions: { Selector: 'EC2-ipv4' } });
  });
});

describe('repro 3: the widening guard', () => {
  const connect = (connectCidrs: string[]) => docText({ connect: connectCidrs });

  test('a file adding 128.0.0.0/1 and 64.0.0.0/2 as AMAZON_CONNECT is refused; the list is kept, WideningGuardTripped', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ['15.193.0.0/19'] });
    const r = await runSync(h.config({ 'AMAZON_CONNECT-ipv4': PL }, { wideningGuardPercent: 50 }),
      deps(h, fetchSeq(connect(['15.193.0.0/19', '128.0.0.0/1', '64.0.0.0/2']))));
    expect(r.lists[0]).toMatchObject({
      status: 'widening-guard-tripped',
      message: expect.stringMatching(/publishes 128.0.0.0\/1, 64.0.0.0\/2 for AMAZON_CONNECT, shorter than \/19, the shortest prefix AMAZON_CONNECT has published/),
    });
    expect(list.entries).toEqual(['15.193.0.0/19']);
    expect(h.metrics).toContainEqual({ name: 'WideningGuardTripped', value: 1, dimensions: { Selector: 'AMAZON_CONNECT-ipv4' } });
  });

  test('on an empty list 0.0.0.0/0 is refused (first fill)', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL });
    const r = await runSync(h.config({ 'AMAZON_CONNECT-ipv4': PL }, { wideningGuardPercent: 50 }), deps(h, fetchSeq(connect(['0.0.0.0/0']))));
    expect(r.lists[0].status).toBe('widening-guard-tripped');
    expect(list.entries).toEqual([]);
  });

  test('a first fill is measured against the synth-time snapshot: +50% of address space is the default limit', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    // us-east-1 snapshot: 15.193.0.0/19 + 52.55.191.224/27 (8,224 addresses). A second /19 nearly doubles it.
    const r = await runSync(h.config({ 'AMAZON_CONNECT-ipv4': PL }, { wideningGuardPercent: 50 }),
      deps(h, fetchSeq(connect(['15.193.0.0/19', '15.224.0.0/19']))));
    expect(r.lists[0]).toMatchObject({ status: 'widening-guard-tripped', message: expect.stringMatching(/above the widening guard of \+50%/) });
  });

  test('an update adding more than the set share of address space is refused; within it, applied', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ec2Cidrs(10) });
    const over = await runSync(h.config({ 'EC2-ipv4': PL }, { wideningGuardPercent: 50 }), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(16) }))));
    expect(over.lists[0]).toMatchObject({ status: 'widening-guard-tripped', message: expect.stringMatching(/by 60.00% \(2560 to 4096 addresses\)/) });
    expect(list.entries).toEqual(ec2Cidrs(10));
    const within = await runSync(h.config({ 'EC2-ipv4': PL }, { wideningGuardPercent: 50 }), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(15) }))));
    expect(within.lists[0].status).toBe('changed');
  });

  test('the table holds the shortest prefix of each service in the committed ip-ranges.json', () => {
    const doc = parseIpRangesDocument(fs.readFileSync(IP_RANGES_FILE, 'utf8'));
    for (const [service, row] of Object.entries(SHORTEST_PUBLISHED_PREFIX)) {
      expect(Math.min(...doc.ipv4.filter((e) => e.service === service).map((e) => e.net.length))).toBe(row.ipv4);
      expect(Math.min(...doc.ipv6.filter((e) => e.service === service).map((e) => e.net.length))).toBe(row.ipv6);
    }
  });

  test('ip-ranges over http is refused unless loopback', () => {
    const base = { connectRegions: ['us-east-1'], prefixLists: { 'EC2-ipv4': PL }, shrinkGuardPercent: 20 };
    expect(() => validateConfig({ ...base, ipRangesUrl: 'http://ip-ranges.amazonaws.com/ip-ranges.json' }))
      .toThrow(/ipRangesUrl must be an https:\/\/ URL \(http:\/\/ only for a loopback address\)/);
    for (const ok of [URL_, 'http://127.0.0.1:8080/x.json', 'http://[::1]/x', 'http://localhost/x']) {
      expect(() => validateConfig({ ...base, ipRangesUrl: ok })).not.toThrow();
    }
    expect(() => validateConfig({ ...base, ipRangesUrl: URL_, wideningGuardPercent: -1 })).toThrow(/wideningGuardPercent must be a number of 0 or more/);
  });
});

describe('repro 4: concurrent runs', () => {
  test('the shrink guard is checked again before each removal batch: a list another run grew is not cut', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 400, entries: ec2Cidrs(10) });
    // WHEN another run adds 249 entries between this run's plan and its first batch
    h.ec2.inject('ModifyManagedPrefixList', () => {
      list.entries.push(...ec2Cidrs(249, 100));
      list.version++;
      return awsError('PrefixListVersionMismatch');
    });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(12) }))));
    // THEN this run adds its entries but stops before removing 249 of 261 (95%)
    expect(r.lists[0]).toMatchObject({ status: 'shrink-guard-tripped', message: expect.stringMatching(/would remove 249 \(95.4%\), above the shrink guard of 20%/) });
    expect(list.entries).toHaveLength(261);
    expect(h.ec2.modifications.every((m) => m.remove.length === 0)).toBe(true);
    expect(h.metrics).toContainEqual({ name: 'ShrinkGuardTripped', value: 1, dimensions: { Selector: 'EC2-ipv4' } });
  });

  const marker = (runId: string, expires: number) => `${runId} ${expires}`;
  const withMarker = (force = false) => ({ runMarker: { runId: 'cli-me', seconds: 900, force } });

  test('another run\'s unexpired marker: the list is left alone (locked, RunMarkerPresent); --force writes it', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ec2Cidrs(3), tags: { [RUN_MARKER_TAG]: marker('lambda-other', NOW / 1000 + 60) } });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }, withMarker()), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(4) }))));
    expect(r.lists[0]).toMatchObject({ status: 'locked', message: expect.stringMatching(/is being written by run lambda-other/) });
    expect(list.entries).toEqual(ec2Cidrs(3));
    expect(h.metrics).toContainEqual({ name: 'RunMarkerPresent', value: 1, dimensions: { Selector: 'EC2-ipv4' } });
    const forced = await runSync(h.config({ 'EC2-ipv4': PL }, withMarker(true)), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(4) }))));
    expect(forced.lists[0].status).toBe('changed');
    expect(list.tags[RUN_MARKER_TAG]).toBe(marker('cli-me', 0));
  });

  test('an expired marker does not lock; the run marks the list while writing and releases it', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ec2Cidrs(3), tags: { [RUN_MARKER_TAG]: marker('lambda-old', NOW / 1000 - 1) } });
    const seen: string[] = [];
    h.ec2.inject('ModifyManagedPrefixList', () => { seen.push(list.tags[RUN_MARKER_TAG]); });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }, withMarker()), deps(h, fetchSeq(docText({ ec2: ec2Cidrs(4) }))));
    expect(r.lists[0].status).toBe('changed');
    expect(seen).toEqual([marker('cli-me', NOW / 1000 + 900)]);
    expect(list.tags[RUN_MARKER_TAG]).toBe(marker('cli-me', 0));
  });
});

describe('a stopped run (issue 23: nothing changes after the first fill answered FAILED)', () => {
  test('once the signal fires, no EC2 call goes out but the release of its own marker; nothing is rolled back', async () => {
    // GIVEN two lists, and the run stopped (as at the handler's deadline) while the first list's first batch is sent
    const h = harness();
    const PL2 = 'pl-0123456789abcdef1';
    const first = h.ec2.add({ id: PL, maxEntries: 400 });
    const second = h.ec2.add({ id: PL2, family: 'IPv6', maxEntries: 400 });
    const controller = new AbortController();
    h.ec2.inject('ModifyManagedPrefixList', () => { controller.abort(new Error('first fill did not finish within 3 s')); });
    const marker = { runMarker: { runId: 'lambda:f:me', seconds: 300, force: false, takeOver: 'lambda:f:' } };
    const calls = () => ({ ...h.ec2.calls });
    // WHEN it runs
    const err = await runSync(h.config({ 'EC2-ipv4': PL, 'AMAZON_CONNECT-ipv6': PL2 }, { shrinkGuardPercent: 100, ...marker }),
      { ...h.deps(fetchSeq(docText({ ec2: ec2Cidrs(150) }))), signal: controller.signal }).catch((e) => e);
    // THEN both lists failed naming the stop; the batch in flight is the only change, nothing after it
    expect(err.result.lists.map((l: { status: string }) => l.status)).toEqual(['failed', 'failed']);
    expect(err.result.lists[0].message).toMatch(/not completed: the run was stopped \(first fill did not finish within 3 s\); rollback: not attempted/);
    expect(h.ec2.modifications).toHaveLength(1);
    expect(first.entries).toHaveLength(100);
    expect(second.entries).toEqual([]);
    // AND the first list's marker was released; the second list was never read or marked
    expect(first.tags[RUN_MARKER_TAG]).toBe('lambda:f:me 0');
    expect(second.tags[RUN_MARKER_TAG]).toBeUndefined();
    expect(calls().ModifyManagedPrefixList).toBe(1);
  });
});

describe('the CLI: sources and markers', () => {
  async function cli(...argv: string[]) {
    let out = '';
    let err = '';
    const code = await main(['sync', '--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, ...argv], { out: (t) => { out += t; }, err: (t) => { err += t; } });
    return { code, out, err };
  }

  test.each([
    [['--ip-ranges-url', 'http://ip-ranges.amazonaws.com/ip-ranges.json'], /--ip-ranges-url must be an https:\/\/ URL \(http:\/\/ only for a loopback address\)/],
    [['--ip-ranges', '/nonexistent/ip-ranges.json'], /--ip-ranges cannot read '\/nonexistent\/ip-ranges.json': ENOENT/],
    [['--ip-ranges', IP_RANGES_FILE, '--ip-ranges-url', URL_], /--ip-ranges-url and --ip-ranges FILE exclude each other/],
    [['--widening-guard-percent', 'lots'], /--widening-guard-percent must be a number of 0 or more, got 'lots'/],
  ])('%j is bad usage', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.out).toBe('');
  });

  test('--ip-ranges FILE works offline, checked the same way; the first line names the file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-hard-'));
    try {
      const good = path.join(dir, 'ip-ranges.json');
      fs.writeFileSync(good, docText({ ec2: ec2Cidrs(4) }));
      const h = harness();
      h.ec2.add({ id: PL, entries: ec2Cidrs(3) });
      const r = await syncWith(h, ['--ip-ranges', good, '--dry-run']);
      expect(JSON.parse(r.out)).toMatchObject({ source: `file ${good}` });
      expect(JSON.parse(r.out).lists[0]).toMatchObject({ status: 'planned', add: [ec2Cidrs(4)[3]] });
      const future = path.join(dir, 'future.json');
      fs.writeFileSync(future, docText({ syncToken: '99999999999999999999' }));
      const bad = await syncWith(harness(), ['--ip-ranges', future]);
      expect(bad.code).toBe(1);
      expect(bad.err).toMatch(/syncToken 99999999999999999999 is more than 24 hours in the future/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('another run\'s marker: the CLI leaves the list, says so on stderr and exits 3 (behind the file); --force writes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-hard-'));
    try {
      const file = path.join(dir, 'ip-ranges.json');
      fs.writeFileSync(file, docText({ ec2: ec2Cidrs(4) }));
      const h = harness();
      const list = h.ec2.add({ id: PL, entries: ec2Cidrs(3), tags: { [RUN_MARKER_TAG]: `lambda-x ${Math.floor(Date.now() / 1000) + 600}` } });
      const r = await syncWith(h, ['--ip-ranges', file]);
      expect(r.code).toBe(3);
      expect(r.err).toMatch(/another run is writing pl-0123456789abcdef0; left as is/);
      expect(list.entries).toEqual(ec2Cidrs(3));
      const forced = await syncWith(h, ['--ip-ranges', file, '--force']);
      expect(forced.code).toBe(0);
      expect(list.entries).toEqual(ec2Cidrs(4));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  async function syncWith(h: ReturnType<typeof harness>, argv: string[]) {
    let out = '';
    let err = '';
    const code = await syncCommand(['--region', 'us-east-1', '--prefix-list', `EC2-ipv4=${PL}`, ...argv],
      { out: (t) => { out += t; }, err: (t) => { err += t; } }, { ec2: async () => h.ec2.client }).catch((e) => {
      err += `${(e as Error).message}\n`;
      return e instanceof SyncError ? 1 : 2;
    });
    return { code, out, err };
  }
});
