/**
 * The sync core against a stateful EC2 fake (aws-sdk-client-mock): every fault of the issue, each with what the
 * list looks like afterwards. The list must never be emptied or left half-changed.
 */
import { parseIpRangesDocument, selectPrefixes } from '../../lib/ip-ranges/engine';
import {
  BATCH_SIZE,
  SYNC_TOKEN_TAG,
  SyncError,
  SyncFailedError,
  canonicalCidr,
  chunks,
  grownMaxEntries,
  parseNotification,
  parseSelector,
  runSync,
  validateConfig,
} from '../../lib/handlers/prefix-list-sync/sync';
import { awsError } from './fake-ec2';
import { docText, ec2Cidrs, fetchSeq, harness, md5 } from './fixtures';

const PL = 'pl-0123456789abcdef0';
const PL6 = 'pl-0123456789abcdef1';

function target(text: string, service = 'EC2', family: 4 | 6 = 4): string[] {
  return selectPrefixes(parseIpRangesDocument(text), service, 'us-east-1', family);
}

/** Every intermediate state keeps what the old and the new list have in common, and removals come last. */
function expectNoLiveRangeMissing(h: ReturnType<typeof harness>, id: string, before: string[], after: string[]): void {
  const common = before.filter((c) => after.includes(c));
  for (const s of h.ec2.snapshots.filter((x) => x.id === id)) expect(s.entries).toEqual(expect.arrayContaining(common));
  const mods = h.ec2.modifications.filter((m) => m.id === id);
  const firstRemove = mods.findIndex((m) => m.remove.length > 0);
  const lastAdd = mods.map((m) => m.add.length > 0).lastIndexOf(true);
  if (firstRemove >= 0) expect(lastAdd).toBeLessThan(firstRemove);
}

describe('happy path', () => {
  test('fills an empty list with exactly the engine target, in batches of at most 100, adds before removes', async () => {
    // GIVEN an empty list sized too small and a file with 250 EC2 ranges
    const h = harness();
    h.ec2.add({ id: PL, maxEntries: 10 });
    const text = docText({ ec2: ec2Cidrs(250) });
    // WHEN
    const result = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)));
    // THEN the list holds exactly the target and carries the syncToken
    const list = h.ec2.lists.get(PL)!;
    expect([...list.entries].sort()).toEqual([...target(text)].sort());
    expect(list.tags[SYNC_TOKEN_TAG]).toBe('1787411825');
    expect(result.lists[0]).toMatchObject({ status: 'changed', entriesAfter: 250, targetEntries: 250 });
    // batches of at most 100, each passing the CurrentVersion
    expect(h.ec2.modifications.map((m) => m.add.length)).toEqual([100, 100, 50]);
    expect(h.ec2.modifications.every((m) => m.currentVersion !== undefined)).toBe(true);
    // MaxEntries grown in its own call, before any entry was added
    expect(h.ec2.resizes).toEqual([{ id: PL, maxEntries: grownMaxEntries(250) }]);
  });

  test('replaces entries: additions first, removals after, never missing a range both sets share', async () => {
    const h = harness();
    const before = ec2Cidrs(150);
    h.ec2.add({ id: PL, maxEntries: 400, entries: [...before], tags: { [SYNC_TOKEN_TAG]: '1787400000' } });
    const text = docText({ ec2: ec2Cidrs(150, 20) }); // 20 removed (13%), 20 added
    await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)));
    const after = h.ec2.lists.get(PL)!.entries;
    expect([...after].sort()).toEqual([...target(text)].sort());
    expectNoLiveRangeMissing(h, PL, before, after);
    // the structured log says what changed
    const updated = h.logs.find((l) => l.msg === 'prefix list updated')!;
    expect(updated).toMatchObject({ selector: 'EC2-ipv4', prefixListId: PL, added: ec2Cidrs(20, 150), removed: ec2Cidrs(20).sort(), entriesBefore: 150, entriesAfter: 150 });
    expect(h.logs.find((l) => l.msg === 'sync finished')).toMatchObject({ syncToken: '1787411825', lists: [expect.objectContaining({ status: 'changed', added: 20, removed: 20 })] });
  });

  test('is idempotent: a second sync and a repeated notification change nothing', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    const text = docText();
    await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)));
    const version = h.ec2.lists.get(PL)!.version;
    const n = { syncToken: '1787411825', md5: md5(text) };
    const again = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)), n);
    const third = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)), n);
    expect(h.ec2.lists.get(PL)!.version).toBe(version);
    expect(again.lists[0].status).toBe('unchanged');
    expect(third.lists[0].status).toBe('unchanged');
  });

  test('dry run reports the plan per list and changes nothing', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    h.ec2.add({ id: PL6, family: 'IPv6' });
    const text = docText({ ec2: ec2Cidrs(2) });
    const r = await runSync(h.config({ 'EC2-ipv4': PL, 'AMAZON_CONNECT-ipv6': PL6 }, { dryRun: true, shrinkGuardPercent: 100 }), h.deps(fetchSeq(text)));
    expect(r.lists).toEqual([
      expect.objectContaining({ selector: 'EC2-ipv4', status: 'planned', add: ec2Cidrs(2), remove: ['198.51.100.0/24'] }),
      expect.objectContaining({ selector: 'AMAZON_CONNECT-ipv6', status: 'planned', add: ['2600:f0f2:7100::/40'], remove: [] }),
    ]);
    expect(h.ec2.modifications).toHaveLength(0);
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
    expect(h.ec2.lists.get(PL)!.tags).toEqual({});
  });
});

