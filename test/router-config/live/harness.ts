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
import { liveLabSkipReason, missingOf, PackageNeeds, waitFor } from '../../helpers/live-lab';

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
};

/** What the failover live test needs on top: FRR's BFD daemon and nft (to make the primary go silent). */
export const FAILOVER_PACKAGES: PackageNeeds = {
  tools: [`${FRR_DAEMONS_DIR}/bfdd`, 'nft'],
  packages: ['frr', 'nftables'],
};

/** The tools the tests need, missing ones listed. */
export function missingTools(): string[] {
  return missingOf(ROUTING_PACKAGES);
}

/** Why these live tests cannot run here (no network namespaces, or a tool missing), or undefined when they can. */
export function routingSkipReason(...more: PackageNeeds[]): string | undefined {
  return liveLabSkipReason('rcfg', ROUTING_PACKAGES, ...more);
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
  /**
   * A name (letters, digits) for a set of routes BIRD can withdraw and announce again together (`withdrawGroup`),
   * e.g. the routes of one AWS Region. @default - the routes that are always announced
   */
  readonly group?: string;
}

/** One AWS device (a BIRD instance in its own namespace) the customer router peers with. */
export interface AwsPeer {
  readonly customerCidr: string;
  readonly amazonCidr: string;
  /** The MD5 key the AWS side (BIRD) uses. */
  readonly awsKey: string;
  /** What the AWS side advertises. */
  readonly awsRoutes: AwsRoute[];
  /** Run BFD on BIRD's side (300 ms x 3, as AWS). @default false */
  readonly bfd?: boolean;
  /** BIRD's hold time in seconds. @default 9 */
  readonly holdSeconds?: number;
  /** Reconnect within a second after a session error (BIRD otherwise waits 60 s). @default false */
  readonly fastReconnect?: boolean;
}

/** A customer (FRR) and AWS (BIRD) pair in two namespaces, or one FRR and several AWS devices (`awsPeers`). */
export interface PeeringLabOptions extends Partial<AwsPeer> {
  /** Short unique label, letters and digits (used in namespace and interface names). */
  readonly label: string;
  /** The first part of the namespace names, unique to a suite (letters, digits). @default 'rcfg' */
  readonly namespacePrefix?: string;
  readonly customerAsn: number;
  /** Several AWS devices, each in its own namespace and link; default: the one the top-level fields describe. */
  readonly awsPeers?: AwsPeer[];
  /** FRR daemons to run besides zebra, staticd and bgpd (e.g. `bfdd`). */
  readonly extraDaemons?: string[];
  /**
   * The FRR configuration to load (integrated format), given the customer side's interface name (of the first AWS
   * peer) and the names of all of them, in `awsPeers` order.
   */
  readonly frrConfig: (customerInterface: string, customerInterfaces: string[]) => string;
}

/** One AWS side of a running lab: its namespace, link ends and BIRD. */
interface AwsSide {
  readonly peer: AwsPeer;
  readonly ns: string;
  readonly ifCustomer: string;
  readonly ifAws: string;
  readonly birdSocket: string;
  bird?: ChildProcess;
}

/** A running lab. */
export class PeeringLab {
  private readonly dir: string;
  private readonly nsCustomer: string;
  private readonly sides: AwsSide[];
  private readonly daemons: string[];
  private readonly pidFiles: string[] = [];
  private namespacesCreated = false;

  constructor(private readonly o: PeeringLabOptions) {
    const tag = `${process.pid % 100000}${o.label}`;
    const prefix = o.namespacePrefix ?? 'rcfg';
    this.nsCustomer = `${prefix}-${tag}-cust`;
    this.dir = mkdtempSync(path.join(tmpdir(), `rcfg-${o.label}-`));
    const peers = o.awsPeers ?? [{
      customerCidr: o.customerCidr!, amazonCidr: o.amazonCidr!, awsKey: o.awsKey!, awsRoutes: o.awsRoutes!,
      bfd: o.bfd, holdSeconds: o.holdSeconds, fastReconnect: o.fastReconnect,
    }];
    const n = (i: number) => (i === 0 ? '' : String(i));
    this.sides = peers.map((peer, i) => ({
      peer,
      ns: `${prefix}-${tag}-aws${n(i)}`,
      ifCustomer: `rc${tag}c${n(i)}`.slice(0, 15),
      ifAws: `rc${tag}a${n(i)}`.slice(0, 15),
      birdSocket: path.join(this.dir, `bird${n(i)}.ctl`),
    }));
    this.daemons = [...FRR_DAEMONS, ...(o.extraDaemons ?? [])];
  }

  /** The customer side's interface towards each AWS peer, in `awsPeers` order. */
  get customerInterfaces(): string[] {
    return this.sides.map((x) => x.ifCustomer);
  }

  /** Where FRR's vty sockets live. */
  get vtySocketDir(): string {
    return path.join(this.dir, 'frr');
  }

  private ip(...args: string[]): Promise<unknown> {
    return run('ip', args);
  }

