/**
 * Checks a new connection's location against the location snapshot (`lib/locations`): the code must be known (or
 * its Region given), the port speed offered there and MACsec available there at that speed. Returns the Region the
 * location is associated with, which the virtual interface derives its community scope from.
 */
import { Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DirectConnectLocation } from '../../locations/direct-connect-location';
import { fail, isToken, show, warn } from '../../private/errors';
import type { DedicatedBandwidth } from '../connection';
import { DX_FACTS } from '../limits';

/** What a new connection or LAG asks for at its location. */
export interface LocationRequest {
  readonly location: string;
  readonly locationRegion?: string;
  readonly bandwidth: DedicatedBandwidth;
  /** The property that holds the speed: `bandwidth` or `connectionsBandwidth`. */
  readonly bandwidthProperty: string;
  readonly macsec: boolean;
}

/**
 * Checks the request and returns the location's Region (undefined only for a token location without locationRegion).
 * A location associated with another Region than the stack's is reported (DX_FACTS.connectionInLocationRegion).
 */
export function checkLocationRequest(scope: IConstruct, req: LocationRequest): string | undefined {
  const region = locationRegionOf(scope, req);
  const stackRegion = Stack.of(scope).region;
  if (region !== undefined && !isToken(stackRegion) && region !== stackRegion) {
    warn(scope, 'locationOutsideStackRegion', `location ${show(req.location)} is associated with ${region}, but this stack deploys to `
      + `${stackRegion}: Direct Connect creates a connection or LAG only in the Region its location is associated with (the locations `
      + `DescribeLocations lists there; ${DX_FACTS.connectionInLocationRegion.source.split(';')[0]}, read ${DX_FACTS.connectionInLocationRegion.read}), `
      + `so CloudFormation cannot create it in ${stackRegion}. Deploy the Direct Connect resources in ${region} (env.region); Amazon Connect `
      + `may stay in ${stackRegion} (connectRegions on ConnectDirectConnectStack and on PublicVirtualInterface). For locations of several `
      + 'Regions (a resiliency model), ConnectDirectConnectStage creates one stack per location Region.');
  }
  return region;
}

function locationRegionOf(scope: IConstruct, req: LocationRequest): string | undefined {
  if (req.locationRegion !== undefined && isToken(req.locationRegion)) {
    fail('locationRegion', `must be a concrete Region code (the community scope is derived from it at synth time), got the unresolved token ${req.locationRegion}`);
  }
  if (isToken(req.location)) {
    warn(scope, 'locationToken', `location is an unresolved token: the location snapshot cannot check the port speed or MACsec, `
      + `and the Region the location is associated with ${req.locationRegion ? `is taken from locationRegion ${show(req.locationRegion)}` : 'is unknown'}.`);
    return req.locationRegion === undefined ? undefined : DirectConnectLocation.withRegion('Token', req.locationRegion).region;
  }
  const known = DirectConnectLocation.tryOf(req.location);
  if (!known) {
    if (req.locationRegion === undefined) DirectConnectLocation.of(req.location); // throws, naming the code and locationRegion
    const loc = DirectConnectLocation.withRegion(req.location, req.locationRegion!);
    warn(scope, 'locationNotInSnapshot', `location ${show(req.location)} is not in the Direct Connect location snapshot of `
      + `${DirectConnectLocation.SNAPSHOT_DATE}: taking its Region from locationRegion (${loc.region}); the port speed and MACsec `
      + 'cannot be checked here (`aws directconnect describe-locations` lists what it offers).');
    return loc.region;
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
  return known.region;
}
