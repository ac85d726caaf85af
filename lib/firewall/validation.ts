/**
 * Synth-time checks shared by the firewall constructs (internal: not re-exported from `lib/index.ts`).
 * Each check lets unresolved tokens pass through and names the property, the value and what is allowed.
 */
import { Names } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { NetworkFirewallLimits } from '../facts/firewall-limits';
import { fail, isToken, show } from '../private/errors';
import * as rules from '../private/text-rules';
import type { CheckedCidrs } from '../private/text-rules';
import { contains, parseCidr } from '../private/cidr';

export type { CheckedCidrs } from '../private/text-rules';

/**
 * Checks a list of CIDRs: non-empty, each canonical (`10.1.0.0/16`, not `10.1.0.1/16`, `10.01.0.0/16` or
 * `2001:DB8::/32`), no duplicates. Private ranges are allowed. Unresolved entries pass through.
 */
export function checkCidrList(property: string, cidrs: string[]): CheckedCidrs {
  return rules.checkCidrList(property, cidrs, isToken);
}

/** Checks one CIDR is well formed and canonical. */
export function checkCanonicalCidr(property: string, text: string): void {
  rules.checkCanonicalCidr(property, text, isToken);
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
  rules.checkHomeNetLength(property, cidrs, ruleBudget, isToken);
}

/**
 * Checks that a VPC CIDR overlaps none of the agent networks: the firewall inspects the traffic between them, and a
 * VPC inside (or around) an agent network cannot be routed to from it. Names both; tokens pass through.
 */
export function checkNoOverlap(property: string, cidr: string, otherProperty: string, others: string[], defaulted = false): void {
  if (isToken(cidr) || isToken(others)) return;
  const own = parseCidr(cidr);
  if (own === undefined) return; // the VPC's own check names a malformed CIDR
  others.forEach((text, i) => {
    if (isToken(text)) return;
    const other = parseCidr(text);
    if (other === undefined || other.family !== own.family) return;
    if (contains(own, other) || contains(other, own)) {
      fail(property, `must not overlap the agent networks, got ${show(cidr)}${defaulted ? ' (the default)' : ''}, which overlaps `
        + `${otherProperty}[${i}] ${show(text)}; give a range outside every agent network`);
    }
  });
}
