/**
 * `cdk-connect-dx doctor` against real daemons in network namespaces (see lab.ts): dnsmasq as the resolver,
 * coturn answering STUN on UDP 3478, a TLS server with test CAs made by openssl, and a client with a "Direct
 * Connect" veth plus a default route through a NAT namespace. The bundled CLI runs inside the client namespace;
 * it can reach nothing but the lab.
 *
 * Needs iproute2, nftables, dnsmasq-base, coturn and openssl (installed by `.ci/run`; the test installs nothing).
 * Skips, visibly, where network namespaces cannot be created or a tool is missing, and never under CI=true.
 */
import { liveLabSkipReason, missingOf } from '../../helpers/live-lab';
import {
  ADVERTISED_PREFIX, AGENT_ADDRESS, CONNECT_PREFIX, DOCTOR_LAB_PACKAGES, DoctorLab, INSPECTION_ADDRESS, INSPECTION_ISSUER,
  INTERNET_NAT_ADDRESS, LAB_REGION,
} from './lab';
import { networkNamespaces, skipSuite } from '../../helpers/tools';

const SKIP_REASON = liveLabSkipReason('drlive', DOCTOR_LAB_PACKAGES);
const LAB_TIMEOUT_MS = 60_000;

interface JsonFinding { check: string; status: string; target: string; seen: string; action: string | null; details: Record<string, unknown> }
interface JsonReport { format: string; exitCode: number; summary: Record<string, number>; findings: JsonFinding[]; durationMs: number }

const statusesOf = (r: JsonReport, check: string) => r.findings.filter((f) => f.check === check).map((f) => f.status);
const only = (r: JsonReport, check: string, target: string) => {
  const found = r.findings.filter((f) => f.check === check && f.target === target);
  expect(found).toHaveLength(1);
  return found[0];
};

