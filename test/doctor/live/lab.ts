/**
 * An agent network in three network namespaces, for the doctor's live suite and benchmark:
 *
 * ```
 *   client (agent, 203.0.113.10 on lo)
 *     |-- <tag>dx 198.51.100.1/31 ---- 198.51.100.0/31 <tag>dxa --|   "Direct Connect": routes for 198.18.10.0/24
 *     |-- <tag>in 198.19.1.2/30 -- nat -- 198.19.2.2/30 -----------|   default route, nftables masquerade to 198.19.2.2
 *                                                                  aws (addresses in 198.18.10.0/24 on lo):
 *                                                                    dnsmasq 198.18.10.53, coturn UDP 3478 on the
 *                                                                    TurnNlb addresses, a TLS server on 443
 * ```
 *
 * dnsmasq answers exactly the concrete hosts of the catalog the doctor is run with (from `planProbes`), with test
 * addresses, and nothing else; the namespaces have no link to the machine's network. Certificates are made with
 * openssl at start: an "AWS" chain (a test root named like Amazon Root CA 1, which the doctor recognises by name)
 * and an "inspection proxy" chain from another CA. Everything started here is stopped by pid and every namespace
 * deleted in `stop()`.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ConnectEndpointCatalog } from '../../../lib/connect-endpoints/catalog';
import { HostPlan, planProbes } from '../../../lib/doctor/plan';
import { PackageNeeds, waitFor } from '../../helpers/live-lab';

const run = promisify(execFile);

/** What the doctor's live suite needs from Debian (dnsmasq-base: the binary without the system service). */
export const DOCTOR_LAB_PACKAGES: PackageNeeds = {
  tools: ['ip', 'nft', 'dnsmasq', 'turnserver', 'openssl'],
  packages: ['iproute2', 'nftables', 'dnsmasq-base', 'coturn', 'openssl'],
};

export const LAB_REGION = 'us-east-1';
export const LAB_ALIAS = 'drlab';
/** The prefix the lab routes over the "Direct Connect" link, and lists as AMAZON_CONNECT in its ip-ranges.json. */
export const CONNECT_PREFIX = '198.18.10.0/24';
/** The prefix the agents' network advertises on the public VIF; the agent's address is inside it. */
export const ADVERTISED_PREFIX = '203.0.113.0/24';
export const AGENT_ADDRESS = '203.0.113.10';
/** Where the internet path's NAT hides the agents: not advertised. */
export const INTERNET_NAT_ADDRESS = '198.19.2.2';
export const RESOLVER = '198.18.10.53';
/** The address where the "inspection proxy" answers TLS with another CA's certificate. */
export const INSPECTION_ADDRESS = '198.18.10.200';
export const INSPECTION_ISSUER = 'Lab Inspection Proxy CA';

/** One host dnsmasq answers, with its addresses. */
export interface LabHost {
  readonly plan: HostPlan;
  readonly addresses: string[];
}

/** Options of a lab. */
export interface DoctorLabOptions {
  /** Short label (letters/digits) to tell labs of one process apart. */
  readonly label: string;
}

/** A running lab. */
export class DoctorLab {
  readonly tag: string;
  readonly nsClient: string;
  readonly nsNat: string;
  readonly nsAws: string;
  /** The client's Direct Connect interface. */
  readonly dxInterface: string;
  readonly dir: string;
  readonly hosts: LabHost[];
  private readonly children: ChildProcess[] = [];
  private namespacesCreated = false;
  private dnsmasq: ChildProcess | undefined;
  private cliFile = '';

  constructor(o: DoctorLabOptions) {
    this.tag = `dr${process.pid % 100000}${o.label}`;
    this.nsClient = `${this.tag}-cl`;
    this.nsNat = `${this.tag}-nat`;
    this.nsAws = `${this.tag}-aws`;
    this.dxInterface = `${this.tag}dx`.slice(0, 15);
    this.dir = mkdtempSync(path.join(tmpdir(), `${this.tag}-`));
    chmodSync(this.dir, 0o755); // dnsmasq reads its hosts file after dropping privileges
    const plan = planProbes(ConnectEndpointCatalog.forRegion(LAB_REGION, { instanceAlias: LAB_ALIAS }));
    let https = 11;
    let turn = 101;
    this.hosts = plan.hosts.map((h, i) => {
      if (h.turnPort !== undefined) {
        // the first TurnNlb host gets two addresses, as NLBs have one per zone: the doctor must probe both
        const addresses = i === plan.hosts.findIndex((x) => x.turnPort !== undefined) ? [`198.18.10.${turn}`, `198.18.10.${turn + 50}`] : [`198.18.10.${turn}`];
        turn++;
        return { plan: h, addresses };
      }
      return { plan: h, addresses: [`198.18.10.${https++}`] };
    });
  }

