/**
 * The validated failover model for a redundant set (not exported from the package): every session is checked with
 * the single-session planner, then the sessions are grouped per customer router with their roles, local
 * preferences, prepends or more-specific prefixes, ECMP and timers. The renderers read the result.
 */
import { BgpCommunityScope } from '../facts/bgp-community';
import { isPrivateAsn } from '../direct-connect/private/validate';
import { DX_FACTS } from '../facts/direct-connect-limits';
import { formatCidr, parseCidr } from '../private/cidr';
import { ConnectDxValidationError, fail, show } from '../private/fail';
import { FailoverConfigurationProps, FailoverMode, FailoverSessionProps, PassiveOutbound } from './failover';
import { FailoverPart, PeeringPlan, PLACEHOLDERS, planPeering, SessionPlan, SessionRole } from './plan';
import { decidePair, PairDecision } from './region-pair';
import { PREPEND } from './roles';

const DEFAULT_ROUTER = 'router-1';
const ROUTER_NAME = /^[A-Za-z0-9_-]{1,32}$/;
import type { RouterVendor } from './router-vendor';

/** The two halves of a prefix, one bit longer. */
function halves(cidr: string): string[] {
  const c = parseCidr(cidr)!;
  const bits = c.family === 4 ? 32 : 128;
  const step = 1n << BigInt(bits - c.length - 1);
  return [formatCidr(c.family, c.address, c.length + 1), formatCidr(c.family, c.address + step, c.length + 1)];
}

function moreSpecifics(prefixes: string[], family: 4 | 6): string[] {
  const [, max] = family === 4 ? DX_FACTS.routeFilterPrefixes.ipv4Lengths : DX_FACTS.routeFilterPrefixes.ipv6Lengths;
  return prefixes.flatMap((p) => {
    if (Number(p.split('/')[1]) >= max) {
      fail('passiveOutbound', `MORE_SPECIFIC_PREFIXES needs route filter prefixes shorter than /${max} (IPv${family}: AWS accepts `
        + `up to /${max}), got ${show(p)}: there is no more-specific prefix to advertise; use AS_PATH_PREPEND with a public ASN, or a shorter prefix`);
    }
    return halves(p);
  });
}

function checkTimers(props: FailoverConfigurationProps): PeeringPlan['timers'] {
  const { holdTimeSeconds: hold, keepaliveSeconds: keepalive } = props;
  const t = DX_FACTS.bgpTimers;
  if (hold === undefined) {
    if (keepalive !== undefined) fail('keepaliveSeconds', `is only used with holdTimeSeconds, got ${show(keepalive)} without one`);
    return undefined;
  }
  if (!Number.isInteger(hold) || hold < t.minHoldSeconds || hold > t.maxHoldSeconds) {
    fail('holdTimeSeconds', `must be an integer from ${t.minHoldSeconds} (AWS's minimum; 0 is not supported) to ${t.maxHoldSeconds}, got ${show(hold)}`);
  }
  const k = keepalive ?? Math.max(t.minKeepaliveSeconds, Math.floor(hold / 3));
  if (!Number.isInteger(k) || k < t.minKeepaliveSeconds || k * 3 > hold) {
    fail('keepaliveSeconds', `must be an integer from ${t.minKeepaliveSeconds} to a third of holdTimeSeconds (${Math.floor(hold / 3)}), got ${show(keepalive)}`);
  }
  return { keepaliveSeconds: k, holdSeconds: hold };
}

function checkPolicy(props: FailoverConfigurationProps): { mode: FailoverMode; outbound?: PassiveOutbound; prepend: number } {
  const mode = props.failover ?? FailoverMode.ACTIVE_ACTIVE;
  const privateAsn = isPrivateAsn(props.asn);
  if (mode === FailoverMode.ACTIVE_ACTIVE) {
    if (props.passiveOutbound !== undefined) fail('passiveOutbound', `is only used with FailoverMode.ACTIVE_PASSIVE, got ${show(props.passiveOutbound)} with ACTIVE_ACTIVE`);
    if (props.asPathPrependCount !== undefined) fail('asPathPrependCount', `is only used with FailoverMode.ACTIVE_PASSIVE, got ${show(props.asPathPrependCount)} with ACTIVE_ACTIVE`);
    return { mode, prepend: 0 };
  }
  const outbound = props.passiveOutbound ?? (privateAsn ? PassiveOutbound.MORE_SPECIFIC_PREFIXES : PassiveOutbound.AS_PATH_PREPEND);
  const why = `AWS removes a private ASN, and the prepends with it, from the AS_PATH of routes learned on a public virtual interface, `
    + 'so the backup would look exactly like the primary; use PassiveOutbound.MORE_SPECIFIC_PREFIXES (the default with a private ASN) or a public ASN you own';
  if (privateAsn && outbound === PassiveOutbound.AS_PATH_PREPEND) {
    fail('passiveOutbound', `must not be AS_PATH_PREPEND with the private ASN ${props.asn}: ${why}`);
  }
  if (outbound !== PassiveOutbound.AS_PATH_PREPEND) {
    if (props.asPathPrependCount !== undefined) {
      fail('asPathPrependCount', `is only used with AS_PATH_PREPEND, got ${show(props.asPathPrependCount)}${privateAsn ? ` with the private ASN ${props.asn}: ${why}` : ''}`);
    }
    return { mode, outbound, prepend: 0 };
  }
  const prepend = props.asPathPrependCount ?? PREPEND.default;
  if (!Number.isInteger(prepend) || prepend < PREPEND.min || prepend > PREPEND.max) {
    fail('asPathPrependCount', `must be an integer from ${PREPEND.min} to ${PREPEND.max}, got ${show(prepend)}`);
  }
  return { mode, outbound, prepend };
}

