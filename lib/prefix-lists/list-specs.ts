/**
 * Which lists a {@link ConnectPrefixLists} creates and how big: the services and families asked for, MaxEntries
 * from the embedded sizing table with headroom, overrides, and the checks of those props. Pure: no constructs
 * are created here (the unknown-Region warning is attached to the scope given).
 */
import { Construct } from 'constructs';
import { AllowListMode } from '../connect-endpoints/endpoint-types';
import { KNOWN_REGIONS, REPLICA_ONLY_REGIONS } from '../connect-endpoints/catalog-data';
import { REGION_PATTERN } from '../ip-ranges/engine';
import { IpFamily, IpRangesService } from '../ip-ranges/ip-ranges';
import { checkInteger, fail, isToken, show, warn } from '../private/errors';
import { SIZING, SIZING_COLUMNS, SIZING_SOURCE } from '../facts/prefix-list-sizing.generated';
import { DEFAULT_HEADROOM_PERCENT, MAX_ENTRIES_LIMIT, sizeFor } from '../facts/prefix-list-limits';

/** A MaxEntries override for one of the lists. */
export interface PrefixListMaxEntries {
  /** The ip-ranges.json service of the list. */
  readonly service: IpRangesService;
  /** The address family of the list. */
  readonly family: IpFamily;
  /**
   * MaxEntries of the list at creation: 1 to 1000, and at least the number of prefixes published today for the
   * service, family and Region. The sync function grows it at run time when more are published.
   */
  readonly maxEntries: number;
}

/** One list to create. */
export interface ListSpec {
  readonly service: IpRangesService;
  readonly family: IpFamily;
  readonly selector: string;
  readonly current: number;
  readonly maxEntries: number;
}

/** The props that decide the lists (a subset of `ConnectPrefixListsProps`). */
export interface ListSpecInput {
  readonly regions?: string[];
  readonly mode?: AllowListMode;
  readonly services?: IpRangesService[];
  readonly ipv6?: boolean;
  readonly headroomPercent?: number;
  readonly maxEntries?: PrefixListMaxEntries[];
  readonly shrinkGuardPercent?: number;
  readonly wideningGuardPercent?: number;
}

/** The checked decision: the Connect Regions, the lists, the shrink guard. */
export interface ListPlan {
  readonly regions: string[];
  readonly specs: ListSpec[];
  readonly shrinkGuard: number;
  readonly wideningGuard: number;
}

/**
 * Checks the props and decides the lists; `stackRegion` is used when `regions` is not given. A list holds the union
 * of the Regions' ranges, so it is sized for the sum of their counts (an upper bound: GLOBAL ranges and aggregation
 * across Regions only make the union smaller).
 */
