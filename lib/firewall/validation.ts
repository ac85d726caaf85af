/**
 * Synth-time checks shared by the firewall constructs (internal: not re-exported from `lib/index.ts`).
 * Each check lets unresolved tokens pass through and names the property, the value and what is allowed.
 */
import { Names } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NetworkFirewallLimits } from './limits';
import { formatCidr, networkOf, parseCidr } from '../private/cidr';
import { fail, isToken, show } from '../private/errors';

/** A CIDR list that was checked: the texts (tokens included) and the families of the resolved ones. */
export interface CheckedCidrs {
  readonly all: string[];
  readonly v4: string[];
  readonly v6: string[];
  /** True when the list or one of its entries is an unresolved token. */
  readonly hasTokens: boolean;
}

/**
 * Checks a list of CIDRs: non-empty, each canonical (`10.1.0.0/16`, not `10.1.0.1/16`, `10.01.0.0/16` or
 * `2001:DB8::/32`), no duplicates. Private ranges are allowed. Unresolved entries pass through.
 */
export function checkCidrList(property: string, cidrs: string[]): CheckedCidrs {
  if (isToken(cidrs)) return { all: cidrs, v4: [], v6: [], hasTokens: true };
  if (cidrs.length === 0) {
    fail(property, 'must list at least one CIDR (e.g. the agents\' subnets, 10.20.0.0/16), got []');
  }
  const v4: string[] = [];
  const v6: string[] = [];
  const seen = new Set<string>();
  let hasTokens = false;
  cidrs.forEach((text, i) => {
    if (isToken(text)) { hasTokens = true; return; }
    checkCanonicalCidr(`${property}[${i}]`, text);
    if (seen.has(text)) fail(`${property}[${i}]`, `must not repeat a CIDR, got ${show(text)} twice`);
    seen.add(text);
    (text.includes(':') ? v6 : v4).push(text);
  });
  return { all: cidrs, v4, v6, hasTokens };
}

/** Checks one CIDR is well formed and canonical. */
export function checkCanonicalCidr(property: string, text: string): void {
  if (isToken(text)) return;
  const parsed = typeof text === 'string' ? parseCidr(text) : undefined;
  if (!parsed) {
    fail(property, `must be an IPv4 or IPv6 CIDR such as 10.20.0.0/16 or 2001:db8::/56, got ${show(text)}`);
  }
  const canonical = formatCidr(parsed.family, networkOf(parsed), parsed.length);
  if (canonical !== text) {
    fail(property, `must be a canonical CIDR (network address, no host bits, lower-case IPv6), got ${show(text)}; did you mean '${canonical}'?`);
  }
}

/** Checks a capacity: integer from 1 to the maximum, and at least the need. */
export function checkCapacity(property: string, capacity: number, need: number, maximum: number): void {
  if (isToken(capacity)) return;
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > maximum) {
    fail(property, `must be an integer from 1 to ${maximum} (the AWS maximum; fixed at creation, leave headroom), got ${show(capacity)}`);
  }
  if (capacity < need) {
    fail(property, `is ${capacity} but the rules need ${need}; raise it (capacity cannot be changed after creation)`);
  }
}

/** Checks that the need itself fits the maximum (so even the largest capacity would do). */
export function checkNeedFits(property: string, need: number, maximum: number, what: string): void {
  if (need > maximum) {
    fail(property, `yields a capacity need of ${need} (${what}) but a rule group holds at most ${maximum}; split the list`);
  }
}

/** Checks a rule group or firewall policy name. */
export function checkResourceName(property: string, name: string): void {
  if (isToken(name)) return;
  if (!new RegExp(NetworkFirewallLimits.RESOURCE_NAME_PATTERN).test(name)
    || name.length > NetworkFirewallLimits.MAX_RESOURCE_NAME_LENGTH) {
    fail(property, `must be 1 to ${NetworkFirewallLimits.MAX_RESOURCE_NAME_LENGTH} letters, digits and '-', got ${show(name)}`);
  }
}

/**
 * A physical name derived from the construct path, valid for Network Firewall (letters, digits, '-'), leaving
 * `reserve` characters free for a suffix.
 */
export function defaultName(scope: IConstruct, reserve = 0): string {
  const maxLength = NetworkFirewallLimits.MAX_RESOURCE_NAME_LENGTH - reserve;
  return Names.uniqueResourceName(scope, { maxLength, separator: '-', allowedSpecialCharacters: '-' });
}

/**
 * Checks that `HOME_NET` (the agents' CIDRs) fits in a Suricata rule: Network Firewall counts a variable's value
 * toward the 8,192-character limit of every rule that uses it. Unresolved lists pass through.
 */
export function checkHomeNetLength(property: string, cidrs: string[], ruleBudget: number): void {
  if (isToken(cidrs)) return;
  const valueLength = `[${cidrs.join(',')}]`.length;
  if (valueLength + ruleBudget > NetworkFirewallLimits.MAX_SURICATA_RULE_LENGTH) {
    fail(property, `expand to ${valueLength} characters in every rule that uses HOME_NET, but a rule may hold at most `
      + `${NetworkFirewallLimits.MAX_SURICATA_RULE_LENGTH} (about ${NetworkFirewallLimits.MAX_SURICATA_RULE_LENGTH - ruleBudget} for the CIDRs); `
      + `aggregate the agents' networks into fewer, larger CIDRs (got ${cidrs.length} CIDRs)`);
  }
}