describe('download faults', () => {
  test('download timeout: retried, then refused; the list is unchanged', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    const f = fetchSeq('hang');
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(f))).rejects.toThrow(/download of .* failed: timed out after 50 ms/);
    expect(f).toHaveBeenCalledTimes(4);
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('HTTP 5xx: retried with backoff and succeeds when the server recovers', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    const f = fetchSeq(503, 500, docText());
    await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(f));
    expect(f).toHaveBeenCalledTimes(3);
    expect(h.ec2.lists.get(PL)!.entries).toHaveLength(3);
  });

  test('HTTP 5xx on every attempt: refused; the list is unchanged', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(502)))).rejects.toThrow(/HTTP 502/);
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
  });

  test('HTTP 404 is not retried', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    const f = fetchSeq(404);
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(f))).rejects.toThrow(/HTTP 404/);
    expect(f).toHaveBeenCalledTimes(1);
  });

  test('truncated JSON: refused; the list is unchanged', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    const text = docText();
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text.slice(0, text.length / 2))))).rejects.toThrow(
      /ip-ranges.json is not valid: .*not valid JSON/,
    );
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('invalid entry: refused naming the entry; the list is unchanged', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    const bad = docText().replace('15.193.0.0/19', '15.193.0.300/19');
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(bad)))).rejects.toThrow(/prefixes\[0\]/);
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
  });

  test('md5 mismatch: refused; the list is unchanged', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    const n = { syncToken: '1787411825', md5: '0'.repeat(32) };
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(docText())), n)).rejects.toThrow(
      /MD5 mismatch \(expected 0{32}, got [0-9a-f]{32}\); not applying/,
    );
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
  });

  test('md5 mismatch because the file was published again after the notification: nothing applied, no failure', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(docText())), { syncToken: '1787000000', md5: '0'.repeat(32) });
    expect(r.lists[0]).toMatchObject({ status: 'superseded', message: expect.stringMatching(/1787000000 is superseded by the published file 1787411825/) });
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('a matching md5 is accepted', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    const text = docText();
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)), { syncToken: '1787411825', md5: md5(text).toUpperCase() });
    expect(r.lists[0].status).toBe('changed');
  });
});

