/**
 * Peer addresses for several public virtual interfaces carved from one pool: one /31 per interface, in interface
 * order. Interface i always gets the i-th /31 of the pool (Amazon the even address, you the odd one), so the result
 * is deterministic and adding interfaces at the end never moves the ones before. Pure; not exported from the package.
 */
import { AddressUse, classify, formatCidr, isNetworkAddress, networkOf, parseCidr } from '../../private/cidr';
import { fail, show } from '../../private/fail';
import { isDocumentation } from '../../direct-connect/private/validate';

/** A customer/Amazon peer address pair in CIDR form. */
export interface CarvedPair {
  readonly customerAddress: string;
  readonly amazonAddress: string;
}

/** Prefix length of each carved subnet: /31, the smallest AWS accepts for a public virtual interface peering. */
export const CARVE_LENGTH = 31;

/** How many /31s a pool of this prefix length holds. */
export function pairsIn(length: number): number {
  return length > CARVE_LENGTH ? 0 : 2 ** (CARVE_LENGTH - length);
}

/** The shortest pool length that holds `count` /31s. */
export function lengthFor(count: number): number {
  let length = CARVE_LENGTH;
  while (pairsIn(length) < count) length--;
  return length;
}

/**
 * Carves `count` /31 pairs from `pool`. Refuses, naming `property`, a pool that is not an IPv4 network address,
 * is not public (or documentation) space, or is too small for `count` interfaces.
 */
export function carvePeerAddresses(pool: string, count: number, property = 'peerAddressPool'): CarvedPair[] {
  const c = parseCidr(pool);
  if (!c || c.family !== 4) {
    fail(property, `must be an IPv4 prefix in CIDR form such as '198.51.100.0/29' (one /31 per virtual interface), got ${show(pool)}`);
  }
  if (!isNetworkAddress(c)) {
    fail(property, `must not have host bits set, got ${show(pool)}; did you mean ${show(formatCidr(4, networkOf(c), c.length))}?`);
  }
  const use = classify(c);
  if (use !== AddressUse.PUBLIC && !isDocumentation(c)) {
    fail(property, `must be public IPv4 space you own (AWS requires public peer addresses on a public virtual interface), got ${show(pool)}, which is or overlaps ${use} space`);
  }
  const available = pairsIn(c.length);
  if (available < count) {
    fail(property, `is too small: ${count} virtual interfaces need ${count} /31s, a /${lengthFor(count)} or larger, `
      + `got ${show(pool)}, which holds ${available}`);
  }
  const out: CarvedPair[] = [];
  for (let i = 0; i < count; i++) {
    const amazon = c.address + BigInt(2 * i);
    out.push({
      amazonAddress: formatCidr(4, amazon, CARVE_LENGTH),
      customerAddress: formatCidr(4, amazon + 1n, CARVE_LENGTH),
    });
  }
  return out;
}
