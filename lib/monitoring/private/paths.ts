/**
 * The paths one monitoring construct watches (not exported from the package), the settings every path shares, and
 * the per-interface series (one per BGP address family) the alarms and the dashboard both use.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { LightRange } from './checks';
import { IDirectConnectConnection } from '../../direct-connect/connection';
import { IPublicVirtualInterface } from '../../direct-connect/public-virtual-interface';
import { isToken } from '../../private/errors';
import { DX_ADDRESS_FAMILIES } from '../../facts/direct-connect-metrics';

/** One watched path: a connection (or LAG) and its listed interfaces. */
export interface WatchedPath {
  /** 1-based. */
  readonly index: number;
  /** The watched connection (its metrics come from its `metricXxx()` methods). */
  readonly connection: IDirectConnectConnection;
  readonly connectionId: string;
  readonly virtualInterfaces: IPublicVirtualInterface[];
  /** e.g. `Path 2 (EqDC2)`; undefined for a single path (its texts stay as they were before paths existed). */
  readonly label?: string;
  /** Construct id prefix of the path's alarms: '' for path 1, `Path2` for path 2, ... */
  readonly idPrefix: string;
}

/** What every path shares, checked. */
export interface MonitoringSettings {
  readonly light?: LightRange;
  /** Port speed of one connection (Gbps). */
  readonly bandwidthGbps?: number;
  readonly lagMembers: number;
  readonly utilizationPercent: number;
  /** The interfaces' rate limit (Mbps): utilization is then each path's first interface against it. */
  readonly rateLimitMbps?: number;
  readonly macsecRequested: boolean;
  /** Percent by which AWS's advertised prefix count may fall from one period to the next before the alarm fires. */
  readonly advertisedDropPercent: number;
  /** Interfaces that must have BGP up over every path; undefined: no redundancy alarm. */
  readonly expectedInterfacesUp?: number;
}

/** One BGP session of an interface: its address family and how many prefixes AWS should accept on it. */
export interface BgpSession {
  readonly family: string;
  /** The route filter prefixes of this family; undefined when unknown (none given, or a token). */
  readonly expectedAccepted?: number;
  /** `Ipv6` for the IPv6 session, '' for IPv4 (construct ids and labels keep their IPv4 names). */
  readonly suffix: string;
}

/** The BGP sessions of an interface: IPv4 always, IPv6 when it has an IPv6 peer. */
export function sessionsOf(vif: IPublicVirtualInterface): BgpSession[] {
  const prefixes = vif.routeFilterPrefixes;
  const known = !isToken(prefixes) && prefixes.length > 0 && !prefixes.some((p) => isToken(p));
  const count = (v6: boolean) => (known ? prefixes.filter((p) => p.includes(':') === v6).length : undefined);
  const sessions: BgpSession[] = [{ family: DX_ADDRESS_FAMILIES.ipv4, expectedAccepted: count(false), suffix: '' }];
  if (vif.ipv6Enabled) sessions.push({ family: DX_ADDRESS_FAMILIES.ipv6, expectedAccepted: count(true), suffix: 'Ipv6' });
  return sessions;
}

/** Options that pick a session's series from an interface's `metricBgpXxx()`. */
export function sessionOptions(session: BgpSession, label?: string): cloudwatch.MetricOptions {
  return { dimensionsMap: { IpAddressFamily: session.family }, label };
}

/** Text that names the path in alarm descriptions: `Direct Connect dxcon-...` or `Path 2 (EqDC2) dxcon-...`. */
export function pathText(path: WatchedPath): string {
  return path.label === undefined ? path.connectionId : `${path.label}, ${path.connectionId}`;
}
