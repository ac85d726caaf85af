/** Region code helpers for the location module (internal). */
import { REGION_PATTERN } from '../../ip-ranges/engine';
import { fail, show } from '../../private/fail';

/** Throws unless the value is a Region code (any case; callers lower-case it). */
export function checkRegion(property: string, region: string): void {
  if (typeof region !== 'string' || !REGION_PATTERN.test(region.toLowerCase())) {
    fail(property, `must be an AWS Region code such as 'eu-west-2', got ${show(region)}`);
  }
}
