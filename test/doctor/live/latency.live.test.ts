/**
 * `cdk-connect-dx doctor --latency` against stand-ins of three Regions' endpoints in network namespaces:
 *
 * ```
 *   agent namespace (the bundled CLI)  10.251.0.1/24 --veth-- 10.251.0.11-13/24  cloud namespace
 *                                                             a delaying relay per "Region" (TCP 443 + UDP 3478)
 *                                                               -> the TLS server (tls-server.js) on 127.0.0.1:8443
 *                                                               -> coturn answering STUN on 127.0.0.1:3478
 * ```
 *
 * This kernel has no netem qdisc, so each Region's delay is a relay (delay-relay.js) that holds every chunk and
 * datagram for a fixed time each way. The doctor must rank the Regions in the order of their delays, and each median
 * must be within TOLERANCE of the round trip the relay adds (2 x one-way delay): at least the delay minus 2 ms, at
 * most the delay plus 40 ms (a busy two-core machine adds timer and scheduling lag, never removes delay).
 *
 * Installs nothing: it needs iproute2, openssl and coturn (`turnserver`), and skips visibly when they or network
 * namespaces are missing (a failure under CI=true).
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';
import { have, namespaceSkipReason, waitFor } from '../../helpers/live-lab';
import { networkNamespaces, skipSuite } from '../../helpers/tools';

const PREFIX = 'pllat';
const TOOLS = ['ip', 'openssl', 'turnserver'];
const SKIP_REASON = namespaceSkipReason(PREFIX) ?? (TOOLS.every(have) ? undefined : `missing ${TOOLS.filter((t) => !have(t)).join(', ')}`);

/** The three stand-in Regions and the one-way delay of each relay (ms). */
const REGIONS = [
  { region: 'us-east-1', address: '10.251.0.11', oneWayMs: 60 },
  { region: 'eu-west-2', address: '10.251.0.12', oneWayMs: 15 },
  { region: 'ap-southeast-2', address: '10.251.0.13', oneWayMs: 150 },
];
const TOLERANCE = { belowMs: 2, aboveMs: 40 };
const SAMPLES = 5;

interface LatencyJson {
  samples: number;
  instanceRegions: string[];
  guidance: { thresholdMs: number; url: string };
  regions: Array<{ rank: number | null; region: string; medianMs: number | null; spreadMs: number | null; instanceRegion: boolean;
    aboveGuidance: boolean; tls?: { medianMs: number; count: number }; stun?: { medianMs: number; count: number }; failures: string[] }>;
}

