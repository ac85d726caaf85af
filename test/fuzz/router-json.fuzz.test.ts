/**
 * Property-based tests (fast-check, seed 11, bounded runs) over the router configuration renderers (single
 * session and failover, FRR / IOS XE / Junos) and the JSON outputs (catalog JSON as `allow-list --format json` and
 * `handoff` write it, `status --json`). For any input: a refusal naming the field, or output whose every line is a
 * line of the renderer's template with the value in its slot (router), or JSON that parses, has only the
 * template's keys and gives back the values (JSON). Extends text-renderers.fuzz.test.ts (Suricata, CSV, domains).
 */
import * as fc from 'fast-check';
import { nasty, refusalOf, SEED, textish } from './nasty';
import { ConnectEndpointCatalog } from '../../lib';
import { renderJson, StatusReport } from '../../lib/cli/commands/status';
import { FailoverConfigurationProps } from '../../lib/router-config/failover';
import { RouterConfiguration, RouterVendor } from '../../lib/router-config/router-configuration';
import { RouterConfigurationProps } from '../../lib/router-config/router-configuration-props';

const BASE: RouterConfigurationProps = {
  vlan: 101, asn: 65000, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', routeFilterPrefixes: ['203.0.113.0/24'],
};
const SESSIONS = [
  { vlan: 101, customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31' },
  { vlan: 102, customerAddress: '198.51.100.3/31', amazonAddress: '198.51.100.2/31' },
];
/** Free-text fields and a harmless value for each: the value that marks the field's slot in the template. */
const TEXT_FIELDS: Record<string, string> = {
  description: 'slotdescription', interfaceName: 'eth7', authKeySecretName: 'slot/secret-name', location: 'EqDC2', locationRegion: 'us-east-1',
};
const SESSION_TEXT_FIELDS: Record<string, string> = {
  description: 'slotdescription', interfaceName: 'eth7', authKeySecretName: 'slot/secret-name', router: 'slotrouter',
};
const CIDR_FIELDS = ['customerAddress', 'amazonAddress', 'routeFilterPrefixes', 'inboundPrefixes'];
const VENDORS = RouterVendor.all();
const accepted = { single: 0, failover: 0, json: 0 };
afterAll(() => console.log(`accepted (rendered, not refused): ${JSON.stringify(accepted)}`));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Every line of `out` must be the line of `base` at the same index, except where `base` held `marker`: there the
 * line must be the template around the slot (text before and after the marker) with something in the slot, and
 * that something must not close a Junos/IOS quoted string or statement. Same line count: nothing injected.
 */
function expectSameTemplate(base: string, out: string, marker: string): void {
  const b = base.split('\n');
  const o = out.split('\n');
  expect(o.length).toBe(b.length);
  b.forEach((line, i) => {
    if (!line.includes(marker)) {
      expect(o[i]).toBe(line);
      return;
    }
    const slot = new RegExp(`^${line.split(marker).map(escape).join('(.*)')}$`);
    const m = slot.exec(o[i]);
    expect(m).not.toBeNull();
    for (const filled of m!.slice(1)) {
      // a quoted slot keeps its quotes: no unescaped double quote inside
      if (/"$/.test(line.split(marker)[0])) expect(filled.replace(/\\[\\"]/g, '')).not.toContain('"');
      // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
      expect(filled).not.toMatch(/[\u0000-\u001f\u007f]/);
    }
  });
}

