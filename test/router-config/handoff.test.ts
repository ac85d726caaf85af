/**
 * The README's one-command handoff: scripts/network-handoff.sh writes the router configuration for each vendor
 * and the allow lists for the example app's configuration. Runs the bundled CLI (npm test bundles it first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { DEFAULTS } from '../../bin/context';
import { BgpCommunityScope } from '../../lib/direct-connect/bgp-community';
import { RouterConfiguration, RouterVendor } from '../../lib/router-config/router-configuration';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'assets', 'cli', 'index.js');

describe('scripts/network-handoff.sh', () => {
  let out: string;
  beforeAll(() => { out = mkdtempSync(path.join(tmpdir(), 'rcfg-handoff-')); });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('writes the three router configurations and four allow lists for the example app', () => {
    // GIVEN the bundled CLI
    expect(existsSync(CLI)).toBe(true); // run `npm run bundle` (npm test does) if this fails
    // WHEN
    const r = spawnSync(path.join(ROOT, 'scripts', 'network-handoff.sh'), [out], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDX: `node ${CLI}` }, timeout: 120_000,
    });
    // THEN
    expect(r.stderr).not.toMatch(/error|usage/i);
    expect(r.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'allow-list.csv', 'allow-list.domains', 'allow-list.json', 'allow-list.suricata.rules',
      'router-cisco-ios-xe.conf', 'router-frr.conf', 'router-junos.conf',
    ]);
    for (const vendor of RouterVendor.all()) {
      // the script's defaults are the example app's (bin/context.ts DEFAULTS), so the handoff matches what it deploys
      expect(readFileSync(path.join(out, `router-${vendor.name}.conf`), 'utf8')).toBe(RouterConfiguration.render(vendor, {
        vlan: Number(DEFAULTS.vlan.value), asn: Number(DEFAULTS.asn.value),
        customerAddress: DEFAULTS.customerAddress.value!, amazonAddress: DEFAULTS.amazonAddress.value!,
        routeFilterPrefixes: DEFAULTS.routeFilterPrefixes.value!.split(','),
        communityScope: BgpCommunityScope.fromName(DEFAULTS.communityScope.value!),
      }));
    }
    expect(readFileSync(path.join(out, 'allow-list.domains'), 'utf8')).toContain(`${DEFAULTS.instanceAlias.value}.my.connect.aws`);
    expect(readFileSync(path.join(out, 'allow-list.domains'), 'utf8')).toContain(`.connect-telecom.${DEFAULTS.region.value}.amazonaws.com`);
    expect(readFileSync(path.join(out, 'allow-list.suricata.rules'), 'utf8')).toContain(DEFAULTS.agentCidrs.value!);
  });

  test('stops at the first failing command (a bad value names the flag)', () => {
    const r = spawnSync(path.join(ROOT, 'scripts', 'network-handoff.sh'), [out], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDX: `node ${CLI}`, VLAN: '5000' }, timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("cdk-connect-dx router-config: --vlan must be an integer from 1 to 4094, got '5000'");
  });
});