if (SKIP_REASON !== undefined) {
  skipSuite(networkNamespaces('iproute2, openssl and coturn'), 'doctor --latency against delayed Regions', SKIP_REASON);
} else {
  describe('doctor --latency against delayed Regions', () => {
    const nsAgent = `${PREFIX}-a-${process.pid}`;
    const nsCloud = `${PREFIX}-c-${process.pid}`;
    const dir = mkdtempSync(path.join(tmpdir(), `${PREFIX}-`));
    const children: ChildProcess[] = [];
    const cli = path.join(dir, 'cli.js');
    const f = (name: string) => path.join(dir, name);
    const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });
    const inCloud = (args: string[], log: string) => {
      const out = openSync(f(log), 'a');
      const child = spawn('ip', ['netns', 'exec', nsCloud, ...args], { stdio: ['ignore', out, out] });
      children.push(child);
    };
    const listening = () => new Promise<string>((resolve) => execFile('ip', ['netns', 'exec', nsCloud, 'ss', '-Hln'], (_e, out) => resolve(out)));

    beforeAll(async () => {
      // network: two namespaces joined by a veth pair; nothing else is reachable from either
      ip('netns', 'add', nsAgent);
      ip('netns', 'add', nsCloud);
      const [va, vc] = [`pla${process.pid}`, `plc${process.pid}`];
      ip('link', 'add', va, 'type', 'veth', 'peer', 'name', vc);
      ip('link', 'set', va, 'netns', nsAgent);
      ip('link', 'set', vc, 'netns', nsCloud);
      ip('-n', nsAgent, 'addr', 'add', '10.251.0.1/24', 'dev', va);
      for (const r of REGIONS) ip('-n', nsCloud, 'addr', 'add', `${r.address}/24`, 'dev', vc);
      for (const [ns, dev] of [[nsAgent, va], [nsCloud, vc]]) {
        ip('-n', ns, 'link', 'set', 'lo', 'up');
        ip('-n', ns, 'link', 'set', dev, 'up');
      }
      // stand-ins: one TLS server and one coturn, each Region reaches them through its own delaying relay
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('key.pem'), '-out', f('cert.pem'),
        '-days', '2', '-subj', '/CN=latency.lab.invalid'], { stdio: 'pipe' });
      writeFileSync(f('tls.json'), JSON.stringify({ port: 8443, default: { cert: f('cert.pem'), key: f('key.pem') } }));
      writeFileSync(f('turndb'), '');
      inCloud([process.execPath, path.join(__dirname, 'tls-server.js'), f('tls.json')], 'tls-server.log');
      inCloud(['turnserver', '-n', '--listening-ip', '127.0.0.1', '--listening-port', '3478', '--relay-ip', '127.0.0.1', '--no-tls', '--no-dtls',
        '--no-tcp', '--no-cli', '--fingerprint', '--realm', 'lab.invalid', '--userdb', f('turndb'), '--pidfile', f('turnserver.pid'),
        '--log-file', 'stdout', '--simple-log'], 'turnserver.log');
      for (const r of REGIONS) {
        inCloud([process.execPath, path.join(__dirname, 'delay-relay.js'), JSON.stringify({
          listen: r.address, tcpPort: 443, udpPort: 3478, delayMs: r.oneWayMs, tcpTarget: ['127.0.0.1', 8443], udpTarget: ['127.0.0.1', 3478],
        })], `relay-${r.region}.log`);
      }
      await build({
        entryPoints: [path.join(__dirname, '../../../lib/cli/index.ts')], bundle: true, platform: 'node', target: 'node20',
        format: 'cjs', outfile: cli, minify: true, legalComments: 'none', logLevel: 'warning',
      });
      await waitFor(async () => {
        const s = await listening();
        return s.includes(':8443') && s.includes('127.0.0.1:3478') && REGIONS.every((r) => s.includes(`${r.address}:443`) && s.includes(`${r.address}:3478`));
      }, 15_000, `the TLS server, coturn and the relays in ${nsCloud} (logs in ${dir})`, 100);
    }, 120_000);

    afterAll(() => {
      for (const c of children) if (c.pid !== undefined && c.exitCode === null) c.kill('SIGTERM');
      for (const ns of [nsAgent, nsCloud]) spawn('ip', ['netns', 'del', ns]);
      rmSync(dir, { recursive: true, force: true });
    });

    const doctor = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const targets = REGIONS.map((r) => `${r.region}=tls:${r.address}:443,stun:${r.address}:3478`).join(';');
      execFile('ip', ['netns', 'exec', nsAgent, process.execPath, cli, 'doctor', '--latency', ...args],
        { env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', CDK_CONNECT_DX_LATENCY_TARGETS: targets }, timeout: 60_000 },
        (e, stdout, stderr) => resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, stdout, stderr }));
    });

    test('ranks the Regions in the order of their delays, with medians within the tolerance of each round trip', async () => {
      const r = await doctor(['--samples', String(SAMPLES), '--region', 'us-east-1', '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as LatencyJson;
      console.log(`doctor --latency --json (relays: ${REGIONS.map((x) => `${x.region} ${2 * x.oneWayMs} ms`).join(', ')}):\n`
        + report.regions.map((x) => `${x.rank} ${x.region} median ${x.medianMs} ms spread ${x.spreadMs} ms (TLS ${x.tls?.medianMs}, STUN ${x.stun?.medianMs})`).join('\n'));
      const byDelay = [...REGIONS].sort((a, b) => a.oneWayMs - b.oneWayMs);
      expect(report.regions.map((x) => x.region)).toEqual(byDelay.map((x) => x.region));
      expect(report.regions.map((x) => x.rank)).toEqual([1, 2, 3]);
      for (const want of REGIONS) {
        const got = report.regions.find((x) => x.region === want.region)!;
        const rtt = 2 * want.oneWayMs;
        expect(got.medianMs).toBeGreaterThanOrEqual(rtt - TOLERANCE.belowMs);
        expect(got.medianMs).toBeLessThanOrEqual(rtt + TOLERANCE.aboveMs);
        // both probes measured every sample
        expect(got.tls?.count).toBe(SAMPLES);
        expect(got.stun?.count).toBe(SAMPLES);
        expect(got.tls!.medianMs).toBeGreaterThanOrEqual(rtt - TOLERANCE.belowMs);
        expect(got.stun!.medianMs).toBeGreaterThanOrEqual(rtt - TOLERANCE.belowMs);
        expect(got.failures).toEqual([]);
        expect(got.instanceRegion).toBe(want.region === 'us-east-1');
        expect(got.aboveGuidance).toBe(false);
      }
    }, 90_000);

    test('text: ranked lines, the instance Region marked *, the guidance and its source named', async () => {
      const r = await doctor(['--samples', '3', '--connect-region', 'us-east-1,eu-west-2']);
      console.log(`doctor --latency --samples 3 --connect-region us-east-1,eu-west-2:\n${r.stdout}`);
      expect(r.code).toBe(0);
      const lines = r.stdout.split('\n').filter((l) => /^\d /.test(l));
      expect(lines.map((l) => l.split(/\s+/)[1])).toEqual(['eu-west-2', 'us-east-1', 'ap-southeast-2']);
      expect(lines[0]).toMatch(/^1 +eu-west-2 \* /);
      expect(lines[1]).toMatch(/^2 +us-east-1 \* /);
      expect(lines[2]).toMatch(/^3 +ap-southeast-2 +\d/);
      expect(r.stdout).toMatch(/! {2}median above 500 ms: .*low-latency-design\.html/);
    }, 90_000);

    test('a Region whose stand-in does not answer is listed last, without a rank, and the others still rank', async () => {
      const targets = `${REGIONS.map((x) => `${x.region}=tls:${x.address}:443,stun:${x.address}:3478`).join(';')};sa-east-1=tls:10.251.0.99:443,stun:10.251.0.99:3478`;
      const r = await new Promise<{ code: number; stdout: string }>((resolve) => {
        execFile('ip', ['netns', 'exec', nsAgent, process.execPath, cli, 'doctor', '--latency', '--samples', '1', '--timeout-ms', '300', '--json'],
          { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CDK_CONNECT_DX_LATENCY_TARGETS: targets }, timeout: 60_000 },
          (e, stdout) => resolve({ code: e ? ((e as { code?: number }).code ?? -1) : 0, stdout }));
      });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as LatencyJson;
      const last = report.regions[report.regions.length - 1];
      expect(last).toMatchObject({ region: 'sa-east-1', rank: null, medianMs: null });
      expect(last.failures.length).toBeGreaterThan(0);
    }, 90_000);
  });
}
