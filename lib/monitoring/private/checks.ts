/**
 * Validation of the monitoring props (not exported from the package): every check names the prop, shows the value
 * and says what is allowed. Tokens pass through. Port speeds and LAG sizes come from the Direct Connect facts table.
 */
import { Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DX_FACTS } from '../../direct-connect/limits';
import { fail, isToken, show, warn } from '../../private/errors';
import { DEFAULT_OPTIC_SPEED_GBPS, opticForSpeed } from '../metrics';

/** The received light range the alarms use. */
export interface LightRange { readonly low: number; readonly high: number; readonly optic: string }

const CONNECTION_ID = /^dx(con|lag)-[a-zA-Z0-9]{8,21}$/;
const CONNECTION_ARN = /^arn:aws[a-z-]*:directconnect:[a-z0-9-]+:\d{12}:(dxcon|dxlag)\/(dx(con|lag)-[a-zA-Z0-9]{8,21})$/;
const VIF_ID = /^dxvif-[a-zA-Z0-9]{8,21}$/;
const LABEL = /^[\x20-\x7e]{1,64}$/;

/** The connection id from an id or an ARN. */
export function connectionIdOf(property: string, value: string): string {
  if (isToken(value)) return value;
  if (CONNECTION_ID.test(value)) return value;
  const arn = CONNECTION_ARN.exec(value);
  if (arn) return arn[2];
  return fail(property, `must be a Direct Connect connection or LAG id (dxcon-/dxlag- followed by 8 to 21 letters or digits) or its ARN, got ${show(value)}`);
}

/** Interface ids: format, and each once across every path (`seen` is shared by the paths). */
export function checkVirtualInterfaceIds(property: string, ids: string[], seen: Map<string, string>): void {
  if (isToken(ids)) return;
  ids.forEach((id, i) => {
    if (isToken(id)) return;
    const where = `${property}[${i}]`;
    if (!VIF_ID.test(id)) fail(where, `must be a virtual interface id (dxvif- followed by 8 to 21 letters or digits), got ${show(id)}`);
    const before = seen.get(id);
    if (before !== undefined) fail(where, `repeats ${show(id)} (already ${before}); list each interface once`);
    seen.set(id, where);
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
  if (optic?.perLane) {
    warn(scope, 'lightLevelPerLane', `${optic.optic} reports light levels per lane (dimension OpticalLaneNumber); the light alarms watch the connection-level series only`);
  }
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

/** A Duration as a whole number of hours or minutes within a range. */
export function wholeUnits(property: string, d: Duration, unit: 'hours' | 'minutes', min: number, max: number): number {
  let seconds: number;
  try {
    seconds = d.toSeconds();
  } catch {
    seconds = NaN; // Duration.minutes(token) cannot be converted
  }
  if (Number.isNaN(seconds) || Token.isUnresolved(seconds)) {
    return fail(property, 'must be a concrete Duration (it sets the schedule and the alarm periods), got a token');
  }
  const size = unit === 'hours' ? 3600 : 60;
  const n = seconds / size;
  if (!Number.isInteger(n) || n < min || n > max) {
    fail(property, `must be a whole number of ${unit} from ${min} to ${max}, got ${d.toHumanString()}`);
  }
  return n;
}

export function checkDashboardName(name: string | undefined): void {
  if (name === undefined || isToken(name)) return;
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    fail('dashboardName', `must be 1 to 255 letters, digits, '-' or '_', got ${show(name)}`);
  }
}

/**
 * How many interfaces must have BGP up. Given: an integer from 1 to the number of interfaces listed (when every path
 * lists its interfaces). Not given: that number when there are several paths and each lists its interfaces, else none.
 */
export function expectedUp(expected: number | undefined, listed: number | undefined, paths: number): number | undefined {
  if (expected === undefined) return paths > 1 && listed !== undefined && listed > 0 ? listed : undefined;
  if (isToken(expected)) return fail('expectedInterfacesUp', 'must be a literal number (it is the alarm threshold and is checked at synth time), got a token');
  if (!Number.isInteger(expected) || expected < 1) {
    fail('expectedInterfacesUp', `must be an integer of at least 1 (how many virtual interfaces must have BGP up), got ${show(expected)}`);
  }
  if (listed !== undefined && expected > listed) {
    fail('expectedInterfacesUp', `must be at most the ${listed} virtual interface(s) listed over all paths (virtualInterfaceIds), got ${show(expected)}: `
      + 'the redundancy alarm would never clear');
  }
  return expected;
}
