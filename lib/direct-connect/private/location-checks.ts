/**
 * Checks a new connection's location against the location snapshot (`lib/locations`): the code must be known (or
 * its Region given), the port speed offered there and MACsec available there at that speed. Returns the Region the
 * location is associated with, which the virtual interface derives its community scope from, and the code as the
 * location table spells it (matched in any case: `thno2` is written `THNO2`).
 */
import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DirectConnectLocation } from '../../locations/direct-connect-location';
import { fail, isToken, show, warn } from '../../private/errors';
import type { PortSpeed } from './connection-checks';
import { DX_FACTS } from '../../facts/direct-connect-limits';

/** What a new connection or LAG asks for at its location. */
export interface LocationRequest {
  readonly location: string;
  readonly locationRegion?: string;
  readonly bandwidth: PortSpeed;
  /** The property that holds the speed: `bandwidth` or `connectionsBandwidth`. */
  readonly bandwidthProperty: string;
  readonly macsec: boolean;
  /** `acknowledgeLocationOutsideStackRegion`: a location of another Region than the stack's is a warning, not an error. */
  readonly acknowledgeOutsideStackRegion?: boolean;
}

/**
 * Checks the request and returns the location's Region (undefined only for a token location without locationRegion).
 * A location associated with another Region than the stack's is refused (DX_FACTS.connectionInLocationRegion), unless
 * acknowledged (then a warning).
 */
export function checkLocationRequest(scope: IConstruct, req: LocationRequest): { region?: string; code: string } {
  const { region, code } = locationRegionOf(scope, req);
  const stackRegion = Stack.of(scope).region;
  if (region !== undefined && !isToken(stackRegion) && region !== stackRegion) {
    reportOutsideStackRegion(scope, 'location', `${show(req.location)}, associated with ${region}`, region, stackRegion,
      req.acknowledgeOutsideStackRegion ?? false);
  }
  return { region, code };
}

/**
 * The one rule for a Direct Connect resource whose location belongs to another Region than the stack's: CloudFormation
 * cannot create it there, so it is an error naming both Regions and the fix; `acknowledgeLocationOutsideStackRegion`
 * turns it into the warning `cdk-connect-dx:locationOutsideStackRegion`.
 */
export function reportOutsideStackRegion(scope: IConstruct, property: string, got: string, region: string, stackRegion: string, acknowledged: boolean): void {
  const fact = DX_FACTS.connectionInLocationRegion;
  const why = `Direct Connect creates a connection or LAG, and its virtual interfaces, only in the Region its location is associated with `
    + `(${fact.source.split(';')[0]}, read ${fact.read}), so CloudFormation cannot create it in ${stackRegion}`;
  const fix = `deploy the Direct Connect resources in ${region} (env.region; Amazon Connect may stay in ${stackRegion} with connectRegions), `
    + 'or use ConnectDirectConnectStage for a topology across Regions (one stack per location Region)';
  if (!acknowledged) {
    fail(property, `must be associated with this stack's Region ${stackRegion}, got ${got}: ${why}. To fix it, ${fix}; `
      + 'set acknowledgeLocationOutsideStackRegion: true only if you know better');
  }
  warn(scope, 'locationOutsideStackRegion', `${property} ${got}, is outside this stack's Region ${stackRegion} (acknowledged with `
    + `acknowledgeLocationOutsideStackRegion): ${why}. To fix it, ${fix}.`);
}

/** The location's Region and its code as the location table spells it (as given for a token or an unknown code). */
function locationRegionOf(scope: IConstruct, req: LocationRequest): { region?: string; code: string } {
  if (req.locationRegion !== undefined && isToken(req.locationRegion)) {
    fail('locationRegion', `must be a concrete Region code (the community scope is derived from it at synth time), got the unresolved token ${req.locationRegion}`);
  }
  if (isToken(req.location)) {
    warn(scope, 'locationToken', `location is an unresolved token: the location snapshot cannot check the port speed or MACsec, `
      + `and the Region the location is associated with ${req.locationRegion ? `is taken from locationRegion ${show(req.locationRegion)}` : 'is unknown'}.`);
    return { region: req.locationRegion === undefined ? undefined : DirectConnectLocation.withRegion('Token', req.locationRegion).region, code: req.location };
  }
  const known = DirectConnectLocation.tryOf(req.location);
  if (!known) {
    if (req.locationRegion === undefined) DirectConnectLocation.of(req.location); // throws, naming the code and locationRegion
    const loc = DirectConnectLocation.withRegion(req.location, req.locationRegion!);
    warn(scope, 'locationNotInSnapshot', `location ${show(req.location)} is not in the Direct Connect location snapshot of `
      + `${DirectConnectLocation.SNAPSHOT_DATE}: taking its Region from locationRegion (${loc.region}); the port speed and MACsec `
      + 'cannot be checked here (`aws directconnect describe-locations` lists what it offers).');
    return { region: loc.region, code: req.location };
  }
  if (req.locationRegion !== undefined) DirectConnectLocation.withRegion(req.location, req.locationRegion); // throws on contradiction
  const speed = req.bandwidth.value;
  if (!isToken(speed) && !known.portSpeeds!.includes(speed)) {
    fail(req.bandwidthProperty, `must be a port speed offered at location ${known.describe()}: ${known.portSpeeds!.join(', ')} `
      + `(location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}), got ${show(speed)}`);
  }
  if (req.macsec && !isToken(speed) && !known.macsecPortSpeeds!.includes(speed)) {
    const offered = known.macsecPortSpeeds!.length ? `MACsec only at ${known.macsecPortSpeeds!.join(', ')}` : 'no MACsec at any speed';
    fail('requestMacSec', `can be true only at a speed where the location offers MACsec: ${known.describe()} offers ${offered} `
      + `(location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}), got ${req.bandwidthProperty} ${show(speed)}`);
  }
  return { region: known.region, code: known.code };
}
