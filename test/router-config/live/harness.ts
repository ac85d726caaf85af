/**
 * Real routing daemons for the router-config tests: FRR (the customer router, running the generated
 * configuration) and BIRD 2 (playing the AWS side, AS 7224), each in its own network namespace, joined by a
 * veth pair. Nothing leaves the machine: the namespaces have no other links.
 *
 * FRR runs as the unprivileged `frr` user with its own `-N` instance, `--vty_socket` folder and zserv socket,
 * so it never touches a system FRR. Everything started here is stopped by pid and every namespace deleted
 * in `stop()`.
 */
import { ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import {
  ensurePackages, missingOf, namespaceSkipReason as sharedSkipReason, PackageNeeds, waitFor,
} from '../../helpers/live-lab';

export { waitFor };

const run = promisify(execFile);

export const FRR_DAEMONS_DIR = '/usr/lib/frr';
const FRR_DAEMONS = ['zebra', 'staticd', 'bgpd'] as const;
/** FRR shows well-known communities by name; the tests compare numbers. */
const WELL_KNOWN_COMMUNITIES: Record<string, string> = {
  'no-export': '65535:65281', 'no-advertise': '65535:65282', 'local-AS': '65535:65283',
};

/** What the router-config live test needs from Debian. */
const ROUTING_PACKAGES: PackageNeeds = {
  tools: ['ip', 'vtysh', 'bird', 'birdc', `${FRR_DAEMONS_DIR}/bgpd`, `${FRR_DAEMONS_DIR}/zebra`, `${FRR_DAEMONS_DIR}/staticd`],
  packages: ['frr', 'bird2'],
  services: ['frr', 'bird'],
};

/** The tools the tests need, missing ones listed. */
export function missingTools(): string[] {
  return missingOf(ROUTING_PACKAGES);
}

/** Why live namespaces cannot be used here, or undefined when they can. */
export function namespaceSkipReason(): string | undefined {
  return sharedSkipReason('rcfg');
}

/**
 * Installs `frr` and `bird2` with apt-get when a tool is missing (root only), then stops and disables the
 * services the packages start so that no system daemon keeps running. Returns what it did.
 */
export function ensureRoutingPackages(): string {
  return ensurePackages(ROUTING_PACKAGES);
}

/** Runs FRR's own syntax check (`vtysh --dryrun -f`) on a configuration. */
export function frrSyntaxCheck(config: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'rcfg-check-'));
  try {
    const file = path.join(dir, 'frr.conf');
    writeFileSync(file, config);
    const r = spawnSync('vtysh', ['--dryrun', '-f', file], { encoding: 'utf8', timeout: 30_000 });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One route BIRD or FRR holds. */
export interface LearnedRoute {
  readonly prefix: string;
  /** Standard communities as `AS:value`, sorted. */
  readonly communities: string[];
}

/** The AWS side's advertisement: prefix and the communities BIRD adds. */
export interface AwsRoute {
  readonly prefix: string;
  readonly communities: string[];
}

/** A customer (FRR) and AWS (BIRD) pair in two namespaces. */
export interface PeeringLabOptions {
  /** Short unique label, letters and digits (used in namespace and interface names). */
  readonly label: string;
  readonly customerCidr: string;
  readonly amazonCidr: string;
  readonly customerAsn: number;
  /** The MD5 key the AWS side (BIRD) uses. */
  readonly awsKey: string;
  /** What the AWS side advertises. */
  readonly awsRoutes: AwsRoute[];
  /** The FRR configuration to load (integrated format), given the customer side's interface name. */
  readonly frrConfig: (customerInterface: string) => string;
}

/** A running lab. */
export class PeeringLab {
  private readonly dir: string;
  private readonly nsCustomer: string;
  private readonly nsAws: string;
  private readonly ifCustomer: string;
  private readonly ifAws: string;
  private readonly pidFiles: string[] = [];
  private namespacesCreated = false;
  private bird: ChildProcess | undefined;

  constructor(private readonly o: PeeringLabOptions) {
    const tag = `${process.pid % 100000}${o.label}`;
    this.nsCustomer = `rcfg-${tag}-cust`;
    this.nsAws = `rcfg-${tag}-aws`;
    this.ifCustomer = `rc${tag}c`.slice(0, 15);
    this.ifAws = `rc${tag}a`.slice(0, 15);
    this.dir = mkdtempSync(path.join(tmpdir(), `rcfg-${o.label}-`));
  }

  /** Where FRR's vty sockets live. */
  get vtySocketDir(): string {
    return path.join(this.dir, 'frr');
  }

  private ip(...args: string[]): Promise<unknown> {
    return run('ip', args);
  }

  /** Creates the namespaces and link, starts FRR (customer) and BIRD (AWS). */
  async start(): Promise<void> {
    const customerIp = this.o.customerCidr.split('/')[0];
    const amazonIp = this.o.amazonCidr.split('/')[0];
    await this.ip('netns', 'add', this.nsCustomer);
    this.namespacesCreated = true;
    await this.ip('netns', 'add', this.nsAws);
    await this.ip('link', 'add', this.ifCustomer, 'type', 'veth', 'peer', 'name', this.ifAws);
    await this.ip('link', 'set', this.ifCustomer, 'netns', this.nsCustomer);
    await this.ip('link', 'set', this.ifAws, 'netns', this.nsAws);
    for (const [ns, dev] of [[this.nsCustomer, this.ifCustomer], [this.nsAws, this.ifAws]]) {
      await this.ip('-n', ns, 'link', 'set', 'lo', 'up');
      await this.ip('-n', ns, 'link', 'set', dev, 'up');
    }
    // The AWS side's address is set here; the customer's comes from the FRR configuration (zebra sets it).
    await this.ip('-n', this.nsAws, 'addr', 'add', this.o.amazonCidr, 'dev', this.ifAws);

    // FRR as the unprivileged frr user: its own folder for vty sockets, zserv socket, pid files and logs.
    const frrDir = this.vtySocketDir;
    execFileSync('install', ['-d', '-o', 'frr', '-g', 'frr', '-m', '0755', frrDir]);
    chmodSync(this.dir, 0o755); // mkdtemp makes it 0700; the frr user must reach its folder inside
    const empty = path.join(frrDir, 'empty.conf');
    writeFileSync(empty, '');
    for (const d of FRR_DAEMONS) {
      const pid = path.join(frrDir, `${d}.pid`);
      this.pidFiles.push(pid);
      await run('ip', ['netns', 'exec', this.nsCustomer, `${FRR_DAEMONS_DIR}/${d}`, '-d', '-N', this.nsCustomer,
        '--vty_socket', frrDir, '-z', path.join(frrDir, 'zserv.api'), '-i', pid, '-f', empty,
        '-u', 'frr', '-g', 'frr', '--log', `file:${path.join(frrDir, `${d}.log`)}`]);
    }
    await waitFor(async () => FRR_DAEMONS.every((d) => existsSync(path.join(frrDir, `${d}.vty`))), 10_000, 'FRR vty sockets');
    const conf = path.join(frrDir, 'frr.conf');
    writeFileSync(conf, this.o.frrConfig(this.ifCustomer));
    const load = spawnSync('vtysh', ['--vty_socket', frrDir, '-f', conf], { encoding: 'utf8', timeout: 30_000 });
    if (load.status !== 0) throw new Error(`vtysh -f failed (${load.status}): ${load.stdout}${load.stderr}`);

    // BIRD as the AWS side (AS 7224).
    const birdConf = path.join(this.dir, 'bird.conf');
    writeFileSync(birdConf, birdConfig(this.ifAws, amazonIp, customerIp, this.o.customerAsn, this.o.awsKey, this.o.awsRoutes));
    // In the foreground (-f) as a child of this process, so that stopping it also reaps it.
    this.bird = spawn('ip', ['netns', 'exec', this.nsAws, 'bird', '-f', '-c', birdConf, '-s', this.birdSocket], { stdio: 'ignore' });
    await waitFor(async () => existsSync(this.birdSocket), 10_000, 'BIRD control socket');
  }

  private get birdSocket(): string {
    return path.join(this.dir, 'bird.ctl');
  }

  /** `vtysh -c` against this lab's FRR. */
  async vtysh(command: string): Promise<string> {
    const r = await run('vtysh', ['--vty_socket', this.vtySocketDir, '-c', command]);
    return r.stdout;
  }

  /** `birdc` against this lab's BIRD. */
  async birdc(...command: string[]): Promise<string> {
    const r = await run('birdc', ['-s', this.birdSocket, ...command]);
    return r.stdout;
  }

  /** FRR's state of the session with the AWS side. */
  async bgpState(amazonIp: string): Promise<{ state: string; authenticationEnabled: boolean }> {
    const json = JSON.parse(await this.vtysh(`show bgp neighbors ${amazonIp} json`)) as Record<string, Record<string, unknown>>;
    const n = json[amazonIp] ?? {};
    return { state: String(n.bgpState), authenticationEnabled: n.authenticationEnabled === 1 };
  }

  /** The TCP sockets to or from port 179 in the customer namespace with their kernel MD5 keys (`ss -tnie`). */
  async tcpSessions(): Promise<string> {
    const r = await run('ip', ['netns', 'exec', this.nsCustomer, 'ss', '-tnie', 'state', 'established', '( sport = :179 or dport = :179 )']);
    return r.stdout;
  }

  /** Routes the customer (FRR) accepted from the AWS side. */
  async customerAccepted(amazonIp: string): Promise<LearnedRoute[]> {
    const json = JSON.parse(await this.vtysh('show bgp ipv4 unicast json detail')) as { routes?: Record<string, Array<Record<string, unknown>>> };
    const out: LearnedRoute[] = [];
    for (const [prefix, paths] of Object.entries(json.routes ?? {})) {
      for (const p of paths) {
        // FRR 8.4 `json detail`: the first element holds the prefix, the others are paths with `peer.peerId`
        const peer = (p.peer as { peerId?: string } | undefined)?.peerId ?? p.peerId;
        if (peer !== amazonIp) continue;
        const community = (p.community as { string?: string } | undefined)?.string ?? '';
        out.push({
          prefix,
          communities: community.split(' ').filter((x) => x !== '').map((x) => WELL_KNOWN_COMMUNITIES[x] ?? x).sort(),
        });
      }
    }
    return out.sort((a, b) => a.prefix.localeCompare(b.prefix));
  }

  /** Routes the AWS side (BIRD) received from the customer. */
  async awsReceived(): Promise<LearnedRoute[]> {
    return parseBirdRoutes(await this.birdc('show', 'route', 'all', 'protocol', 'customer'));
  }

  /** BIRD's state of the session ('Established' when up). */
  async awsState(): Promise<string> {
    const text = await this.birdc('show', 'protocols', 'customer');
    const line = text.split('\n').find((l) => l.startsWith('customer')) ?? '';
    return line.trim().split(/\s+/).slice(5).join(' ');
  }

  /** Stops every daemon started here (by pid) and deletes the namespaces and the folder. Safe to call twice. */
  async stop(): Promise<void> {
    const bird = this.bird;
    this.bird = undefined;
    if (bird && bird.exitCode === null && bird.signalCode === null) {
      const exited = new Promise((r) => bird.once('exit', r));
      bird.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 3000); })]);
      clearTimeout(timer);
      if (bird.exitCode === null && bird.signalCode === null) bird.kill('SIGKILL');
    }
    for (const f of this.pidFiles) {
      if (!existsSync(f)) continue;
      const pid = Number(readFileSync(f, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 1) {
        try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
      }
    }
    if (this.namespacesCreated) {
      // Give daemons a moment to exit, then remove the namespaces (the veth pair goes with them).
      await new Promise((r) => setTimeout(r, 300));
      for (const f of this.pidFiles) {
        if (!existsSync(f)) continue;
        const pid = Number(readFileSync(f, 'utf8').trim());
        try { process.kill(pid, 0); process.kill(pid, 'SIGKILL'); } catch { /* exited */ }
      }
      for (const ns of [this.nsCustomer, this.nsAws]) spawnSync('ip', ['netns', 'del', ns]);
      this.namespacesCreated = false;
    }
    this.pidFiles.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** BIRD 2 configuration for the AWS side. */
function birdConfig(dev: string, localIp: string, peerIp: string, peerAsn: number, key: string, routes: AwsRoute[]): string {
  const tag = (r: AwsRoute): string => r.communities
    .map((c) => c.split(':'))
    .map(([a, b]) => `bgp_community.add((${a},${b}));`).join(' ');
  return [
    `router id ${localIp};`,
    'protocol device {}',
    `protocol direct { ipv4; interface "${dev}"; }`,
    'protocol static aws_routes {',
    '  ipv4 {',
    '    import filter {',
    ...routes.filter((r) => r.communities.length > 0).map((r) => `      if net = ${r.prefix} then { ${tag(r)} }`),
    '      accept;',
    '    };',
    '  };',
    ...routes.map((r) => `  route ${r.prefix} blackhole;`),
    '}',
    'protocol bgp customer {',
    `  local ${localIp} as 7224;`,
    `  neighbor ${peerIp} as ${peerAsn};`,
    `  password "${key}";`,
    '  hold time 9;',
    '  connect retry time 1;',
    '  ipv4 { import all; export where proto = "aws_routes"; };',
    '}',
    '',
  ].join('\n');
}

/** Parses `birdc show route all` output into prefixes and their communities. */
export function parseBirdRoutes(text: string): LearnedRoute[] {
  const out: LearnedRoute[] = [];
  let current: { prefix: string; communities: string[] } | undefined;
  for (const line of text.split('\n')) {
    const start = /^(\d+\.\d+\.\d+\.\d+\/\d+)\s/.exec(line);
    if (start) {
      current = { prefix: start[1], communities: [] };
      out.push(current);
      continue;
    }
    const comm = /^\s+BGP\.community:\s*(.*)$/.exec(line);
    if (comm && current) {
      current.communities = [...comm[1].matchAll(/\((\d+),(\d+)\)/g)].map((m) => `${m[1]}:${m[2]}`).sort();
    }
  }
  return out.sort((a, b) => a.prefix.localeCompare(b.prefix));
}