  /** Creates the namespaces and links, starts FRR (customer) and BIRD (AWS, one per peer). */
  async start(): Promise<void> {
    await this.ip('netns', 'add', this.nsCustomer);
    this.namespacesCreated = true;
    await this.ip('-n', this.nsCustomer, 'link', 'set', 'lo', 'up');
    for (const side of this.sides) {
      await this.ip('netns', 'add', side.ns);
      await this.ip('link', 'add', side.ifCustomer, 'type', 'veth', 'peer', 'name', side.ifAws);
      await this.ip('link', 'set', side.ifCustomer, 'netns', this.nsCustomer);
      await this.ip('link', 'set', side.ifAws, 'netns', side.ns);
      await this.ip('-n', side.ns, 'link', 'set', 'lo', 'up');
      await this.ip('-n', this.nsCustomer, 'link', 'set', side.ifCustomer, 'up');
      await this.ip('-n', side.ns, 'link', 'set', side.ifAws, 'up');
      // The AWS side's address is set here; the customer's comes from the FRR configuration (zebra sets it).
      await this.ip('-n', side.ns, 'addr', 'add', side.peer.amazonCidr, 'dev', side.ifAws);
    }

    // FRR as the unprivileged frr user: its own folder for vty sockets, zserv socket, pid files and logs.
    const frrDir = this.vtySocketDir;
    execFileSync('install', ['-d', '-o', 'frr', '-g', 'frr', '-m', '0755', frrDir]);
    chmodSync(this.dir, 0o755); // mkdtemp makes it 0700; the frr user must reach its folder inside
    const empty = path.join(frrDir, 'empty.conf');
    writeFileSync(empty, '');
    for (const d of this.daemons) {
      const pid = path.join(frrDir, `${d}.pid`);
      this.pidFiles.push(pid);
      await run('ip', ['netns', 'exec', this.nsCustomer, `${FRR_DAEMONS_DIR}/${d}`, '-d', '-N', this.nsCustomer,
        '--vty_socket', frrDir, '-z', path.join(frrDir, 'zserv.api'), '-i', pid, '-f', empty,
        '-u', 'frr', '-g', 'frr', '--log', `file:${path.join(frrDir, `${d}.log`)}`]);
    }
    await waitFor(async () => this.daemons.every((d) => existsSync(path.join(frrDir, `${d}.vty`))), 10_000, 'FRR vty sockets');
    const conf = path.join(frrDir, 'frr.conf');
    writeFileSync(conf, this.o.frrConfig(this.sides[0].ifCustomer, this.customerInterfaces));
    const load = spawnSync('vtysh', ['--vty_socket', frrDir, '-f', conf], { encoding: 'utf8', timeout: 30_000 });
    if (load.status !== 0) throw new Error(`vtysh -f failed (${load.status}): ${load.stdout}${load.stderr}`);

    // BIRD as the AWS side (AS 7224), one per peer.
    for (const [i, side] of this.sides.entries()) {
      const birdConf = path.join(this.dir, `bird${i}.conf`);
      writeFileSync(birdConf, birdConfig(side.ifAws, this.o.customerAsn, side.peer));
      // In the foreground (-f) as a child of this process, so that stopping it also reaps it.
      side.bird = spawn('ip', ['netns', 'exec', side.ns, 'bird', '-f', '-c', birdConf, '-s', side.birdSocket], { stdio: 'ignore' });
      await waitFor(async () => existsSync(side.birdSocket), 10_000, 'BIRD control socket');
    }
  }

  /** `vtysh -c` against this lab's FRR. */
  async vtysh(command: string): Promise<string> {
    const r = await run('vtysh', ['--vty_socket', this.vtySocketDir, '-c', command]);
    return r.stdout;
  }

  /** `birdc` against this lab's (first) BIRD. */
  async birdc(...command: string[]): Promise<string> {
    return this.birdcOn(0, ...command);
  }

  /** `birdc` against the BIRD of AWS peer `peer`. */
  async birdcOn(peer: number, ...command: string[]): Promise<string> {
    const r = await run('birdc', ['-s', this.sides[peer].birdSocket, ...command]);
    return r.stdout;
  }

  /** AWS peer `peer` withdraws the routes of `group` (BIRD disables their static protocol), as AWS does when a Region's routes go away. */
  async withdrawGroup(peer: number, group: string): Promise<void> {
    await this.birdcOn(peer, 'disable', `aws_${group}`);
  }

  /** AWS peer `peer` announces the routes of `group` again. */
  async announceGroup(peer: number, group: string): Promise<void> {
    await this.birdcOn(peer, 'enable', `aws_${group}`);
  }

  /**
   * Makes AWS peer `peer` go silent while its link stays up (nftables drops everything in its namespace), as when
   * the far device dies behind a cross-connect: only BFD or the BGP hold timer can notice.
   */
  async blackhole(peer: number): Promise<void> {
    const ns = this.sides[peer].ns;
    await run('ip', ['netns', 'exec', ns, 'nft', [
      'add table inet rcfg_fail;',
      'add chain inet rcfg_fail in { type filter hook input priority -300; policy drop; };',
      'add chain inet rcfg_fail out { type filter hook output priority -300; policy drop; }',
    ].join(' ')]);
  }