if (SKIP_REASON !== undefined) {
  skipSuite(networkNamespaces('iproute2, nftables, dnsmasq-base, coturn and openssl'), 'doctor against a live agent network', SKIP_REASON);
} else {
  describe('doctor against a live agent network', () => {
    let lab: DoctorLab;

    beforeAll(async () => {
      lab = new DoctorLab({ label: 'a' });
      await lab.start();
    }, LAB_TIMEOUT_MS);

    afterAll(async () => {
      await lab?.stop();
    }, 30_000);

    const run = async (extra: string[] = [], env: Record<string, string> = {}) => {
      const r = await lab.doctor([...lab.standardFlags(), '--json', ...extra], env);
      expect(r.stderr).toBe('');
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report.exitCode).toBe(r.code);
      return { ...r, report };
    };

    test('dnsmasq, coturn, nftables, openssl and iproute2 are present', () => {
      expect(missingOf(DOCTOR_LAB_PACKAGES)).toEqual([]);
    });

    test('all PASS: every catalog host resolves, shakes hands, answers STUN, routes over the DX link from an advertised address', async () => {
      // WHEN the doctor runs over the whole default catalog of the lab Region
      const r = await lab.doctor(lab.standardFlags());
      const json = await run();
      console.log(`all-PASS run (${Math.round(r.wallMs)} ms wall):\n${r.stdout}`);
      // THEN exit 0, nothing but PASS and the wildcard rows
      expect(r.code).toBe(0);
      expect(json.report.summary).toMatchObject({ warn: 0, fail: 0 });
      expect(json.report.findings.filter((f) => f.status === 'SKIP').every((f) => f.check === 'dns' && f.target.includes('*'))).toBe(true);
      for (const h of lab.hosts) {
        expect([...(only(json.report, 'dns', h.plan.host).details.addresses as string[])].sort()).toEqual([...h.addresses].sort());
      }
      for (const h of lab.httpsHosts) expect(only(json.report, 'tls', `${h.plan.host}:443`).status).toBe('PASS');
      for (const h of lab.turnHosts) {
        const turn = only(json.report, 'turn', `${h.plan.host}:3478`);
        expect(turn.status).toBe('PASS');
        // every address of the host was probed, each saw the agent's advertised address
        expect((turn.details.results as Array<{ address: string; mapped: { address: string } }>).map((x) => [x.address, x.mapped.address]).sort())
          .toEqual(h.addresses.map((a) => [a, AGENT_ADDRESS]).sort());
        expect(only(json.report, 'nat', `${h.plan.host}:3478`).seen).toContain(`${AGENT_ADDRESS} (inside ${ADVERTISED_PREFIX})`);
      }
      expect(statusesOf(json.report, 'route')).toEqual(lab.hosts.flatMap((h) => h.addresses).map(() => 'PASS'));
      expect(r.stdout).toMatch(/^summary: \d+ PASS, 0 WARN, 0 FAIL, \d+ SKIP in [\d.]+ s \(exit 0\)$/m);
    }, LAB_TIMEOUT_MS);

    test('UDP 3478 dropped by nftables on the way to one TurnNlb host: turn FAIL naming host and port', async () => {
      // GIVEN the AWS side drops UDP 3478 to the second TurnNlb host's address
      const blocked = lab.turnHosts[1];
      await lab.nft(lab.nsAws, `table inet ${lab.tag}drop {\n chain in {\n  type filter hook input priority 0;\n  ip daddr ${blocked.addresses[0]} udp dport 3478 drop\n }\n}`);
      try {
        // WHEN
        const { code, stdout, report } = await run(['--only', 'turn,nat']);
        // THEN exit 1; that host FAILs naming host, address and port; the others still PASS
        expect(code).toBe(1);
        const turn = only(report, 'turn', `${blocked.plan.host}:3478`);
        expect(turn.status).toBe('FAIL');
        expect(turn.seen).toContain(`UDP 3478 to ${blocked.plan.host}: ${blocked.addresses[0]}:3478 no STUN answer within 1000 ms`);
        expect(turn.action).toMatch(/allow UDP 3478 outbound to the AMAZON_CONNECT prefixes of us-east-1/);
        expect(only(report, 'nat', `${blocked.plan.host}:3478`).status).toBe('SKIP');
        expect(statusesOf(report, 'turn').filter((s) => s === 'PASS')).toHaveLength(lab.turnHosts.length - 1);
        expect(stdout).not.toContain('"status": "WARN"');
      } finally {
        await lab.nftDelete(lab.nsAws, 'inet', `${lab.tag}drop`);
      }
    }, LAB_TIMEOUT_MS);

    test('a TurnNlb host missing from DNS: dns FAIL naming it, with the AWS advice; its turn probe is skipped', async () => {
      // GIVEN the resolver no longer knows the last TurnNlb host
      const missing = lab.turnHosts[lab.turnHosts.length - 1];
      await lab.setDns({ [missing.plan.host]: null });
      try {
        // WHEN
        const { code, report } = await run(['--only', 'dns,turn']);
        // THEN
        expect(code).toBe(1);
        const dns = only(report, 'dns', missing.plan.host);
        expect(dns.status).toBe('FAIL');
        expect(dns.seen).toBe('does not exist (NXDOMAIN) from resolver 198.18.10.53');
        expect(dns.action).toContain(`TurnNlb-*.elb.${LAB_REGION}.amazonaws.com`);
        expect(only(report, 'turn', `${missing.plan.host}:3478`)).toMatchObject({ status: 'SKIP', seen: 'no address to probe (see dns)' });
        expect(report.findings.filter((f) => f.status === 'FAIL')).toHaveLength(1);
      } finally {
        await lab.setDns();
      }
    }, LAB_TIMEOUT_MS);

    test('TCP 443 silently dropped to one HTTPS host: tls FAIL naming it, within the probe timeout', async () => {
      // GIVEN the AWS side drops TCP 443 to one HTTPS host's address (no reset: the connect can only time out)
      const silent = lab.httpsHosts[2];
      await lab.nft(lab.nsAws, `table inet ${lab.tag}tcp {\n chain in {\n  type filter hook input priority 0;\n  ip daddr ${silent.addresses[0]} tcp dport 443 drop\n }\n}`);
      try {
        // WHEN
        const { code, report } = await run(['--only', 'tls']);
        // THEN that host FAILs after the 1000 ms timeout; the others still PASS
        expect(code).toBe(1);
        expect(only(report, 'tls', `${silent.plan.host}:443`)).toMatchObject({
          status: 'FAIL', seen: `TCP connect to ${silent.addresses[0]}:443 failed: timeout after 1000 ms`,
        });
        expect(statusesOf(report, 'tls').filter((x) => x === 'PASS')).toHaveLength(lab.httpsHosts.length - 1);
      } finally {
        await lab.nftDelete(lab.nsAws, 'inet', `${lab.tag}tcp`);
      }
    }, LAB_TIMEOUT_MS);

    test('a certificate from another CA (a TLS-inspecting proxy): tls WARN naming the issuer, exit 0', async () => {
      // GIVEN one HTTPS host answered by the inspection proxy, whose CA the agents trust (--ca-file holds it)
      const inspected = lab.httpsHosts[1];
      await lab.setDns({ [inspected.plan.host]: [INSPECTION_ADDRESS] });
      try {
        // WHEN
        const { code, report } = await run(['--only', 'tls']);
        // THEN
        const tls = only(report, 'tls', `${inspected.plan.host}:443`);
        expect(tls.status).toBe('WARN');
        expect(tls.seen).toContain(`issued by 'CN=${INSPECTION_ISSUER}, O=Example Corp, C=US'`);
        expect(tls.seen).toContain('not a public CA AWS uses (Amazon Trust Services): TLS inspection is in the path');
        expect(tls.action).toMatch(/exclude the Amazon Connect hosts from TLS inspection/);
        expect(tls.details).toMatchObject({ trusted: true, awsCa: false, address: INSPECTION_ADDRESS });
        expect(statusesOf(report, 'tls').filter((s) => s === 'PASS')).toHaveLength(lab.httpsHosts.length - 1);
        expect(code).toBe(0);
      } finally {
        await lab.setDns();
      }
    }, LAB_TIMEOUT_MS);

    test('Connect prefixes routed via the default path: route WARN naming each address and its AWS service and Region', async () => {
      // GIVEN the DX route is gone: traffic to the Connect prefix follows the default route through the NAT
      await lab.routeConnectViaDefault();
      try {
        // WHEN the doctor runs with text output (this is the "run with failures" of the closing note)
        const r = await lab.doctor(lab.standardFlags());
        console.log(`run with failures (${Math.round(r.wallMs)} ms wall):\n${r.stdout}`);
        // THEN every address WARNs on its own line, naming itself, its host, the default route and its ip-ranges.json entries
        const warns = r.stdout.split('\n').filter((l) => l.startsWith('WARN  route  '));
        expect(warns).toHaveLength(lab.hosts.flatMap((h) => h.addresses).length);
        for (const h of lab.hosts) {
          for (const a of h.addresses) {
            const line = warns.find((l) => l.startsWith(`WARN  route  ${a} `));
            expect(line).toContain(`${a} (${h.plan.host}) takes the default route (the internet), not ${lab.dxInterface}`);
            expect(line).toContain(`ip-ranges.json: AMAZON_CONNECT ${LAB_REGION} (${CONNECT_PREFIX}), AMAZON ${LAB_REGION} (198.18.0.0/15)`);
            expect(line).toContain('  -> learn the Amazon routes for us-east-1 over the Direct Connect public VIF');
          }
        }
        // AND the NAT on that path shows up too: every TurnNlb host sees the internet NAT address
        const nat = r.stdout.split('\n').filter((l) => l.startsWith('FAIL  nat    '));
        expect(nat).toHaveLength(lab.turnHosts.length);
        for (const l of nat) expect(l).toContain(`sees this network as ${INTERNET_NAT_ADDRESS}, outside the advertised prefixes ${ADVERTISED_PREFIX}`);
        expect(r.stdout).toMatch(/^summary: \d+ PASS, \d+ WARN, \d+ FAIL, \d+ SKIP in [\d.]+ s \(exit 1\)$/m);
        expect(r.code).toBe(1);
      } finally {
        await lab.routeConnectViaDx();
      }
    }, LAB_TIMEOUT_MS);

    test('the DX path NATs to an unadvertised address: nat FAIL naming it, route still PASS', async () => {
      // GIVEN the edge NATs agent traffic on the DX link to 192.0.2.77, which is not advertised
      await lab.nft(lab.nsClient, `table ip ${lab.tag}snat {\n chain post {\n  type nat hook postrouting priority 100;\n  oifname "${lab.dxInterface}" snat to 192.0.2.77\n }\n}`);
      try {
        // WHEN
        const { code, report } = await run(['--only', 'turn,route,nat']);
        // THEN
        expect(code).toBe(1);
        for (const h of lab.turnHosts) {
          const nat = only(report, 'nat', `${h.plan.host}:3478`);
          expect(nat.status).toBe('FAIL');
          expect(nat.seen).toBe(`the TURN server sees this network as 192.0.2.77, outside the advertised prefixes ${ADVERTISED_PREFIX}: ` +
            'traffic leaves through an address that is not advertised on the public VIF');
        }
        expect(statusesOf(report, 'route').every((s) => s === 'PASS')).toBe(true);
        expect(statusesOf(report, 'turn').every((s) => s === 'PASS')).toBe(true);
      } finally {
        await lab.nftDelete(lab.nsClient, 'ip', `${lab.tag}snat`);
      }
    }, LAB_TIMEOUT_MS);

  });
}
