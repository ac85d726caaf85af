/**
 * The set of Amazon Connect Regions the agents use: the instance's Region and, with Global Resiliency, the other
 * Region of its documented pair. One function decides it for the stack, the catalog, the example app and the CLI,
 * so that every entry point accepts and refuses the same sets with the same words (only the name of the prop, key or
 * flag differs). Pure: no aws-cdk-lib.
 */
import {
  GLOBAL_RESILIENCY_PAIRS, GLOBAL_RESILIENCY_PAIRS_SOURCE, KNOWN_REGIONS, REFUSED_REGION_NOTES, REPLICA_ONLY_REGIONS,
} from './catalog-data';
import type { ConnectFeature } from './features';
import { fail, show } from '../private/fail';
import { isUnresolved as isToken } from '../private/unresolved';

/** The documented pairs as text, `us-east-1->us-west-2, ...`, with the page they come from. */
export function documentedPairsText(): string {
  return `${GLOBAL_RESILIENCY_PAIRS.map((p) => `${p.source}->${p.replica}`).join(', ')} (${GLOBAL_RESILIENCY_PAIRS_SOURCE.url})`;
}

/** The Global Resiliency pair a feature list names: its source Region and the documented replica Region. */
export interface GlobalResiliencyPair {
  readonly source: string;
  readonly replica: string;
}

/**
 * The pair of the GLOBAL_RESILIENCY feature in `features`, or undefined without it. Throws for a source Region that
 * is not the source of a documented pair (naming the pairs).
 */
export function globalResiliencyPairOf(features: readonly ConnectFeature[] | undefined,
  sourceName = 'globalResiliency.sourceRegion'): GlobalResiliencyPair | undefined {
  const gr = (features ?? []).find((f) => f.name === 'GLOBAL_RESILIENCY');
  if (gr === undefined) return undefined;
  const source = gr.placeholderValue('source-region')!;
  const pair = GLOBAL_RESILIENCY_PAIRS.find((p) => p.source === source);
  if (pair === undefined) {
    fail(sourceName, `must be the source Region of a documented Global Resiliency pair (${documentedPairsText()}), got ${show(source)}`
      + (REPLICA_ONLY_REGIONS.includes(source) ? ` (${source} is a replica Region only)` : ''));
  }
  return { source: pair.source, replica: pair.replica };
}

/** Where a set comes from, for the messages: the name of the prop, context key or flag. */
export interface ConnectRegionNames {
  /** The name of the set (`connectRegions`, `--connect-region`). */
  readonly set: string;
  /** The name of the fallback Region (`env.region`, `region`, `--region`). */
  readonly fallback: string;
  /** The name of the Global Resiliency source Region (`globalResiliency.sourceRegion`, `--global-resiliency-source`). */
  readonly source?: string;
}

/**
 * The Amazon Connect Regions: `given` (each a Region where Amazon Connect runs, no duplicates), else `fallback`;
 * with Global Resiliency, the pair's Regions (every given Region must be the source or its documented replica, and
 * the one missing is added). Without `given` and with Global Resiliency, the pair itself (source first).
 *
 * @param given the set as given, or undefined
 * @param fallback the Region used without `given` and without Global Resiliency (the stack's Region)
 * @param features the catalog features (GLOBAL_RESILIENCY decides the pair)
 * @param names the names the messages use
 */
export function resolveConnectRegions(given: readonly string[] | undefined, fallback: string | undefined,
  features: readonly ConnectFeature[] | undefined, names: ConnectRegionNames): string[] {
  const pair = globalResiliencyPairOf(features, names.source);
  if (given !== undefined) checkGiven(given, names.set, pair);
  let regions: string[];
  if (given !== undefined) regions = [...given];
  else if (pair !== undefined) regions = [pair.source, pair.replica];
  else {
    if (fallback === undefined) fail(names.set, 'must name at least one Amazon Connect Region (e.g. us-east-1 or us-east-1,us-west-2)');
    checkConnectRegion(names.fallback, fallback, pair);
    regions = [fallback];
  }
  if (pair !== undefined) {
    for (const r of [pair.source, pair.replica]) if (!regions.includes(r)) regions.push(r);
  }
  return regions;
}

function checkGiven(given: readonly string[], name: string, pair: GlobalResiliencyPair | undefined): void {
  if (!Array.isArray(given) || given.length === 0) {
    fail(name, `must name at least one Amazon Connect Region (e.g. ['us-east-1'] or ['us-east-1', 'us-west-2']), got ${show(given)}`);
  }
  for (const r of given) {
    checkLiteral(name, r);
    if (pair !== undefined && r !== pair.source && r !== pair.replica) {
      fail(name, `names ${show(r)}, which is not in the Global Resiliency pair of source Region ${pair.source}: its documented `
        + `replica Region is ${pair.replica}, not ${r}; documented pairs: ${documentedPairsText()}`);
    }
    checkConnectRegion(name, r, pair);
  }
  const dup = given.find((r, i) => given.indexOf(r) !== i);
  if (dup !== undefined) fail(name, `must list each Region once, got ${show(dup)} twice in ${show(given)}`);
}

function checkLiteral(name: string, region: string): void {
  if (typeof region !== 'string' || isToken(region)) {
    fail(name, `must be a literal Region code (the endpoints, ranges and scope differ per Region and are decided at synth), got ${isToken(region) ? 'an unresolved token' : show(region)}`);
  }
}

/** One Region of the set: literal, and a Region where Amazon Connect runs (a replica-only Region with its pair). */
function checkConnectRegion(name: string, region: string, pair: GlobalResiliencyPair | undefined): void {
  checkLiteral(name, region);
  if (KNOWN_REGIONS.includes(region)) return;
  if (pair !== undefined && pair.replica === region) return; // Osaka, as the replica of a Tokyo instance
  const note = REFUSED_REGION_NOTES[region];
  fail(name, `must be a Region where Amazon Connect runs: ${[...KNOWN_REGIONS].sort().join(', ')}; `
    + `got ${show(region)}${note ? ` (${region} ${note})` : ''}`);
}