const SESSION_PROPS = ['vlan', 'customerAddress', 'amazonAddress', 'interfaceName', 'authKeySecretName', 'description', 'location', 'locationRegion'];

/** Runs a per-session check; an error about a session prop is renamed `sessions[i].<prop>`. */
function forSession<T>(i: number, check: () => T): T {
  try {
    return check();
  } catch (e) {
    const first = (e as Error).message.split(' ', 1)[0];
    if (e instanceof ConnectDxValidationError && SESSION_PROPS.includes(first)) throw new ConnectDxValidationError(`sessions[${i}].${(e as Error).message}`);
    throw e;
  }
}

/** The widest of some scopes (GLOBAL is the widest). */
function widest(scopes: BgpCommunityScope[]): BgpCommunityScope {
  const order = BgpCommunityScope.all();
  return scopes.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a));
}

/**
 * Each session's Region pair, when the pairs are given (`connectRegions` and a location on every session), and the
 * one outbound scope every session uses: `communityScope`, else the widest any pair needs. Undefined: no pairs.
 */
function sessionPairs(props: FailoverConfigurationProps, sessions: FailoverSessionProps[]): { scope: BgpCommunityScope; pairs: PairDecision[] } | undefined {
  const located = sessions.map((s) => s.location !== undefined || s.locationRegion !== undefined);
  if (props.connectRegions === undefined && !located.some((x) => x)) return undefined;
  if (props.connectRegions !== undefined) {
    const missing = located.indexOf(false);
    if (missing >= 0) {
      fail(`sessions[${missing}].location`, `must be given (or locationRegion) with connectRegions: AWS tags its routes relative to each session's location Region, `
        + `so every session needs its location to check what it accepts; got none on sessions[${missing}]`);
    }
  }
  const pairs = sessions.map((s, i) => forSession(i, () => decidePair({
    location: s.location, locationRegion: s.locationRegion, connectRegions: props.connectRegions, communityScope: props.communityScope,
  })));
  return { scope: props.communityScope ?? widest(pairs.map((p) => p.accept)), pairs };
}

/** Plans one session with the single-session checks; errors name `sessions[i].<prop>`. */
function planSession(vendor: RouterVendor, props: FailoverConfigurationProps, s: FailoverSessionProps, i: number, scope: BgpCommunityScope | undefined): PeeringPlan {
  return forSession(i, () => planPeering(vendor, {
    vlan: s.vlan, asn: props.asn, customerAddress: s.customerAddress, amazonAddress: s.amazonAddress,
    routeFilterPrefixes: props.routeFilterPrefixes, communityScope: scope ?? props.communityScope, interfaceName: s.interfaceName,
    bfd: props.bfd ?? true, ipv6: props.ipv6, authKeySecretName: s.authKeySecretName, inboundPrefixes: props.inboundPrefixes,
    description: s.description ?? `AWS Direct Connect public VIF path ${i + 1}`,
    location: s.location, locationRegion: s.locationRegion, connectRegions: props.connectRegions,
  }));
}

/**
 * What a router accepts and says about the pairs: with pairs, the widest acceptance of its sessions (a router
 * never drops routes one of its sessions needs) and one line per session; without, the single-session note.
 */
