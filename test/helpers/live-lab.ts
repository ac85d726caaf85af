/**
 * Shared helpers for the live suites that run real Debian daemons in network namespaces (router-config's
 * FRR/BIRD, the doctor's dnsmasq/coturn): probing that namespaces can be made, installing missing packages with
 * apt-get, stopping services a package install starts, and polling.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** True when a command is on PATH (or an absolute path exists). */
export function have(cmd: string): boolean {
  if (cmd.startsWith('/')) return existsSync(cmd);
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Why live namespaces cannot be used here, or undefined when they can (root, `ip netns` works).
 * Probes by creating and deleting a namespace named with `prefix` and the pid.
 */
export function namespaceSkipReason(prefix: string): string | undefined {
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    return `not running as root (uid ${process.getuid()}): creating network namespaces needs root`;
  }
  if (!have('ip')) return "the 'ip' command (iproute2) is missing";
  const probe = `${prefix}-probe-${process.pid}`;
  const add = spawnSync('ip', ['netns', 'add', probe], { encoding: 'utf8' });
  if (add.status !== 0) return `'ip netns add' failed: ${(add.stderr || '').trim()}`;
  spawnSync('ip', ['netns', 'del', probe]);
  return undefined;
}

/** Stops and disables a service a package install may have started (systemd or SysV), ignoring absence. */
export function stopService(name: string): void {
  const systemd = spawnSync('systemctl', ['is-system-running'], { encoding: 'utf8' });
  const state = (systemd.stdout || '').trim();
  if (systemd.status !== null && state !== '' && state !== 'offline') {
    spawnSync('systemctl', ['disable', '--now', name], { stdio: 'ignore' });
  } else {
    spawnSync('service', [name, 'stop'], { stdio: 'ignore' });
  }
}

/** What a suite needs from Debian. */
export interface PackageNeeds {
  /** Commands (on PATH) or absolute paths the suite runs. */
  readonly tools: readonly string[];
  /** The packages that provide them. */
  readonly packages: readonly string[];
  /** Services the packages start on install, to stop and disable so that no system daemon keeps running. */
  readonly services: readonly string[];
}

/** The tools of `needs` that are missing. */
export function missingOf(needs: PackageNeeds): string[] {
  return needs.tools.filter((t) => !have(t));
}

/**
 * Installs the packages with apt-get when a tool is missing (root only; waits up to 300 s for the dpkg lock that
 * other installs may hold), then stops the services they start. Returns what it did, to be printed by the suite.
 * Throws when a tool is still missing.
 */
export function ensurePackages(needs: PackageNeeds): string {
  const missing = missingOf(needs);
  if (missing.length === 0) return `${needs.packages.join(', ')} already installed`;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`missing ${missing.join(', ')} and not root, cannot apt-get install ${needs.packages.join(' ')}`);
  }
  // said when it happens (stderr, straight through jest): the README's prerequisites name this step too
  process.stderr.write(`live test: apt-get install -y --no-install-recommends ${needs.packages.join(' ')} (missing: ${missing.join(', ')}); `
    + 'this needs root and access to a Debian mirror, and may wait up to 300 s for the dpkg lock\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  execFileSync('apt-get', [...lock, 'update'], { env, stdio: 'pipe', timeout: 400_000 });
  execFileSync('apt-get', [...lock, 'install', '-y', '--no-install-recommends', ...needs.packages], { env, stdio: 'pipe', timeout: 600_000 });
  for (const svc of needs.services) stopService(svc);
  const still = missingOf(needs);
  if (still.length > 0) throw new Error(`after apt-get install ${needs.packages.join(' ')}, still missing: ${still.join(', ')}`);
  return `installed ${needs.packages.join(', ')} with apt-get (missing were ${missing.join(', ')}; services ${needs.services.join(', ')} stopped and disabled)`;
}

/** Polls until the check passes or the time is up (then throws naming what it waited for). */
export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string, intervalMs = 250): Promise<void> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < end) {
    try {
      if (await check()) return;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