describe('stale files and out-of-order notifications', () => {
  test('a notification older than every applied syncToken is ignored without downloading', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'], tags: { [SYNC_TOKEN_TAG]: '1787411825' } });
    const f = fetchSeq(docText());
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(f), { syncToken: '1787400000' });
    expect(f).not.toHaveBeenCalled();
    expect(r.lists[0].status).toBe('stale-file');
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
  });

  test('a downloaded file older than the applied one is refused; the list and its tag are unchanged', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'], tags: { [SYNC_TOKEN_TAG]: '1787411825' } });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(docText({ syncToken: '1787000000' }))));
    expect(r.lists[0]).toMatchObject({ status: 'stale-file', message: expect.stringMatching(/1787000000 is older than 1787411825/) });
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
    expect(h.ec2.lists.get(PL)!.tags[SYNC_TOKEN_TAG]).toBe('1787411825');
  });
});

describe('EC2 faults', () => {
  test('throttling on reads and on a modify is retried; the list reaches the target', async () => {
    const h = harness();
    h.ec2.add({ id: PL });
    h.ec2.inject('DescribeManagedPrefixLists', () => awsError('RequestLimitExceeded'), () => awsError('RequestLimitExceeded'));
    h.ec2.inject('ModifyManagedPrefixList', () => awsError('RequestLimitExceeded'));
    const text = docText();
    await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)));
    expect([...h.ec2.lists.get(PL)!.entries].sort()).toEqual([...target(text)].sort());
  });

  test('throttling that never ends fails the sync and leaves the list as it was', async () => {
    const h = harness();
    h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    h.ec2.inject('GetManagedPrefixListEntries', ...Array(20).fill(() => awsError('RequestLimitExceeded')));
    await expect(runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(docText())))).rejects.toThrow(SyncFailedError);
    expect(h.ec2.lists.get(PL)!.entries).toEqual(['198.51.100.0/24']);
  });

  test('version conflict: a concurrent change is re-read and the sync converges on the exact target', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 100 });
    // Someone else adds an entry just before our first modify lands.
    h.ec2.inject('ModifyManagedPrefixList', () => {
      list.entries.push('192.0.2.0/24');
      list.version++;
    });
    const text = docText();
    await runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(text)));
    expect([...list.entries].sort()).toEqual([...target(text)].sort());
    expect(h.logs.some((l) => l.error === 'PrefixListVersionMismatch')).toBe(true);
  });

  test('a list that keeps losing what was applied stops after a bounded number of rounds instead of looping', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 400 });
    // Something else empties the list before each of our modifies lands: the sync never converges.
    h.ec2.inject('ModifyManagedPrefixList', ...Array(200).fill(() => { list.entries = []; }));
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(250) }))))).rejects.toThrow(
      /did not reach its target after 60 rounds/,
    );
    expect(list.entries).toEqual([]);
  });

  test('version conflict on every attempt: fails naming the list; nothing was changed', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ['198.51.100.0/24'] });
    h.ec2.inject('ModifyManagedPrefixList', ...Array(6).fill(() => awsError('PrefixListVersionMismatch', 'The prefix list has the incorrect version number.')));
    await expect(runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(docText())))).rejects.toThrow(
      /pl-0123456789abcdef0 changed concurrently/,
    );
    expect(list.entries).toEqual(['198.51.100.0/24']);
  });

  test('MaxEntries exceeded on a modify: the list is grown in a separate call and the batch retried', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 10 });
    // The list looks big enough to the sync, but the modify is refused (someone shrank it in between).
    h.ec2.inject('ModifyManagedPrefixList', () => { list.maxEntries = 2; });
    const text = docText({ ec2: ec2Cidrs(5) });
    await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(text)));
    expect([...list.entries].sort()).toEqual([...target(text)].sort());
    expect(h.logs.some((l) => l.error === 'PrefixListMaxEntriesExceeded')).toBe(true);
    expect(h.ec2.resizes).toEqual([{ id: PL, maxEntries: grownMaxEntries(5) }]);
  });

  test('MaxEntries growth blocked by a referencing resource: clear error, list unchanged', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 2, entries: ['198.51.100.0/24'], growthBlockedBy: 'sg-0123456789abcdef0' });
    await expect(runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(5) }))))).rejects.toThrow(
      /cannot grow MaxEntries of pl-0123456789abcdef0 \(EC2-ipv4\) from 2 to \d+: .*sg-0123456789abcdef0.*references the list/,
    );
    expect(list.entries).toEqual(['198.51.100.0/24']);
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('more than 1000 entries while changing: refused before any change', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 1000, entries: ec2Cidrs(900, 2000) });
    await expect(
      runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(200) })))),
    ).rejects.toThrow(/would need 1100 entries .*above the EC2 limit of 1000/);
    expect(list.entries).toHaveLength(900);
    expect(h.ec2.modifications).toHaveLength(0);
  });

  test('a failure between batches rolls the list back to its entries before the sync', async () => {
    const h = harness();
    const before = ['198.51.100.0/24'];
    const list = h.ec2.add({ id: PL, maxEntries: 400, entries: [...before] });
    // Batch 1 lands, batch 2 is refused with an error that is not retried.
    h.ec2.inject('ModifyManagedPrefixList', undefined, () => awsError('UnauthorizedOperation', 'not authorized'));
    const err = await runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(250) })))).catch((e) => e);
    expect(err).toBeInstanceOf(SyncFailedError);
    expect((err as Error).message).toMatch(/not authorized; rollback: list restored to its entries before the sync/);
    expect(list.entries).toEqual(before);
    expect(list.tags[SYNC_TOKEN_TAG]).toBeUndefined();
    // the old entry was never removed while the batches ran
    for (const s of h.ec2.snapshots) expect(s.entries).toContain('198.51.100.0/24');
  });

  test('a failure after the list reached its target (the syncToken tag) keeps the new entries: no rollback of a correct list', async () => {
    // GIVEN a list that needs new entries, and CreateTags refused (not retried) after the entries are applied
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 400, entries: ['198.51.100.0/24'] });
    h.ec2.inject('CreateTags', () => awsError('UnauthorizedOperation', 'tagging not authorized'));
    const text = docText({ ec2: ec2Cidrs(150) });
    // WHEN it syncs
    const err = await runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(text))).catch((e) => e);
    // THEN the sync reports the failure (so Lambda retries and the alarm fires) ...
    expect(err).toBeInstanceOf(SyncFailedError);
    expect((err as Error).message).toMatch(/tagging not authorized; rollback: not needed \(the list reached its target/);
    // ... AND the list keeps the exact target instead of being rolled back to its old entries; only the tag is missing
    expect([...list.entries].sort()).toEqual([...target(text)].sort());
    expect(list.tags[SYNC_TOKEN_TAG]).toBeUndefined();
    expect(h.ec2.modifications.every((m) => m.remove.every((c) => c === '198.51.100.0/24'))).toBe(true);
  });

  test('when the rollback fails too, the list is a superset: nothing of the old set is missing', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, maxEntries: 400, entries: ['198.51.100.0/24'] });
    h.ec2.inject('ModifyManagedPrefixList', undefined, ...Array(10).fill(() => awsError('UnauthorizedOperation', 'not authorized')));
    await expect(runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 100 }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(250) }))))).rejects.toThrow(
      /rollback: failed/,
    );
    expect(list.entries).toContain('198.51.100.0/24');
    expect(list.entries).toHaveLength(101);
  });

  test('one failing list does not stop the others; the sync still reports the failure', async () => {
    const h = harness();
    h.ec2.add({ id: PL6, family: 'IPv6' });
    const err = await runSync(h.config({ 'EC2-ipv4': PL, 'AMAZON_CONNECT-ipv6': PL6 }), h.deps(fetchSeq(docText()))).catch((e) => e);
    expect(err).toBeInstanceOf(SyncFailedError);
    expect((err as SyncFailedError).result.lists.map((l) => l.status)).toEqual(['failed', 'changed']);
    expect(h.ec2.lists.get(PL6)!.entries).toEqual(['2600:f0f2:7100::/40']);
  });

  test('a list of the wrong address family is refused', async () => {
    const h = harness();
    h.ec2.add({ id: PL, family: 'IPv6' });
    await expect(runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(docText())))).rejects.toThrow(/holds IPv6 entries but is configured as EC2-ipv4/);
  });
});

