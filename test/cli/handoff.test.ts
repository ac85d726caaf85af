/**
 * `cdk-connect-dx handoff --out DIR`: the router configurations and allow lists for the network team, written by
 * the same renderers as `router-config` and `allow-list` (it replaced scripts/network-handoff.sh).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULTS } from '../../lib/example-app/defaults';
import { ALLOW_LIST_FLAGS } from '../../lib/cli/commands/allow-list';
import { HANDOFF_FLAGS } from '../../lib/cli/commands/handoff';
import { main } from '../../lib/cli/index';
import { ROUTER_CONFIG_FLAGS } from '../../lib/cli/commands/router-config';
import { RouterConfiguration, RouterVendor } from '../../lib/router-config/router-configuration';
import { IP_RANGES_FILE } from '../fixtures';
import { RecordingIo } from '../helpers/cli-io';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'assets', 'cli', 'index.js');
const ALL_FILES = [
  'allow-list.csv', 'allow-list.domains', 'allow-list.json', 'allow-list.suricata.rules',
  'router-cisco-ios-xe.conf', 'router-frr.conf', 'router-junos.conf',
];

/** Runs another subcommand in-process and returns what it prints. */
async function stdoutOf(argv: string[]): Promise<string> {
  const io = new RecordingIo();
  expect(await main(argv, io)).toBe(0);
  return io.stdout;
}