  /** The TurnNlb hosts. */
  get turnHosts(): LabHost[] {
    return this.hosts.filter((h) => h.plan.turnPort !== undefined);
  }

  /** The HTTPS hosts. */
  get httpsHosts(): LabHost[] {
    return this.hosts.filter((h) => h.plan.tlsPort !== undefined);
  }

  private f(name: string): string {
    return path.join(this.dir, name);
  }

  private ip(...args: string[]): Promise<unknown> {
    return run('ip', args);
  }

  /** Runs a command inside a namespace. */
  async exec(ns: string, ...cmd: string[]): Promise<string> {
    return (await run('ip', ['netns', 'exec', ns, ...cmd])).stdout;
  }

  /** Builds the namespaces, certificates, daemons and the doctor's CLI bundle. */
  async start(): Promise<void> {
    await Promise.all([this.buildNetwork(), this.makeCertificates(), this.bundleCli()]);
    this.writeHosts();
    this.writeIpRanges();
    await this.startDaemons();
  }

  /** Runs `ip [-n NS] -batch -` with one command per line (one process instead of one per command). */
  private batch(ns: string | undefined, lines: string[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = execFile('ip', [...(ns ? ['-n', ns] : []), '-batch', '-'], (e, _out, stderr) =>
        (e ? reject(new Error(`ip ${ns ? `-n ${ns} ` : ''}-batch failed: ${stderr}`)) : resolve()));
      child.stdin?.end(lines.map((l) => `${l}\n`).join(''));
    });
  }

  private async buildNetwork(): Promise<void> {
    const t = this.tag;
    this.namespacesCreated = true;
    const links: Array<[string, string, string, string]> = [
      [this.dxInterface, this.nsClient, `${t}dxa`, this.nsAws],
      [`${t}in`, this.nsClient, `${t}inn`, this.nsNat],
      [`${t}up`, this.nsNat, `${t}upa`, this.nsAws],
    ];
    await this.batch(undefined, [
      ...[this.nsClient, this.nsNat, this.nsAws].map((ns) => `netns add ${ns}`),
      ...links.map(([a, nsA, b, nsB]) => `link add ${a} netns ${nsA} type veth peer name ${b} netns ${nsB}`),
    ]);
    const up = (ns: string) => ['link set lo up', ...links.flatMap(([a, nsA, b, nsB]) => [
      ...(nsA === ns ? [`link set ${a} up`] : []), ...(nsB === ns ? [`link set ${b} up`] : [])])];
    const serviceAddresses = [RESOLVER, INSPECTION_ADDRESS, ...this.hosts.flatMap((h) => h.addresses)];
    await Promise.all([
      this.batch(this.nsClient, [...up(this.nsClient),
        `addr add ${AGENT_ADDRESS}/32 dev lo`,
        `addr add 198.51.100.1/31 dev ${this.dxInterface}`,
        `addr add 198.19.1.2/30 dev ${t}in`,
        `route add ${CONNECT_PREFIX} via 198.51.100.0 dev ${this.dxInterface} src ${AGENT_ADDRESS}`,
        `route add default via 198.19.1.1 dev ${t}in`]),
      // nat: the internet edge
      this.batch(this.nsNat, [...up(this.nsNat),
        `addr add 198.19.1.1/30 dev ${t}inn`,
        `addr add ${INTERNET_NAT_ADDRESS}/30 dev ${t}up`,
        'route add default via 198.19.2.1']),
      // aws: service addresses on lo (this machine's kernel has no dummy interfaces)
      this.batch(this.nsAws, [...up(this.nsAws),
        `addr add 198.51.100.0/31 dev ${t}dxa`,
        `addr add 198.19.2.1/30 dev ${t}upa`,
        ...serviceAddresses.map((a) => `addr add ${a}/32 dev lo`),
        `route add ${ADVERTISED_PREFIX} via 198.51.100.1`,
        'route add 192.0.2.0/24 via 198.51.100.1']), // for the unadvertised-NAT case
    ]);
    await this.exec(this.nsNat, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    await this.nft(this.nsNat, `table ip ${t}nat {\n chain post {\n  type nat hook postrouting priority 100;\n  oifname "${t}up" masquerade\n }\n}`);
  }

  /** Adds the "Direct Connect" route for the Connect prefix (sourced from the agent address). */
  async routeConnectViaDx(): Promise<void> {
    await this.ip('-n', this.nsClient, 'route', 'replace', CONNECT_PREFIX, 'via', '198.51.100.0', 'dev', this.dxInterface, 'src', AGENT_ADDRESS);
  }

  /** Removes it: the Connect prefix then follows the default route (the internet, through NAT). */
  async routeConnectViaDefault(): Promise<void> {
    await this.ip('-n', this.nsClient, 'route', 'del', CONNECT_PREFIX);
  }

  /** Loads an nftables ruleset into a namespace. */
  async nft(ns: string, ruleset: string): Promise<void> {
    const file = this.f(`nft-${ns}-${Date.now()}.nft`);
    writeFileSync(file, `${ruleset}\n`);
    await this.exec(ns, 'nft', '-f', file);
  }

  /** Deletes an nftables table from a namespace. */
  async nftDelete(ns: string, family: string, table: string): Promise<void> {
    await this.exec(ns, 'nft', 'delete', 'table', family, table);
  }

  /** Rewrites dnsmasq's hosts file (all hosts, with overrides; `null` drops a host) and waits until dnsmasq re-read it. */
  async setDns(overrides: Record<string, string[] | null> = {}): Promise<void> {
    const reads = () => (readFileSync(this.f('dnsmasq.log'), 'utf8').match(/read \S+hosts - \d+ names/g) ?? []).length;
    const before = reads();
    this.writeHosts(overrides);
    this.dnsmasq?.kill('SIGHUP');
    await waitFor(async () => reads() > before, 5000, `dnsmasq to re-read its hosts file (log ${this.f('dnsmasq.log')})`, 50);
  }

  private writeHosts(overrides: Record<string, string[] | null> = {}): void {
    const lines: string[] = [];
    for (const h of this.hosts) {
      const addresses = h.plan.host in overrides ? overrides[h.plan.host] : h.addresses;
      if (addresses === null) continue;
      for (const a of addresses) lines.push(`${a} ${h.plan.host}`);
    }
    writeFileSync(this.f('hosts'), lines.join('\n') + '\n');
    chmodSync(this.f('hosts'), 0o644);
  }

  private writeIpRanges(): void {
    writeFileSync(this.f('ip-ranges.json'), JSON.stringify({
      syncToken: '1764547200', createDate: '2026-12-01-00-00-00',
      prefixes: [
        { ip_prefix: CONNECT_PREFIX, region: LAB_REGION, service: 'AMAZON_CONNECT', network_border_group: LAB_REGION },
        { ip_prefix: '198.18.0.0/15', region: LAB_REGION, service: 'AMAZON', network_border_group: LAB_REGION },
      ],
      ipv6_prefixes: [],
    }));
  }

  /** The ip-ranges.json the lab's addresses are listed in. */
  get ipRangesFile(): string {
    return this.f('ip-ranges.json');
  }

  /** Both test CAs (the "AWS" root and the inspection proxy's), for --ca-file. */
  get caFile(): string {
    return this.f('ca.pem');
  }

  private async openssl(...args: string[]): Promise<void> {
    await run('openssl', args, { cwd: this.dir });
  }

  private async makeCertificates(): Promise<void> {
    const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    const names = this.httpsHosts.map((h) => `DNS:${h.plan.host}`).join(',');
    writeFileSync(this.f('ca.ext'), 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n');
    writeFileSync(this.f('leaf.ext'), `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${names}\n`);
    const root = (name: string, subject: string) => this.openssl('req', '-x509', ...key, '-keyout', `${name}.key`, '-out', `${name}.pem`,
      '-days', '3', '-subj', subject, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
    const sign = async (name: string, subject: string, ca: string, ext: string) => {
      await this.openssl('req', '-new', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
      await this.openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}.key`, '-CAcreateserial',
        '-days', '2', '-out', `${name}.pem`, '-extfile', ext);
    };
    const leafSubject = `/CN=${this.httpsHosts[0].plan.host}`;
    await Promise.all([
      // the "AWS" chain: root -> intermediate -> leaf naming every HTTPS host of the catalog
      (async () => {
        await root('aws-root', '/C=US/O=Amazon/CN=Amazon Root CA 1');
        await sign('aws-int', '/C=US/O=Amazon/CN=Amazon RSA 2048 M02', 'aws-root', 'ca.ext');
        await sign('aws-leaf', leafSubject, 'aws-int', 'leaf.ext');
      })(),
      // the inspection proxy's chain: its own root, a leaf for the same names
      (async () => {
        await root('proxy-root', `/C=US/O=Example Corp/CN=${INSPECTION_ISSUER}`);
        await sign('proxy-leaf', leafSubject, 'proxy-root', 'leaf.ext');
      })(),
    ]);
    const read = (n: string) => readFileSync(this.f(n), 'utf8');
    writeFileSync(this.f('aws-chain.pem'), read('aws-leaf.pem') + read('aws-int.pem'));
    writeFileSync(this.f('ca.pem'), read('aws-root.pem') + read('proxy-root.pem'));
    writeFileSync(this.f('tls.json'), JSON.stringify({
      port: 443,
      default: { cert: this.f('aws-chain.pem'), key: this.f('aws-leaf.key') },
      byAddress: { [INSPECTION_ADDRESS]: { cert: this.f('proxy-leaf.pem'), key: this.f('proxy-leaf.key') } },
    }));
  }

  private spawnIn(ns: string, cmd: string[], log: string): ChildProcess {
    const out = openSync(this.f(log), 'a');
    const child = spawn('ip', ['netns', 'exec', ns, ...cmd], { stdio: ['ignore', out, out] });
    this.children.push(child);
    return child;
  }

  private async startDaemons(): Promise<void> {
    this.dnsmasq = this.spawnIn(this.nsAws, ['dnsmasq', '--keep-in-foreground', '--conf-file=/dev/null', '--no-resolv', '--no-hosts',
      `--addn-hosts=${this.f('hosts')}`, `--listen-address=${RESOLVER}`, '--bind-interfaces', '--port=53', '--local=/#/',
      `--pid-file=${this.f('dnsmasq.pid')}`, '--log-queries', `--log-facility=${this.f('dnsmasq.log')}`], 'dnsmasq.out');
    const turnIps = this.turnHosts.flatMap((h) => h.addresses);
    this.spawnIn(this.nsAws, ['turnserver', '-n', ...turnIps.flatMap((a) => ['--listening-ip', a]), '--listening-port', '3478',
      '--relay-ip', turnIps[0], '--no-tls', '--no-dtls', '--no-tcp', '--no-cli', '--fingerprint', '--realm', 'lab.invalid',
      '--userdb', this.f('turndb'), '--pidfile', this.f('turnserver.pid'), '--log-file', 'stdout', '--simple-log'], 'turnserver.log');
    this.spawnIn(this.nsAws, [process.execPath, path.join(__dirname, 'tls-server.js'), this.f('tls.json')], 'tls-server.log');
    const listening = async () => {
      const udp = await this.exec(this.nsAws, 'ss', '-Hlnu');
      const tcp = await this.exec(this.nsAws, 'ss', '-Hlnt');
      return udp.includes(`${RESOLVER}:53`) && turnIps.every((a) => udp.includes(`${a}:3478`)) && tcp.includes(':443');
    };
    await waitFor(listening, 15_000, `dnsmasq, coturn and the TLS server in ${this.nsAws} (logs in ${this.dir})`, 100);
  }

  private async bundleCli(): Promise<void> {
    // the same esbuild options as scripts/bundle.mjs, into the lab's folder (assets/ is left alone)
    this.cliFile = this.f('cli.js');
    await build({
      entryPoints: [path.join(__dirname, '../../../lib/cli/index.ts')], bundle: true, platform: 'node', target: 'node20',
      format: 'cjs', outfile: this.cliFile, minify: true, legalComments: 'none', logLevel: 'warning',
    });
  }

  /** The flags of an all-PASS run against this lab. */
  standardFlags(): string[] {
    return ['--region', LAB_REGION, '--alias', LAB_ALIAS, '--interface', this.dxInterface, '--advertised-prefixes', ADVERTISED_PREFIX,
      '--resolver', `${RESOLVER}:53`, '--ca-file', this.caFile, '--ip-ranges', this.ipRangesFile, '--timeout-ms', '1000'];
  }

  /** Runs `cdk-connect-dx doctor ARGS` in the client namespace; returns exit code, output and wall time. */
  async doctor(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      execFile('ip', ['netns', 'exec', this.nsClient, process.execPath, this.cliFile, 'doctor', ...args],
        { cwd: this.dir, env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', ...env }, timeout: 60_000 },
        (e, stdout, stderr) => {
          const code = e ? (typeof (e as { code?: unknown }).code === 'number' ? (e as { code: number }).code : -1) : 0;
          resolve({ code, stdout, stderr, wallMs: performance.now() - t0 });
        });
    });
  }

  /** Stops every process started here (by pid) and deletes the namespaces and the folder. Safe to call twice. */
  async stop(): Promise<void> {
    for (const child of this.children.splice(0)) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 3000); })]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    if (this.namespacesCreated) {
      for (const ns of [this.nsClient, this.nsNat, this.nsAws]) {
        if (existsSync(`/run/netns/${ns}`)) await this.ip('netns', 'del', ns).catch(() => undefined);
      }
      this.namespacesCreated = false;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