describe('shrink guard', () => {
  test('a removal above the guard keeps the list as it is and publishes ShrinkGuardTripped', async () => {
    const h = harness();
    const before = ec2Cidrs(10);
    const list = h.ec2.add({ id: PL, entries: [...before], tags: { [SYNC_TOKEN_TAG]: '1787400000' } });
    const r = await runSync(h.config({ 'EC2-ipv4': PL }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(7) }))));
    expect(r.lists[0]).toMatchObject({ status: 'shrink-guard-tripped', message: expect.stringMatching(/remove 3 of 10 entries \(30.0%\).*shrink guard of 20%/) });
    expect(list.entries).toEqual(before);
    expect(list.tags[SYNC_TOKEN_TAG]).toBe('1787400000');
    expect(h.metrics.filter((m) => m.name !== 'FollowLagSeconds')).toEqual([
      { name: 'ShrinkGuardTripped', value: 1, dimensions: { Selector: 'EC2-ipv4' } },
      { name: 'SyncProblems', value: 1, dimensions: undefined },
    ]);
  });

  test('a removal at or under the configured guard is applied', async () => {
    const h = harness();
    const list = h.ec2.add({ id: PL, entries: ec2Cidrs(10) });
    await runSync(h.config({ 'EC2-ipv4': PL }, { shrinkGuardPercent: 30 }), h.deps(fetchSeq(docText({ ec2: ec2Cidrs(7) }))));
    expect(list.entries).toEqual(ec2Cidrs(7));
    expect(h.metrics.find((m) => m.name === 'ShrinkGuardTripped')).toBeUndefined();
  });
});