describe('router configuration renderers', () => {
  test('single session, any free-text field with any text: same template lines with the value in its slot, or a refusal naming the field', () => {
    fc.assert(fc.property(fc.constantFrom(...VENDORS), fc.constantFrom(...Object.keys(TEXT_FIELDS)), textish, (vendor, field, value) => {
      // a location needs the Connect Region(s) the routes must reach
      const props = field.startsWith('location') ? { ...BASE, connectRegions: ['us-east-1'] } : BASE;
      const base = RouterConfiguration.render(vendor, { ...props, [field]: TEXT_FIELDS[field] });
      let out: string;
      try {
        out = RouterConfiguration.render(vendor, { ...props, [field]: value });
      } catch (e) {
        expect((e as Error).message).toMatch(new RegExp(`^${field} `));
        return;
      }
      expectSameTemplate(base, out, TEXT_FIELDS[field]);
      accepted.single++;
    }), { seed: SEED, numRuns: 300 });
    // the property must see rendered output, not only refusals
    expect(accepted.single).toBeGreaterThan(30);
  });

  test('single session, any text in a CIDR field or list: a refusal naming the field, or a canonical CIDR', () => {
    fc.assert(fc.property(fc.constantFrom(...VENDORS), fc.constantFrom(...CIDR_FIELDS), nasty, (vendor, field, value) => {
      const list = field === 'routeFilterPrefixes' || field === 'inboundPrefixes';
      const message = refusalOf(() => RouterConfiguration.render(vendor, { ...BASE, [field]: list ? [value] : value }));
      if (message === undefined) expect(value).toMatch(/^[0-9a-f.:]+\/\d{1,3}$/);
      else expect(message).toMatch(new RegExp(`^${field}(\\[0\\])? `));
    }), { seed: SEED, numRuns: 150 });
  });

  test('failover, any session text field with any text: each file keeps its template, or a refusal naming sessions[i].field', () => {
    const render = (vendor: RouterVendor, session: Record<string, string>): string =>
      RouterConfiguration.renderFailover(vendor, { asn: 64496, routeFilterPrefixes: ['203.0.113.0/24'],
        sessions: [{ ...SESSIONS[0], ...session }, SESSIONS[1]] } as FailoverConfigurationProps).map((f) => `${f.routerName}\n${f.configuration}`).join('\n');
    fc.assert(fc.property(fc.constantFrom(...VENDORS), fc.constantFrom(...Object.keys(SESSION_TEXT_FIELDS)), textish, (vendor, field, value) => {
      // the router name splits the sessions into files: compare against a base with the same split
      const base = render(vendor, { [field]: SESSION_TEXT_FIELDS[field] });
      let out: string;
      try {
        out = render(vendor, { [field]: value });
      } catch (e) {
        expect((e as Error).message).toMatch(new RegExp(`^sessions\\[0\\]\\.${field} `));
        return;
      }
      expectSameTemplate(base, out, SESSION_TEXT_FIELDS[field]);
      accepted.failover++;
    }), { seed: SEED, numRuns: 200 });
    expect(accepted.failover).toBeGreaterThan(20);
  });
});

describe('JSON outputs', () => {
  test('catalog JSON (allow-list --format json, handoff allow-list.json) with any alias: parses, template keys only, alias given back', () => {
    const keysOf = (v: unknown): string[] => (v && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) => [Array.isArray(v) ? '[]' : k, ...keysOf(x)]) : []);
    const template = new Set(keysOf(JSON.parse(ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: 'slot-alias' }).toJson())));
    fc.assert(fc.property(textish, (alias) => {
      let text: string;
      try {
        text = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: alias }).toJson();
      } catch (e) {
        expect((e as Error).message).toMatch(/^instanceAlias (must|is) /);
        return;
      }
      const parsed = JSON.parse(text);
      for (const k of keysOf(parsed)) expect(template.has(k)).toBe(true);
      expect(text).toContain(JSON.stringify(alias).slice(1, -1));
      accepted.json++;
    }), { seed: SEED, numRuns: 150 });
    expect(accepted.json).toBeGreaterThan(0);
  });

  test('status --json with any names, states and messages from AWS: parses, one key set, every value given back, no raw control character', () => {
    const text = fc.oneof(nasty, fc.constant('__proto__'), fc.constant('"},"injected":{"a":"'));
    fc.assert(fc.property(text, text, text, text, (name, state, vifName, message) => {
      const report: StatusReport = {
        region: 'us-east-1',
        connections: [{ kind: 'connection', id: 'dxcon-fgq3d2ab', name, state, location: name, macSecKeyStates: [], memberIds: [] }],
        lags: [],
        virtualInterfaces: [{ virtualInterfaceId: 'dxvif-ffq3d2ab', name: vifName, state, bgpPeers: [
          { bgpStatus: state, bgpPeerState: state, addressFamily: 'ipv4' } as any] }],
        errors: [{ call: 'DescribeConnections', message }],
      };
      const out = renderJson(report);
      // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
      const parsed = JSON.parse(out);
      expect(Object.keys(parsed)).toEqual(['region', 'connections', 'virtualInterfaces', 'metricsWindow', 'metricsNote', 'errors']);
      expect(Object.keys(parsed.connections[0]).sort()).toEqual(['id', 'kind', 'location', 'macSecKeyStates', 'memberIds', 'name', 'state']);
      expect(parsed.connections[0].name).toBe(name);
      expect(parsed.connections[0].location).toBe(name);
      expect(parsed.virtualInterfaces[0].name).toBe(vifName);
      expect(parsed.errors).toEqual([{ call: 'DescribeConnections', message }]);
      expect(JSON.stringify(parsed.connections[0].state)).toContain(JSON.stringify(state).slice(1, -1));
    }), { seed: SEED, numRuns: 200 });
  });
});
