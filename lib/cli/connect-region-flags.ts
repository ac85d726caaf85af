/**
 * The one parser of the Amazon Connect Region set for every subcommand (`allow-list`, `doctor`, `router-config`,
 * `status`, `sync`, and `handoff` through them): `--connect-region us-east-1,us-west-2`, or
 * `--global-resiliency-source R --global-resiliency-instance-id UUID` (which adds the documented partner Region), with
 * `--replica-alias`. The rules are the library's (`connect-endpoints/connect-regions.ts`); a refusal names the flag.
 */
import { FlagSpec, UsageError } from './args';
import { resolveConnectRegions } from '../connect-endpoints/connect-regions';
import { checkInstanceAlias } from '../connect-endpoints/catalog-select';
import { ConnectFeature } from '../connect-endpoints/features';
import { ConnectDxValidationError } from '../private/fail';

/** The flags of the set, declared once and added to each subcommand's flags. */
export const CONNECT_REGION_FLAGS: FlagSpec[] = [
  { name: 'connect-region', kind: 'string', value: 'REGION[,REGION]',
    help: 'the Amazon Connect Regions the agents use, comma-separated (e.g. us-east-1,us-west-2 for a Global Resiliency pair)' },
  { name: 'global-resiliency-source', kind: 'string', value: 'REGION',
    help: 'the Global Resiliency source Region: adds its documented partner Region to the set; needs --global-resiliency-instance-id' },
  { name: 'global-resiliency-instance-id', kind: 'string', value: 'UUID', help: 'the instance id in the Global Resiliency sign-in host' },
  { name: 'replica-alias', kind: 'string', value: 'ALIAS',
    help: 'with Global Resiliency: the replica instance\'s alias (ReplicaAlias), whose hosts are then allowed' },
];

/** The set as parsed. */
export interface ConnectRegionSelection {
  /** The Amazon Connect Regions (source first with Global Resiliency). */
  readonly regions: string[];
  /** The GLOBAL_RESILIENCY feature, when the pair was given. */
  readonly globalResiliency?: ConnectFeature;
  /** The replica instance's alias, when given. */
  readonly replicaAlias?: string;
}

/**
 * The set from the flags: `--connect-region`, else `fallback` (a command's `--region` that names the instance Region),
 * with the Global Resiliency partner added. Undefined when nothing names a Region.
 *
 * @param strings the parsed string flags
 * @param fallback the Region used without --connect-region, and the flag it came from
 */
export function connectRegionsFromFlags(strings: Record<string, string>,
  fallback?: { readonly value?: string; readonly flag: string }): ConnectRegionSelection | undefined {
  const source = strings['global-resiliency-source'];
  const id = strings['global-resiliency-instance-id'];
  if ((source === undefined) !== (id === undefined)) {
    throw new UsageError(source === undefined
      ? '--global-resiliency-instance-id needs --global-resiliency-source REGION (the pair\'s source Region)'
      : '--global-resiliency-source needs --global-resiliency-instance-id UUID (the instance id in the sign-in host)');
  }
  const replicaAlias = strings['replica-alias'];
  if (replicaAlias !== undefined && source === undefined) {
    throw new UsageError('--replica-alias is used only with Global Resiliency: give --global-resiliency-source and '
      + '--global-resiliency-instance-id too (the replica instance lives in the pair\'s other Region)');
  }
  const given = strings['connect-region'];
  if (given === undefined && source === undefined && fallback?.value === undefined) return undefined;
  // --region is an explicit choice on the command line: a set of one, checked like --connect-region
  const list = given !== undefined ? splitRegions(given) : fallback?.value !== undefined ? [fallback.value] : undefined;
  const setFlag = given !== undefined ? '--connect-region' : `--${fallback?.flag ?? 'region'}`;
  return asUsage(() => {
    const globalResiliency = source === undefined ? undefined : ConnectFeature.globalResiliency({ sourceRegion: source, instanceId: id! });
    if (replicaAlias !== undefined) checkInstanceAlias(replicaAlias, 'replicaAlias');
    const regions = resolveConnectRegions(list, undefined, globalResiliency === undefined ? [] : [globalResiliency],
      { set: setFlag, fallback: setFlag, source: '--global-resiliency-source' });
    return { regions, globalResiliency, replicaAlias };
  });
}

function splitRegions(value: string): string[] {
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new UsageError(`--connect-region must be a comma-separated list of Regions without empty items, e.g. us-east-1,us-west-2, got '${value}'`);
  }
  return items;
}

/** The flag behind a library property named at the start of a message. */
const FLAG_OF: Record<string, string> = {
  'globalResiliency.instanceId': '--global-resiliency-instance-id',
  'globalResiliency.sourceRegion': '--global-resiliency-source',
  'replicaAlias': '--replica-alias',
};

function asUsage<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof ConnectDxValidationError)) throw e;
    const first = e.message.split(' ', 1)[0];
    if (first.startsWith('--')) throw new UsageError(e.message);
    const flag = FLAG_OF[first];
    throw new UsageError(flag === undefined ? e.message : `${flag}: ${e.message}`);
  }
}