function routerPair(
  mine: Array<{ p: PeeringPlan; i: number }>, paired: { scope: BgpCommunityScope; pairs: PairDecision[] } | undefined, scopeGiven: boolean,
): Pick<PeeringPlan, 'accept' | 'pairLines'> {
  if (paired === undefined) return { accept: mine[0].p.accept, pairLines: mine[0].p.pairLines };
  const accept = widest(mine.map(({ p }) => p.accept));
  const pairLines = mine.flatMap(({ p, i }) => p.pairLines.map((line, k) => (k === 0 ? `Path ${i + 1}: ${line}` : `  ${line}`)));
  if (!scopeGiven && paired.pairs.some((x) => x.accept !== paired.scope)) {
    const needing = paired.pairs.map((x, i) => (x.accept === paired.scope ? i + 1 : 0)).filter((n) => n > 0);
    pairLines.push(`Every path advertises one scope, ${paired.scope.name}: the widest any path's pair needs (path ${needing.join(', ')}).`);
  }
  if (mine.some(({ p }) => p.accept !== accept)) {
    pairLines.push(`The sessions of this router need different acceptance; it accepts the widest, ${accept.name}.`);
  }
  return { accept, pairLines };
}

/** Checks the props and builds one plan per customer router, in order of first appearance. */
export function planFailover(vendor: RouterVendor, props: FailoverConfigurationProps): PeeringPlan[] {
  const sessions = props.sessions ?? [];
  if (sessions.length < 2) {
    fail('sessions', `must hold at least two sessions (a failover policy needs a second path), got ${sessions.length}`);
  }
  const policy = checkPolicy(props);
  const timers = checkTimers(props);
  const active = policy.mode === FailoverMode.ACTIVE_PASSIVE;
  sessions.forEach((s, i) => {
    if (s.primary !== undefined && !active) fail(`sessions[${i}].primary`, 'is only used with FailoverMode.ACTIVE_PASSIVE');
    if (s.router !== undefined && !ROUTER_NAME.test(s.router)) {
      fail(`sessions[${i}].router`, `must be 1 to 32 letters, digits, '-' or '_', got ${show(s.router)}`);
    }
  });
  const flagged = sessions.some((s) => s.primary === true);
  const roleOf = (s: FailoverSessionProps, i: number): SessionRole => {
    if (!active) return 'active';
    return (flagged ? s.primary === true : i === 0) ? 'primary' : 'backup';
  };
  const roles = sessions.map(roleOf);
  if (active && !roles.includes('backup')) fail('sessions', 'must leave at least one session a backup (primary not true) with ACTIVE_PASSIVE');

  const paired = sessionPairs(props, sessions);
  const plans = sessions.map((s, i) => planSession(vendor, props, s, i, paired?.scope));
  const seen = new Map<string, number>();
  plans.forEach((p, i) => {
    const router = sessions[i].router ?? DEFAULT_ROUTER;
    for (const key of [`${router} interface ${p.interfaceName}.${p.vlan}`, `address ${p.customerIp}`]) {
      const before = seen.get(key);
      if (before !== undefined) fail(`sessions[${i}]`, `repeats the ${key} of sessions[${before}]; every session needs its own VLAN sub-interface and peer addresses`);
      seen.set(key, i);
    }
  });
  const first = plans[0];
  const more4 = policy.outbound === PassiveOutbound.MORE_SPECIFIC_PREFIXES ? moreSpecifics(first.outbound4, 4) : [];
  const more6 = policy.outbound === PassiveOutbound.MORE_SPECIFIC_PREFIXES ? moreSpecifics(first.outbound6, 6) : [];
  const total = first.outbound4.length + first.outbound6.length + more4.length + more6.length;
  if (total > DX_FACTS.routeFilterPrefixes.max) {
    fail('routeFilterPrefixes', `with their more-specific halves make ${total} routes on the primary, more than the ${DX_FACTS.routeFilterPrefixes.max} a public virtual interface session takes`);
  }

  const routers = [...new Set(sessions.map((s) => s.router ?? DEFAULT_ROUTER))];
  return routers.map((routerName) => {
    const mine = plans.map((p, i) => ({ p, i })).filter(({ i }) => (sessions[i].router ?? DEFAULT_ROUTER) === routerName);
    const sessionPlans: SessionPlan[] = mine.map(({ p, i }) => ({
      ...p.sessions[0],
      index: i + 1,
      role: roles[i],
      amazonIpv6: i === 0 ? PLACEHOLDERS.amazonIpv6 : PLACEHOLDERS.amazonIpv6.replace('>', `-${i + 1}>`),
      customerIpv6: i === 0 ? PLACEHOLDERS.customerIpv6 : PLACEHOLDERS.customerIpv6.replace('>', `-${i + 1}>`),
    }));
    const failover: FailoverPart = {
      mode: policy.mode, routerName, routerCount: routers.length, prepend: policy.prepend,
      moreSpecific4: more4, moreSpecific6: more6,
      ecmpPaths: !active && sessionPlans.length > 1 ? sessionPlans.length : 0,
    };
    const head = mine[0].p;
    return { ...head, ...routerPair(mine, paired, props.communityScope !== undefined), sessions: sessionPlans, timers, failover };
  });
}
