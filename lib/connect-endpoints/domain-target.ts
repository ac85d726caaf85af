/**
 * Turns hosts as AWS writes them into AWS Network Firewall domain-list targets (internal; not exported from the
 * package).
 *
 * Network Firewall accepts an explicit name (`abc.example.com`, matches only that name) or a domain wildcard with a
 * leading dot (`.example.com`, matches example.com and every subdomain). It rejects `*.example.com`, URLs with a
 * scheme and paths ("Targets has invalid format").
 * @see https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_RulesSourceList.html
 */
import { isUnresolved as isToken } from '../private/unresolved';

/**
 * Normalizes one host (or URL) to a domain-list target:
 * - `https://` and any path are stripped (SNI and Host carry no path),
 * - `*.x` becomes `.x`,
 * - a label with a wildcard inside it (`rtc*.connect-telecom.R.amazonaws.com`, `TurnNlb-*.elb.R.amazonaws.com`)
 *   becomes the nearest enclosing domain as a wildcard (`.connect-telecom.R.amazonaws.com`): the smallest target
 *   that still matches every name the pattern matches,
 * - the result is lower-cased.
 * Hosts holding unresolved tokens keep their case and only lose a leading `*` (a token's text has dots in it, so it
 * cannot be split into labels).
 */
export function toDomainTarget(hostOrUrl: string): string {
  if (isToken(hostOrUrl)) return hostOrUrl.replace(/^\*\./, '.');
  let host = hostOrUrl.trim().replace(/^[a-z]+:\/\//i, '');
  const slash = host.indexOf('/');
  if (slash !== -1) host = host.slice(0, slash);
  host = host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  const labels = host.split('.');
  let lastWild = -1;
  labels.forEach((l, i) => { if (l.includes('*')) lastWild = i; });
  if (lastWild === -1) return host;
  return '.' + labels.slice(lastWild + 1).join('.');
}

/** True when the wildcard target `.x` covers the name or wildcard `t`. */
export function covers(wildcard: string, target: string): boolean {
  if (!wildcard.startsWith('.')) return false;
  const base = wildcard.slice(1);
  const bare = target.startsWith('.') ? target.slice(1) : target;
  return bare === base || bare.endsWith(wildcard);
}

/**
 * Normalizes, merges duplicates, drops every target covered by a leading-dot wildcard already in the list, and
 * sorts (plain string order).
 */
export function normalizeDomainTargets(hosts: string[]): string[] {
  const unique = [...new Set(hosts.map(toDomainTarget))];
  const wildcards = unique.filter((t) => t.startsWith('.'));
  return unique
    .filter((t) => !wildcards.some((w) => w !== t && covers(w, t)))
    .sort();
}
