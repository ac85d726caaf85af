/**
 * Validation of the monitoring props (not exported from the package): every check names the prop, shows the value
 * and says what is allowed. Tokens pass through. Port speeds and LAG sizes come from the Direct Connect facts table.
 */
import { Construct } from 'constructs';
import { DX_FACTS } from '../../facts/direct-connect-limits';
import { IPublicVirtualInterface } from '../../direct-connect/public-virtual-interface';
import { fail, isToken, show, warn } from '../../private/errors';
import { DEFAULT_OPTIC_SPEED_GBPS, opticForSpeed } from '../../facts/direct-connect-metrics';

/** The received light range the alarms use. */
export interface LightRange { readonly low: number; readonly high: number; readonly optic: string }

const CONNECTION_ID = /^dx(con|lag)-[a-zA-Z0-9]{8,21}$/;
const CONNECTION_ARN = /^arn:aws[a-z-]*:directconnect:[a-z0-9-]+:\d{12}:(dxcon|dxlag)\/(dx(con|lag)-[a-zA-Z0-9]{8,21})$/;
const LABEL = /^[\x20-\x7e]{1,64}$/;

/** The connection id from an id or an ARN. */
export function connectionIdOf(property: string, value: string): string {
  if (isToken(value)) return value;
  if (CONNECTION_ID.test(value)) return value;
  const arn = CONNECTION_ARN.exec(value);
  if (arn) return arn[2];
  return fail(property, `must be a Direct Connect connection or LAG id (dxcon-/dxlag- followed by 8 to 21 letters or digits) or its ARN, got ${show(value)}`);
}

/** Interfaces: each once across every path (`seen` is shared by the paths; by id, or by object for a token id). */
export function checkVirtualInterfaces(property: string, vifs: IPublicVirtualInterface[], seen: Map<unknown, string>): void {
  if (!Array.isArray(vifs)) fail(property, `must be a list of virtual interfaces (PublicVirtualInterface, or fromVirtualInterfaceAttributes), got ${show(vifs)}`);
  vifs.forEach((vif, i) => {
    const where = `${property}[${i}]`;
    if (typeof vif?.metricBgpStatus !== 'function') {
      fail(where, 'must be a public virtual interface (PublicVirtualInterface, or PublicVirtualInterface.fromVirtualInterfaceAttributes for one made elsewhere)');
    }
    const key = isToken(vif.virtualInterfaceId) ? vif : vif.virtualInterfaceId;
    const before = seen.get(key);
    if (before !== undefined) fail(where, `repeats ${isToken(vif.virtualInterfaceId) ? 'the same interface' : show(vif.virtualInterfaceId)} (already ${before}); list each interface once`);
    seen.set(key, where);
  });
}

/** A path label for the dashboard and the alarm descriptions. */
export function checkLabel(property: string, label: string | undefined): void {
  if (label === undefined || isToken(label)) return;
  if (!LABEL.test(label)) fail(property, `must be 1 to 64 printable ASCII characters, got ${show(label)}`);
}

function gbpsOf(speed: string): number {
  const n = Number(speed.slice(0, -4));
  return speed.endsWith('Mbps') ? n / 1000 : n;
}

/** Port speeds in Gbps a Direct Connect connection can have (dedicated and hosted), from the facts table. */
export function portSpeedsGbps(): { dedicated: number[]; hosted: number[]; all: number[] } {
  const dedicated = DX_FACTS.dedicatedBandwidths.values.map(gbpsOf);
  const hosted = DX_FACTS.hostedBandwidths.values.map(gbpsOf);
  const all = [...new Set([...hosted, ...dedicated])].sort((a, b) => a - b);
  return { dedicated, hosted, all };
}

/** Most members a LAG of this port speed can have (facts table). */
export function maxLagMembers(gbps: number): number {
  return gbps >= 100 ? DX_FACTS.lagMembers.atOrAbove100G : DX_FACTS.lagMembers.below100G;
}

/**
 * `bandwidthGbps` is the speed of one port (dedicated or hosted), `lagMembers` how many such ports a LAG bundles.
 * A total such as 3 (three 1 Gbps members) is refused with the way to say it.
 */