  /** Undoes `blackhole`. */
  async restore(peer: number): Promise<void> {
    await run('ip', ['netns', 'exec', this.sides[peer].ns, 'nft', 'delete table inet rcfg_fail']);
  }

  /** The next hops the customer's kernel forwards a prefix to (zebra's installed route; empty when none). */
  async kernelNextHops(prefix: string): Promise<string[]> {
    const r = await run('ip', ['-n', this.nsCustomer, '-j', 'route', 'show', 'exact', prefix]);
    const routes = JSON.parse(r.stdout || '[]') as Array<{ gateway?: string; nexthops?: Array<{ gateway?: string }> }>;
    return routes.flatMap((x) => (x.nexthops ? x.nexthops.map((h) => h.gateway ?? '') : [x.gateway ?? ''])).filter((g) => g !== '').sort();
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

  /** Routes the AWS side (BIRD of peer `peer`) received from the customer. */
  async awsReceived(peer = 0): Promise<LearnedRoute[]> {
    return parseBirdRoutes(await this.birdcOn(peer, 'show', 'route', 'all', 'protocol', 'customer'));
  }

  /** The AS_PATH of each route the AWS side (BIRD of peer `peer`) received, by prefix. */
  async awsReceivedPaths(peer = 0): Promise<Record<string, string>> {
    const text = await this.birdcOn(peer, 'show', 'route', 'all', 'protocol', 'customer');
    const out: Record<string, string> = {};
    let prefix: string | undefined;
    for (const line of text.split('\n')) {
      const start = /^(\d+\.\d+\.\d+\.\d+\/\d+)\s/.exec(line);
      if (start) prefix = start[1];
      const path = /^\s+BGP\.as_path:\s*(.*)$/.exec(line);
      if (path && prefix) out[prefix] = path[1].trim();
    }
    return out;
  }

  /** BIRD's state of the session ('Established' when up). */
  async awsState(peer = 0): Promise<string> {
    const text = await this.birdcOn(peer, 'show', 'protocols', 'customer');
    const line = text.split('\n').find((l) => l.startsWith('customer')) ?? '';
    return line.trim().split(/\s+/).slice(5).join(' ');
  }

  /** Stops every daemon started here (by pid) and deletes the namespaces and the folder. Safe to call twice. */
  async stop(): Promise<void> {
    for (const side of this.sides) {
      const bird = side.bird;
      side.bird = undefined;
      if (bird && bird.exitCode === null && bird.signalCode === null) {
        const exited = new Promise((r) => bird.once('exit', r));
        bird.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => { timer = setTimeout(r, 3000); })]);
        clearTimeout(timer);
        if (bird.exitCode === null && bird.signalCode === null) bird.kill('SIGKILL');
      }
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
      for (const ns of [this.nsCustomer, ...this.sides.map((x) => x.ns)]) spawnSync('ip', ['netns', 'del', ns]);
      this.namespacesCreated = false;
    }
    this.pidFiles.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** BIRD 2 configuration for one AWS side: one static protocol for the ungrouped routes, one per route group. */
function birdConfig(dev: string, peerAsn: number, peer: AwsPeer): string {
  const localIp = peer.amazonCidr.split('/')[0];
  const peerIp = peer.customerCidr.split('/')[0];
  const tag = (r: AwsRoute): string => r.communities
    .map((c) => c.split(':'))
    .map(([a, b]) => `bgp_community.add((${a},${b}));`).join(' ');
  const groups = [...new Set(peer.awsRoutes.map((r) => r.group))].sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  const protocolOf = (group: string | undefined) => (group === undefined ? 'aws_routes' : `aws_${group}`);
  const statics = groups.flatMap((group) => {
    const routes = peer.awsRoutes.filter((r) => r.group === group);
    return [
      `protocol static ${protocolOf(group)} {`,
      '  ipv4 {',
      '    import filter {',
      ...routes.filter((r) => r.communities.length > 0).map((r) => `      if net = ${r.prefix} then { ${tag(r)} }`),
      '      accept;',
      '    };',
      '  };',
      ...routes.map((r) => `  route ${r.prefix} blackhole;`),
      '}',
    ];
  });
  const exported = groups.map((g) => `proto = "${protocolOf(g)}"`).join(' || ') || 'false';
  return [
    `router id ${localIp};`,
    'protocol device {}',
    `protocol direct { ipv4; interface "${dev}"; }`,
    ...statics,
    ...(peer.bfd ? [`protocol bfd { interface "${dev}" { min rx interval 300 ms; min tx interval 300 ms; multiplier 3; }; }`] : []),
    'protocol bgp customer {',
    `  local ${localIp} as 7224;`,
    `  neighbor ${peerIp} as ${peerAsn};`,
    `  password "${peer.awsKey}";`,
    `  hold time ${peer.holdSeconds ?? 9};`,
    '  connect retry time 1;',
    ...(peer.fastReconnect ? ['  error wait time 1, 2;', '  error forget time 10;'] : []),
    ...(peer.bfd ? ['  bfd on;'] : []),
    `  ipv4 { import all; export where ${exported}; };`,
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