export function planLists(scope: Construct, stackRegion: string, props: ListSpecInput): ListPlan {
  const regions = props.regions ?? [stackRegion];
  checkRegions(regions, props.regions === undefined);
  const services = resolveServices(props.mode, props.services);
  const families = props.ipv6 === false ? [IpFamily.IPV4] : [IpFamily.IPV4, IpFamily.IPV6];
  const headroom = props.headroomPercent ?? DEFAULT_HEADROOM_PERCENT;
  checkHeadroom(headroom);
  const shrinkGuard = props.shrinkGuardPercent ?? 20;
  checkShrinkGuard(shrinkGuard);
  const wideningGuard = props.wideningGuardPercent ?? 50;
  checkWideningGuard(wideningGuard);

  const specs: ListSpec[] = [];
  for (const service of services) {
    for (const family of families) {
      const selector = `${service.name}-${family}`;
      const current = regions.reduce((sum, region) => sum + currentCount(scope, region, selector), 0);
      specs.push({ service, family, selector, current, maxEntries: sizeFor(current, headroom) });
    }
  }
  applyOverrides(specs, props.maxEntries ?? []);
  return { regions, specs, shrinkGuard, wideningGuard };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation: one function per rule.

function checkRegions(regions: string[], fromStack: boolean): void {
  if (!Array.isArray(regions) || regions.length === 0) {
    fail('regions', `must name at least one Amazon Connect Region, got ${show(regions)}`);
  }
  regions.forEach((r) => checkRegion(r, fromStack));
  const dup = regions.find((r, i) => regions.indexOf(r) !== i);
  if (dup !== undefined) fail('regions', `must list each Region once, got ${show(dup)} twice in ${show(regions)}`);
  const replicaOnly = regions.find((r) => REPLICA_ONLY_REGIONS.includes(r));
  if (replicaOnly !== undefined && regions.length === 1) {
    fail('regions', `names ${show(replicaOnly)}, a Global Resiliency replica Region only: give it with its source Region (e.g. ['ap-northeast-1', '${replicaOnly}'])`);
  }
}

function checkRegion(region: string, fromStack: boolean): void {
  const name = fromStack ? 'env.region' : 'regions';
  if (isToken(region)) {
    fail(
      name,
      fromStack
        ? 'must be a concrete Region code to select and size the prefix lists; the stack is environment-agnostic, so set `regions` or the stack\'s env.region'
        : `must be a concrete Region code such as 'us-east-1' (it selects the ranges and sizes the lists at synth), got a token`,
    );
  }
  if (!REGION_PATTERN.test(region)) fail(name, `must be an AWS Region code such as 'us-east-1', got ${show(region)}`);
  if (!KNOWN_REGIONS.includes(region) && !REPLICA_ONLY_REGIONS.includes(region)) {
    fail(name, `must be a Region where Amazon Connect runs (the instance Regions the ranges are selected for): ` +
      `${[...KNOWN_REGIONS].sort().join(', ')} (${REPLICA_ONLY_REGIONS.join(', ')} as a Global Resiliency replica); got ${show(region)}`);
  }
}

function resolveServices(mode: AllowListMode | undefined, services: IpRangesService[] | undefined): IpRangesService[] {
  if (mode !== undefined && services !== undefined) {
    fail('services', `and mode are alternatives; give one of them, got mode ${mode.name} and services ${services.map((s) => s.name).join(', ')}`);
  }
  if (services !== undefined) {
    if (services.length === 0) fail('services', 'must name at least one of AMAZON_CONNECT, EC2, CLOUDFRONT, got []');
    const names = services.map((s) => s.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) fail('services', `must not repeat a service, got ${dup} twice`);
    return services;
  }
  if (mode !== undefined && mode.name === AllowListMode.IP_RANGES.name) {
    return [IpRangesService.AMAZON_CONNECT, IpRangesService.EC2, IpRangesService.CLOUDFRONT];
  }
  return [IpRangesService.AMAZON_CONNECT];
}

function checkHeadroom(value: number): void {
  if (isToken(value)) fail('headroomPercent', 'must be a concrete number: MaxEntries is computed from it at synth, got a token');
  checkInteger('headroomPercent', value, 0, 500);
}

function checkWideningGuard(value: number): void {
  if (isToken(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail('wideningGuardPercent', `must be a number of 0 or more (share of address space one sync may add to a list), got ${show(value)}`);
  }
}

function checkShrinkGuard(value: number): void {
  if (isToken(value)) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    fail('shrinkGuardPercent', `must be a number from 0 to 100 (share of a list's entries one sync may remove), got ${show(value)}`);
  }
}

function currentCount(scope: Construct, region: string, selector: string): number {
  const column = (SIZING_COLUMNS as readonly string[]).indexOf(selector);
  const row = SIZING[region];
  if (row) return row[column];
  const max = Math.max(...Object.values(SIZING).map((r) => r[column]));
  warn(
    scope,
    'prefixListSizingUnknownRegion',
    `region '${region}' is not in the sizing table (ip-ranges.json syncToken ${SIZING_SOURCE.syncToken}); ${selector} is sized ` +
      `for the largest Region (${max} entries). The sync function grows the list if it needs more.`,
  );
  return max;
}

function applyOverrides(specs: ListSpec[], overrides: PrefixListMaxEntries[]): void {
  const seen = new Set<string>();
  for (const o of overrides) {
    const selector = `${o.service.name}-${o.family}`;
    const i = specs.findIndex((s) => s.selector === selector);
    if (i < 0) fail('maxEntries', `names ${selector}, which this construct does not create; it creates ${specs.map((s) => s.selector).join(', ')}`);
    if (seen.has(selector)) fail('maxEntries', `names ${selector} twice; give one value per list`);
    seen.add(selector);
    checkMaxEntries(selector, o.maxEntries, specs[i].current);
    (specs as { maxEntries: number }[])[i] = { ...specs[i], maxEntries: o.maxEntries };
  }
}

function checkMaxEntries(selector: string, value: number, current: number): void {
  if (isToken(value)) return;
  checkInteger(`maxEntries for ${selector}`, value, 1, MAX_ENTRIES_LIMIT, ' (EC2 limit per managed prefix list)');
  if (value < current) {
    fail(
      `maxEntries for ${selector}`,
      `(${value}) is smaller than the ${current} prefixes currently published (ip-ranges.json syncToken ${SIZING_SOURCE.syncToken}); ` +
        `give at least ${current}`,
    );
  }
}