export function checkBandwidth(gbps: number | undefined, lagMembers: number | undefined): void {
  if (gbps === undefined) {
    if (lagMembers !== undefined) fail('lagMembers', `is only used with bandwidthGbps (the member port speed), got ${show(lagMembers)} without it`);
    return;
  }
  const speeds = portSpeedsGbps();
  if (!isToken(gbps) && !speeds.all.includes(gbps)) {
    fail('bandwidthGbps', `must be the port speed of one connection in Gbps, one of ${speeds.all.join(', ')} (dedicated ${speeds.dedicated.join(', ')}; `
      + `hosted ${speeds.hosted.join(', ')}), got ${show(gbps)}; for a LAG give the member speed and lagMembers `
      + '(e.g. three 1 Gbps members: bandwidthGbps 1, lagMembers 3)');
  }
  if (lagMembers === undefined || isToken(lagMembers)) return;
  if (isToken(gbps)) {
    if (!Number.isInteger(lagMembers) || lagMembers < 1 || lagMembers > DX_FACTS.lagMembers.below100G) {
      fail('lagMembers', `must be an integer from 1 to ${DX_FACTS.lagMembers.below100G}, got ${show(lagMembers)}`);
    }
    return;
  }
  const max = maxLagMembers(gbps);
  if (!Number.isInteger(lagMembers) || lagMembers < 1 || lagMembers > max) {
    fail('lagMembers', `must be an integer from 1 to ${max} for ${gbps} Gbps members (a LAG holds at most ${DX_FACTS.lagMembers.below100G} `
      + `members below 100 Gbps and ${DX_FACTS.lagMembers.atOrAbove100G} at 100 or 400 Gbps), got ${show(lagMembers)}`);
  }
  if (lagMembers > 1 && !speeds.dedicated.includes(gbps)) {
    fail('lagMembers', `must be 1 for a ${gbps} Gbps port: LAG members are dedicated connections (${speeds.dedicated.join(', ')} Gbps), got ${show(lagMembers)}`);
  }
}

export function checkPercent(percent: number | undefined): void {
  if (percent === undefined || isToken(percent)) return;
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
    fail('utilizationThresholdPercent', `must be more than 0 and at most 100, got ${show(percent)}`);
  }
}

function checkDbm(property: string, value: number | undefined): void {
  if (value === undefined || isToken(value)) return;
  if (!Number.isFinite(value) || value < -40 || value > 10) {
    fail(property, `must be a light level in dBm from -40 to 10, got ${show(value)}`);
  }
}

/** The light range: explicit bounds, else the optic of the port speed (one port, also for a LAG member). */
export function lightRange(scope: Construct, props: {
  readonly bandwidthGbps?: number; readonly lightLevelLowDbm?: number; readonly lightLevelHighDbm?: number;
}): LightRange | undefined {
  checkDbm('lightLevelLowDbm', props.lightLevelLowDbm);
  checkDbm('lightLevelHighDbm', props.lightLevelHighDbm);
  const speed = props.bandwidthGbps === undefined || isToken(props.bandwidthGbps) ? DEFAULT_OPTIC_SPEED_GBPS : props.bandwidthGbps;
  const optic = opticForSpeed(speed);
  // a per-lane optic (100G, 400G) also reports per lane (OpticalLaneNumber); the alarms watch the connection-level
  // series only: an always-true fact of such a port, said in lightLevelLowDbm's @remarks, not a warning
  const low = props.lightLevelLowDbm ?? optic?.rxLowDbm;
  const high = props.lightLevelHighDbm ?? optic?.rxHighDbm;
  if (low === undefined || high === undefined) {
    warn(scope, 'noLightLevelAlarms', `no known optic for a ${speed} Gbps port (hosted connections have no light-level metrics of their own); set lightLevelLowDbm and lightLevelHighDbm to get light-level alarms`);
    return undefined;
  }
  if (!isToken(low) && !isToken(high) && low >= high) {
    fail('lightLevelLowDbm', `must be below lightLevelHighDbm (${high}), got ${show(low)}`);
  }
  const optName = props.lightLevelLowDbm !== undefined || props.lightLevelHighDbm !== undefined ? 'the configured range' : optic!.optic;
  return { low, high, optic: optName };
}

/** The fall of AWS's advertised prefix count (percent of the previous period) that raises the alarm. */
export function checkDropPercent(percent: number | undefined): void {
  if (percent === undefined || isToken(percent)) return;
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
    fail('advertisedDropPercent', `must be more than 0 and at most 100 (percent of the previous period's count), got ${show(percent)}`);
  }
}

export function checkDashboardName(name: string | undefined): void {
  if (name === undefined || isToken(name)) return;
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    fail('dashboardName', `must be 1 to 255 letters, digits, '-' or '_', got ${show(name)}`);
  }
}

/**
 * How many interfaces must have BGP up. Given: an integer from 1 to the number of interfaces listed over all paths
 * (only listed interfaces are counted). Not given: with several paths that each list their interfaces, that number;
 * else none.
 */
export function expectedUp(expected: number | undefined, listed: number, everyPathListed: boolean, paths: number): number | undefined {
  if (expected === undefined) return paths > 1 && everyPathListed ? listed : undefined;
  if (isToken(expected)) return fail('expectedInterfacesUp', 'must be a literal number (it is the alarm threshold and is checked at synth time), got a token');
  if (!Number.isInteger(expected) || expected < 1) {
    fail('expectedInterfacesUp', `must be an integer of at least 1 (how many virtual interfaces must have BGP up), got ${show(expected)}`);
  }
  if (expected > listed) {
    fail('expectedInterfacesUp', `must be at most the ${listed} virtual interface(s) listed over all paths (virtualInterfaces), got ${show(expected)}: `
      + 'the redundancy alarm counts only listed interfaces and would never clear');
  }
  return expected;
}
