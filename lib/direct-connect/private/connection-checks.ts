/** Validation rules of the connection constructs (internal; one rule per function; tokens pass through). */
import { fail, isToken, show } from '../../private/errors';
import type { RateLimit } from '../rate-limit';
import { DX_FACTS } from '../../facts/direct-connect-limits';

/** What the rules read of a port speed (`DedicatedBandwidth` has these; typed here so the checks import no construct). */
export interface PortSpeed {
  readonly value: string;
  readonly gbps?: number;
  readonly macsecCapable: boolean;
  readonly maxLagMembers: number;
}

/** What the rate-limit rule reads of a connection (`IDirectConnectConnection` has these). */
export interface ConnectionFacts {
  readonly connectionId: string;
  readonly kind: unknown;
  readonly bandwidth?: PortSpeed;
}

/** What the LAG rule reads of a LAG (`LinkAggregationGroup` has these). */
export interface LagFacts {
  readonly connectionsBandwidth: PortSpeed;
  readonly location: string;
  readonly macsecRequested: boolean;
  readonly path: string;
}

/** What the LAG rule reads of a member's props (`DedicatedConnectionProps` has these). */
export interface LagMemberFacts {
  readonly bandwidth: PortSpeed;
  readonly location: string;
  readonly requestMacSec?: boolean;
}

export function checkConnectionId(property: string, value: string, expected: 'dxcon' | 'dxlag'): void {
  if (isToken(value)) return;
  if (!DX_FACTS.connectionIdPattern.value.test(value)) {
    fail(property, `must be a Direct Connect ${expected === 'dxcon' ? 'connection' : 'LAG'} id (${expected}- followed by 8 to 21 letters or digits) `
      + `or its ARN (arn:aws:directconnect:<region>:<account>:${expected}/${expected}-...), got ${show(value)}`);
  }
  const other = expected === 'dxcon' ? 'dxlag' : 'dxcon';
  if (value.includes(`${other}-`)) {
    fail(property, `must be a ${expected}- id or ARN, got the ${other === 'dxlag' ? 'LAG' : 'connection'} id ${show(value)}; `
      + `use DirectConnectConnection.${other === 'dxlag' ? 'fromLagId' : 'fromConnectionId'} for it`);
  }
}

export function checkLocation(property: string, value: string): void {
  if (isToken(value)) return;
  if (!DX_FACTS.locationPattern.value.test(value)) {
    fail(property, `must be a Direct Connect location code (${DX_FACTS.locationPattern.text}), got ${show(value)}`);
  }
}

export function checkConnectionName(property: string, value: string): void {
  if (isToken(value)) return;
  if (!DX_FACTS.connectionNamePattern.value.test(value)) {
    fail(property, `must be ${DX_FACTS.connectionNamePattern.text}, got ${show(value)}`);
  }
}

export function checkMacsecSpeed(property: string, bandwidth: PortSpeed, bandwidthProperty = 'bandwidth'): void {
  if (bandwidth.gbps === undefined) return; // token
  if (!bandwidth.macsecCapable) {
    fail(property, `can be true only on a ${DX_FACTS.macsecGbps.values.map((g) => `${g}Gbps`).join(', ')} dedicated port `
      + `at a MACsec-capable location (see DescribeLocations availableMacSecPortSpeeds), got ${bandwidthProperty} ${show(bandwidth.value)}`);
  }
}

export function checkMinimumLinks(value: number, bandwidth: PortSpeed): void {
  if (isToken(value)) return;
  const max = bandwidth.maxLagMembers;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    fail('minimumLinks', `must be an integer from 0 to ${max} (the most members a ${bandwidth.value} LAG can hold), got ${show(value)}`);
  }
}

/** A member joining a LAG has its speed, location and MACsec. A check only: the LAG records the member itself. */
export function checkLagMatch(props: LagMemberFacts, lag: LagFacts): void {
  const lagBw = lag.connectionsBandwidth.value;
  if (!isToken(props.bandwidth.value) && !isToken(lagBw) && props.bandwidth.value !== lagBw) {
    fail('bandwidth', `must equal the LAG's connectionsBandwidth ${show(lagBw)} (all LAG members have the same speed), got ${show(props.bandwidth.value)}`);
  }
  if (!isToken(props.location) && !isToken(lag.location) && props.location.toUpperCase() !== lag.location.toUpperCase()) {
    fail('location', `must equal the LAG's location ${show(lag.location)} (members terminate on the same AWS device), got ${show(props.location)}`);
  }
  if (lag.macsecRequested && !(props.requestMacSec ?? false)) {
    fail('requestMacSec', `must be true on a connection joining a LAG that requests MACsec (every member of a MACsec LAG `
      + `must be a MACsec-capable port), got ${show(props.requestMacSec ?? false)} for LAG ${show(lag.path)}`);
  }
}

/**
 * A virtual interface rate limit only on a dedicated connection or LAG (hosted connections are policed at their
 * purchased speed), and never above the parent's bandwidth: the port speed, or for a LAG the member speed times
 * its members (the members joined in this app, at least one; for an imported LAG the most it can hold).
 * Returns the parent's capacity in Mbps, or undefined when the speed is unknown.
 */
export function checkRateLimit(rateLimit: RateLimit, connection: ConnectionFacts, lagMembers: number | undefined): number | undefined {
  if (isKind(connection, 'HOSTED')) {
    fail('rateLimit', `cannot be set on a virtual interface of a hosted connection (rate limiters are for dedicated connections and LAGs; `
      + `a hosted connection is already policed at its purchased speed), got ${show(rateLimit.value)} on ${show(connection.connectionId)}`);
  }
  const gbps = connection.bandwidth?.gbps;
  if (gbps === undefined) return undefined;
  const members = isKind(connection, 'LAG') ? (lagMembers === undefined ? connection.bandwidth!.maxLagMembers : Math.max(1, lagMembers)) : 1;
  const capacityMbps = gbps * 1000 * members;
  if (rateLimit.mbpsValue > capacityMbps) {
    const parent = members === 1 ? `${gbps}Gbps` : `${members} x ${gbps}Gbps`;
    fail('rateLimit', `must not exceed the bandwidth of the parent ${isKind(connection, 'LAG') ? 'LAG' : 'connection'} (${parent}), `
      + `got ${show(rateLimit.value)}`);
  }
  return capacityMbps;
}

/** Compares the kind by its value (typed structurally: this file imports no construct). */
function isKind(connection: ConnectionFacts, kind: 'HOSTED' | 'LAG'): boolean {
  return (connection.kind as string) === kind;
}