describe('configuration and helpers', () => {
  test.each([
    [{ 'EC2-ipv5': PL }, /unknown prefix list selector 'EC2-ipv5'; allowed: AMAZON_CONNECT-ipv4, .*CLOUDFRONT-ipv6/],
    [{ 'EC2-ipv4': 'pl-XYZ' }, /prefix list id for EC2-ipv4 must match/],
    [{}, /at least one list/],
  ])('refuses bad list config %j', (lists, re) => {
    expect(() => validateConfig({ connectRegions: ['us-east-1'], prefixLists: lists, shrinkGuardPercent: 20, ipRangesUrl: 'x' })).toThrow(re);
  });

  test('refuses a bad Region and a bad shrink guard', () => {
    expect(() => validateConfig({ connectRegions: ['mars-1'], prefixLists: { 'EC2-ipv4': PL }, shrinkGuardPercent: 20, ipRangesUrl: 'x' })).toThrow(SyncError);
    expect(() => validateConfig({ connectRegions: ['us-east-1'], prefixLists: { 'EC2-ipv4': PL }, shrinkGuardPercent: 101, ipRangesUrl: 'x' })).toThrow(/shrinkGuardPercent/);
  });

  test('parses selectors, notifications, CIDRs and chunks', () => {
    expect(parseSelector('AMAZON_CONNECT-ipv6')).toEqual({ selector: 'AMAZON_CONNECT-ipv6', service: 'AMAZON_CONNECT', family: 6 });
    expect(parseSelector('S3-ipv4')).toBeUndefined();
    expect(parseNotification('{"create-time":"2017-11-30-18-42-12","synctoken":"1512067332","md5":"6d1f4fe6a2b4c2a2b1a8b0f4b5c3c1d2","url":"https://ip-ranges.amazonaws.com/ip-ranges.json"}')).toEqual({
      createTime: '2017-11-30-18-42-12', syncToken: '1512067332', md5: '6d1f4fe6a2b4c2a2b1a8b0f4b5c3c1d2', url: 'https://ip-ranges.amazonaws.com/ip-ranges.json',
    });
    expect(() => parseNotification('{"md5":"xyz"}')).toThrow(/md5 must be 32 hex digits/);
    expect(() => parseNotification('not json')).toThrow(/not JSON/);
    expect(canonicalCidr('2600:F0F2:7100:0::/40')).toBe('2600:f0f2:7100::/40');
    expect(chunks([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(BATCH_SIZE).toBe(100);
    expect(grownMaxEntries(995)).toBe(1000);
  });
});
