/**
 * The CLI's one parser of the Amazon Connect Region set (issue 22): --connect-region, or the Global Resiliency pair
 * (which adds the partner) with --replica-alias, the same way in allow-list, router-config, status, doctor and sync.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { connectRegionsFromFlags } from '../../lib/cli/connect-region-flags';
import { main } from '../../lib/cli/index';
import { CliIo } from '../../lib/cli/io';
import { regionSummaryLine } from '../../lib/doctor/report';

const ID = '12345678-aaaa-bbbb-cccc-123456789012';
const NOW = new Date('2026-12-01T12:00:00Z');

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; }, now: () => NOW };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('connectRegionsFromFlags', () => {
  test('--connect-region, --region as a set of one, the pair adding its partner', () => {
    expect(connectRegionsFromFlags({ 'connect-region': 'us-east-1, us-west-2' })?.regions).toEqual(['us-east-1', 'us-west-2']);
    expect(connectRegionsFromFlags({}, { value: 'eu-west-2', flag: 'region' })?.regions).toEqual(['eu-west-2']);
    const pair = connectRegionsFromFlags({ 'global-resiliency-source': 'eu-central-1', 'global-resiliency-instance-id': ID, 'replica-alias': 'cc-uk' });
    expect([pair?.regions, pair?.replicaAlias, pair?.globalResiliency?.name]).toEqual([['eu-central-1', 'eu-west-2'], 'cc-uk', 'GLOBAL_RESILIENCY']);
    expect(connectRegionsFromFlags({})).toBeUndefined();
  });
  test.each([
    [{ 'connect-region': 'us-east-1,,us-west-2' }, /^--connect-region must be a comma-separated list of Regions without empty items/],
    [{ 'connect-region': 'us-east-1,us-east-1' }, /^--connect-region must list each Region once/],
    [{ 'connect-region': 'us-east-1,us-east-2' }, /^--connect-region must be a Region where Amazon Connect runs: .*got 'us-east-2'/],
    [{ 'connect-region': 'us-east-1,eu-west-2', 'global-resiliency-source': 'us-east-1', 'global-resiliency-instance-id': ID },
      /^--connect-region names 'eu-west-2', which is not in the Global Resiliency pair of source Region us-east-1: its documented replica Region is us-west-2, not eu-west-2; documented pairs: /],
    [{ 'global-resiliency-source': 'ca-central-1', 'global-resiliency-instance-id': ID }, /^--global-resiliency-source must be the source Region of a documented Global Resiliency pair/],
    [{ 'global-resiliency-source': 'us-east-1' }, /^--global-resiliency-source needs --global-resiliency-instance-id/],
    [{ 'connect-region': 'us-east-1', 'replica-alias': 'x' }, /^--replica-alias is used only with Global Resiliency/],
    [{ 'replica-alias': 'd-x', 'global-resiliency-source': 'us-east-1', 'global-resiliency-instance-id': ID }, /^--replica-alias: replicaAlias must be 1-45/],
  ])('refuses %j naming the flag', (strings, message) => {
    expect(() => connectRegionsFromFlags(strings as Record<string, string>)).toThrow(message);
  });
});

describe('the subcommands take the set the same way', () => {
  test('allow-list: both Regions, the replica\'s hosts, a note per Region', async () => {
    const r = await cli('allow-list', '--alias', 'cc', '--global-resiliency-source', 'us-east-1', '--global-resiliency-instance-id', ID,
      '--replica-alias', 'cc-west');
    expect(r.code).toBe(0);
    for (const host of ['.transport.connect.us-east-1.amazonaws.com', '.transport.connect.us-west-2.amazonaws.com', 'cc.my.connect.aws',
      'cc-west.my.connect.aws', `${ID}.us-east-1.sign-in.connect.aws`]) expect(r.out).toContain(`${host}\n`);
    expect(r.err).toMatch(/^allow-list: us-east-1: \d+ endpoints, \d+ domain targets$/m);
    expect(r.err).toMatch(/^allow-list: us-west-2: \d+ endpoints, \d+ domain targets$/m);
    const same = await cli('allow-list', '--alias', 'cc', '--connect-region', 'us-east-1,us-west-2');
    expect(same.out).toContain('.transport.connect.us-west-2.amazonaws.com\n');
    const both = await cli('allow-list', '--alias', 'cc', '--region', 'us-east-1', '--connect-region', 'us-east-1,us-west-2');
    expect([both.code, both.err]).toEqual([2, expect.stringMatching(/--region and --connect-region both name the Amazon Connect Regions/)]);
    const noAlias = await cli('allow-list', '--alias', 'cc', '--global-resiliency-source', 'us-east-1', '--global-resiliency-instance-id', ID);
    expect(noAlias.err).toMatch(/warning cdk-connect-dx:replicaAliasMissing: .*--replica-alias in the CLI/);
  });

  test('router-config: the pair from the location against both Regions, no NOTE', async () => {
    const base = ['router-config', '--vendor', 'frr', '--vlan', '101', '--asn', '65000', '--customer-address', '198.51.100.1/31',
      '--amazon-address', '198.51.100.0/31', '--prefixes', '203.0.113.0/24', '--location', 'EqDC2'];
    const viaPair = await cli(...base, '--global-resiliency-source', 'us-east-1', '--global-resiliency-instance-id', ID);
    const viaList = await cli(...base, '--connect-region', 'us-east-1,us-west-2');
    expect(viaPair.code).toBe(0);
    expect(viaPair.out).toBe(viaList.out);
    expect(viaPair.out).toContain('7224:9200');
    expect(viaPair.out).toMatch(/us-west-2/);
    expect(viaPair.out).not.toMatch(/could not be checked/);
  });

  test('handoff: the set reaches every file, and --pac-proxy writes allow-list.pac', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'gr-handoff-'));
    try {
      const r = await cli('handoff', '--out', out, '--location', 'EqDC2', '--global-resiliency-source', 'us-east-1',
        '--global-resiliency-instance-id', ID, '--replica-alias', 'cc-west', '--pac-proxy', 'proxy.example.com:3128');
      expect(r.code).toBe(0);
      expect(r.out).toContain('allow-list.pac');
      const pac = readFileSync(path.join(out, 'allow-list.pac'), 'utf8');
      expect(pac).toContain('return "PROXY proxy.example.com:3128";');
      expect(pac).toMatch(/host == "cc-west\.my\.connect\.aws" \/\* us-west-2 \*\//);
      expect(readFileSync(path.join(out, 'allow-list.domains'), 'utf8')).toContain('.transport.connect.us-west-2.amazonaws.com\n');
      expect(readFileSync(path.join(out, 'router-frr.conf'), 'utf8')).toContain('7224:9200');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('doctor: one summary line per Region', () => {
  test('counts each Region\'s DNS, TLS and TURN findings', () => {
    const findings = [
      { check: 'dns' as const, status: 'PASS' as const, target: 'a', seen: '', regions: ['us-east-1', 'us-west-2'] },
      { check: 'tls' as const, status: 'FAIL' as const, target: 'b:443', seen: '', regions: ['us-west-2'] },
      { check: 'turn' as const, status: 'PASS' as const, target: 'c', seen: '', regions: ['us-east-1'] },
    ];
    expect(regionSummaryLine('us-east-1', findings)).toBe('region us-east-1: dns 1 PASS, tls not run, turn 1 PASS');
    expect(regionSummaryLine('us-west-2', findings)).toBe('region us-west-2: dns 1 PASS, tls 1 FAIL, turn not run (FAIL: agents may not reach this Region)');
  });
});