describe('cdk-connect-dx handoff', () => {
  let tmp: string;
  beforeAll(() => { tmp = mkdtempSync(path.join(tmpdir(), 'cli-handoff-')); });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  test('the bundled CLI writes the three router configurations and four allow lists of the example app', () => {
    // GIVEN the bundled CLI (npm test bundles it first) and a folder that does not exist yet
    expect(existsSync(CLI)).toBe(true);
    const out = path.join(tmp, 'default', 'nested');
    // WHEN it runs as a user runs it, with only --out
    const r = spawnSync(process.execPath, [CLI, 'handoff', '--out', out], { encoding: 'utf8', timeout: 60_000 });
    // THEN exit 0, the files, and the list of them on stdout
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(ALL_FILES);
    expect(r.stdout).toBe(`wrote 7 files to ${out}:\n${['router-frr.conf', 'router-cisco-ios-xe.conf', 'router-junos.conf',
      'allow-list.domains', 'allow-list.csv', 'allow-list.json', 'allow-list.suricata.rules'].map((f) => `  ${f}`).join('\n')}\n`);
    // AND the routers match what the example app deploys (lib/example-app/defaults.ts)
    for (const vendor of RouterVendor.all()) {
      expect(readFileSync(path.join(out, `router-${vendor.name}.conf`), 'utf8')).toBe(RouterConfiguration.render(vendor, {
        vlan: Number(DEFAULTS.vlan.value), asn: Number(DEFAULTS.asn.value),
        customerAddress: DEFAULTS.customerAddress.value!, amazonAddress: DEFAULTS.amazonAddress.value!,
        routeFilterPrefixes: DEFAULTS.routeFilterPrefixes.value!.split(','),
        // no communityScope default: the example app derives it from the location's Region and the instance Region
        location: DEFAULTS.location.value!, connectRegions: [DEFAULTS.region.value!],
      }));
    }
    expect(readFileSync(path.join(out, 'allow-list.domains'), 'utf8')).toContain(`${DEFAULTS.instanceAlias.value}.my.connect.aws`);
    expect(readFileSync(path.join(out, 'allow-list.suricata.rules'), 'utf8')).toContain(DEFAULTS.agentCidrs.value!);
    // AND stderr says that placeholders are in use, naming the flags
    expect(r.stderr).toMatch(/^handoff: placeholder values of the example app in use \(--alias example-contact-centre, .*--home-net 10\.0\.0\.0\/16\); pass your own/m);
  });

  test('every file equals what router-config / allow-list print for the same flags (one set of renderers)', async () => {
    // GIVEN a real configuration with inbound narrowing, BFD, IPv6 and a secret name
    const out = path.join(tmp, 'full');
    const common = ['--vlan', '230', '--asn', '64600', '--customer-address', '192.0.2.1/31', '--amazon-address', '192.0.2.0/31',
      '--prefixes', '192.0.2.0/24,2001:db8:100::/48', '--scope', 'CONTINENT', '--bfd', '--ipv6', '--secret-name', 'dx/key'];
    const list = ['--region', 'eu-west-2', '--alias', 'acme-cc'];
    // WHEN
    const io = new RecordingIo();
    const code = await main(['handoff', '--out', out, ...common, ...list, '--ip-ranges', IP_RANGES_FILE, '--home-net', '10.20.0.0/16'], io);
    // THEN
    expect(code).toBe(0);
    expect(io.stderr).not.toContain('placeholder');
    for (const vendor of ['frr', 'cisco-ios-xe', 'junos']) {
      expect(readFileSync(path.join(out, `router-${vendor}.conf`), 'utf8')).toBe(await stdoutOf(['router-config', '--vendor', vendor,
        ...common, '--only-connect-prefixes', '--region', 'eu-west-2', '--ip-ranges', IP_RANGES_FILE]));
    }
    expect(readFileSync(path.join(out, 'allow-list.domains'), 'utf8')).toBe(await stdoutOf(['allow-list', ...list]));
    for (const format of ['csv', 'json']) {
      expect(readFileSync(path.join(out, `allow-list.${format}`), 'utf8'))
        .toBe(await stdoutOf(['allow-list', ...list, '--ip-ranges', IP_RANGES_FILE, '--format', format]));
    }
    expect(readFileSync(path.join(out, 'allow-list.suricata.rules'), 'utf8')).toBe(await stdoutOf(
      ['allow-list', ...list, '--ip-ranges', IP_RANGES_FILE, '--format', 'suricata', '--home-net', '10.20.0.0/16']));
  });

  test('IP_RANGES mode writes no domain list (and removes one left from an earlier run), and says why', async () => {
    // GIVEN a folder with a domain list from an earlier run
    const out = path.join(tmp, 'ipranges');
    expect(await main(['handoff', '--out', out], new RecordingIo())).toBe(0);
    // WHEN
    const io = new RecordingIo();
    const code = await main(['handoff', '--out', out, '--mode', 'IP_RANGES', '--ip-ranges', IP_RANGES_FILE], io);
    // THEN
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(ALL_FILES.filter((f) => f !== 'allow-list.domains'));
    expect(io.stderr).toContain('handoff: no allow-list.domains: --mode IP_RANGES allows by address, not by name');
  });

  test.each([
    [['--vlan', '5000'], "cdk-connect-dx handoff: --vlan must be an integer from 1 to 4094, got '5000'\n"],
    [['--alias', 'bad alias'], /^cdk-connect-dx handoff: --alias: /],
    [['--colour', 'red'], /^cdk-connect-dx handoff: unknown flag --colour; allowed: --out, --vlan, /],
    [['--vendor', 'frr'], /^cdk-connect-dx handoff: unknown flag --vendor/],
  ])('bad flags %j: one line naming the flag, exit 2, nothing written', async (args, message) => {
    // GIVEN
    const out = path.join(tmp, `bad-${args[0].slice(2)}`);
    // WHEN
    const io = new RecordingIo();
    const code = await main(['handoff', '--out', out, ...args], io);
    // THEN
    expect(code).toBe(2);
    if (typeof message === 'string') expect(io.stderr).toBe(message); else expect(io.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  test('--out is required, and must not be a file', async () => {
    const io = new RecordingIo();
    expect(await main(['handoff'], io)).toBe(2);
    expect(io.stderr).toMatch(/^cdk-connect-dx handoff: --out is required: DIR/);
    const file = path.join(tmp, 'a-file');
    writeFileSync(file, 'x');
    const io2 = new RecordingIo();
    expect(await main(['handoff', '--out', file], io2)).toBe(2);
    expect(io2.stderr).toContain(`--out must be a folder, got '${file}' (a file)`);
  });

  test('accepts every flag of router-config and allow-list except those it sets itself (new flags pass through)', () => {
    const names = HANDOFF_FLAGS.map((f) => f.name);
    const expected = new Set([...ROUTER_CONFIG_FLAGS, ...ALLOW_LIST_FLAGS].map((f) => f.name));
    for (const own of ['vendor', 'only-connect-prefixes', 'format']) expected.delete(own);
    expect(new Set(names)).toEqual(new Set(['out', ...expected]));
    expect(HANDOFF_FLAGS.filter((f) => f.required).map((f) => f.name)).toEqual(['out']);
  });

  test('the package ships it: no shell script is needed (bin points to the bundled CLI)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin['cdk-connect-dx']).toBe('assets/cli/index.js');
    expect(pkg.files).toContain('assets/**');
    expect(existsSync(path.join(ROOT, 'scripts', 'network-handoff.sh'))).toBe(false);
  });
});
