/**
 * Shared helpers for the live suites (`*.live.test.ts`, run by `npm run test:live`) that run real Debian daemons in
 * network namespaces (router-config's FRR/BIRD, the doctor's dnsmasq/coturn): probing that namespaces can be made,
 * that the tools are installed (the suites install nothing; `.ci/run` installs the packages), and polling.
 */
import { spawnSync } from 'node:child_process';
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

/** What a suite needs from Debian. */
export interface PackageNeeds {
  /** Commands (on PATH) or absolute paths the suite runs. */
  readonly tools: readonly string[];
  /** The packages that provide them (named in the skip reason; `.ci/run` installs them). */
  readonly packages: readonly string[];
}

/** The tools of `needs` that are missing. */
export function missingOf(needs: PackageNeeds): string[] {
  return needs.tools.filter((t) => !have(t));
}

/**
 * Why a suite that needs `needs` cannot run here, or undefined when every tool is there. The tests never install
 * anything: the reason names the apt-get line to run (`.ci/run` runs it).
 */
export function missingPackagesReason(needs: PackageNeeds): string | undefined {
  const missing = missingOf(needs);
  if (missing.length === 0) return undefined;
  return `is missing ${missing.join(', ')} (install with: apt-get install -y --no-install-recommends ${needs.packages.join(' ')})`;
}

/** Why a live suite cannot run here (no network namespaces, or a tool missing), or undefined when it can. */
export function liveLabSkipReason(prefix: string, ...needs: PackageNeeds[]): string | undefined {
  return namespaceSkipReason(prefix) ?? needs.map(missingPackagesReason).find((r) => r !== undefined);
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
