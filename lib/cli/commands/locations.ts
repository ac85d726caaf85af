/**
 * `cdk-connect-dx locations`: the Direct Connect location snapshot the library checks against (code, name, the
 * Region each location is associated with, port speeds, MACsec speeds). With `--live` it asks AWS
 * (`DescribeLocations` in every Region of the snapshot's partition, or `--region`) and prints the differences.
 */
import { DescribeLocationsCommand, DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { createDirectConnectClient, explainReadError } from '../../handlers/shared/direct-connect-read';
import { DirectConnectLocation } from '../../locations/direct-connect-location';
import { endpointFlag, FlagSpec, helpText, parseFlags, regionFlag, UsageError } from '../args';
import { AwsUnavailableError, credentialSource, requireCredentials, runStopper, targetText } from '../aws-errors';
import { CliIo, CommandEntry, writeJson } from '../io';
import { SUMMARIES } from '../summaries';

const COMMAND = 'locations';
const SUMMARY = SUMMARIES.locations;

const FLAGS: FlagSpec[] = [
  { name: 'region', kind: 'string', value: 'REGION', help: 'only the locations associated with this Region, e.g. eu-west-2' },
  { name: 'code', kind: 'string', value: 'CODE', help: 'only this location code, case-insensitive, e.g. EqLD5' },
  { name: 'json', kind: 'boolean', help: 'print JSON instead of a table' },
  { name: 'live', kind: 'boolean', help: 'ask AWS (DescribeLocations in every Region of the aws partition, or --region) and print the differences from the snapshot' },
  { name: 'endpoint-url', kind: 'string', value: 'URL', help: 'Direct Connect endpoint for --live, http(s)://host[:port] (emulators, tests)' },
];

/** One location as both sides describe it. */
interface Row {
  readonly code: string;
  readonly name: string;
  readonly region: string;
  readonly portSpeeds: string[];
  readonly macsecPortSpeeds: string[];
}

/** Test seam: the client for a Region. */
export interface LocationsDeps {
  readonly clientFor?: (region: string) => DirectConnectClient;
}

function snapshotRows(region?: string, code?: string): Row[] {
  return DirectConnectLocation.all()
    .filter((l) => region === undefined || l.region === region)
    .filter((l) => code === undefined || l.code.toUpperCase() === code.toUpperCase())
    .map((l) => ({ code: l.code, name: l.name ?? '', region: l.region, portSpeeds: l.portSpeeds ?? [], macsecPortSpeeds: l.macsecPortSpeeds ?? [] }));
}

function table(rows: Row[]): string {
  const head = ['CODE', 'REGION', 'PORT SPEEDS', 'MACSEC', 'NAME'];
  const cells = rows.map((r) => [r.code, r.region, r.portSpeeds.join(','), r.macsecPortSpeeds.join(',') || '-', r.name]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  return [head, ...cells].map((c) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
}

/** `10G` -> `10Gbps`, as the snapshot class spells speeds. */
const bandwidth = (s: string) => s.replace(/G$/, 'Gbps');

async function liveRows(region: string, client: DirectConnectClient): Promise<Row[]> {
  const out = await client.send(new DescribeLocationsCommand({}));
  return (out.locations ?? []).map((l) => ({
    code: l.locationCode ?? '',
    name: l.locationName ?? '',
    region: l.region ?? region,
    portSpeeds: (l.availablePortSpeeds ?? []).map(bandwidth),
    macsecPortSpeeds: (l.availableMacSecPortSpeeds ?? []).map(bandwidth),
  }));
}

/** The differences between the snapshot and the live rows of the same Regions, one line each. */
export function differences(snapshot: Row[], live: Row[]): string[] {
  const key = (r: Row) => r.code.toUpperCase();
  const snap = new Map(snapshot.map((r) => [key(r), r]));
  const now = new Map(live.map((r) => [key(r), r]));
  const lines: string[] = [];
  for (const r of live) {
    const s = snap.get(key(r));
    if (!s) { lines.push(`+ ${r.code} (${r.region}) is new: ${r.name}; ports ${r.portSpeeds.join(',')}, MACsec ${r.macsecPortSpeeds.join(',') || '-'}`); continue; }
    if (s.region !== r.region) lines.push(`~ ${r.code}: Region ${s.region} -> ${r.region} (its BGP communities change meaning)`);
    if (s.portSpeeds.join(',') !== r.portSpeeds.join(',')) lines.push(`~ ${r.code}: port speeds ${s.portSpeeds.join(',')} -> ${r.portSpeeds.join(',')}`);
    if (s.macsecPortSpeeds.join(',') !== r.macsecPortSpeeds.join(',')) {
      lines.push(`~ ${r.code}: MACsec ${s.macsecPortSpeeds.join(',') || '-'} -> ${r.macsecPortSpeeds.join(',') || '-'}`);
    }
  }
  for (const s of snapshot) if (!now.has(key(s))) lines.push(`- ${s.code} (${s.region}) is no longer listed: ${s.name}`);
  return lines;
}

async function runLocations(argv: string[], io: CliIo, deps: LocationsDeps = {}): Promise<number> {
  const flags = parseFlags(COMMAND, argv, FLAGS);
  if (flags.help) {
    io.out(helpText(COMMAND, SUMMARY, FLAGS));
    return 0;
  }
  const region = regionFlag(flags.strings.region);
  if (region !== undefined) checkKnownRegion(region);
  const code = flags.strings.code;
  if (code !== undefined) checkCodeFlag(code);
  const endpoint = endpointFlag(flags.strings['endpoint-url']);
  const live = flags.booleans.live === true;
  if (endpoint !== undefined && !live) throw new UsageError('--endpoint-url is used only with --live; add --live or drop --endpoint-url');
  const rows = snapshotRows(region, code);
  if (code !== undefined && rows.length === 0 && !live) {
    throw new UsageError(`--code '${code}' is not in the location snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}${region ? ` for ${region}` : ''} (try --live to ask AWS)`);
  }
  if (!live) {
    if (flags.booleans.json) writeJson(io, { snapshotDate: DirectConnectLocation.SNAPSHOT_DATE, source: DirectConnectLocation.SNAPSHOT_SOURCE, locations: rows });
    else io.out(`Direct Connect locations (snapshot ${DirectConnectLocation.SNAPSHOT_DATE}; REGION = the Region each is associated with)\n${table(rows)}`);
    return 0;
  }

  const regions = region ? [region] : [...new Set(DirectConnectLocation.all().filter((l) => l.partition === 'aws').map((l) => l.region))].sort();
  const clientFor = deps.clientFor ?? ((r: string) => createDirectConnectClient({ region: r, endpoint }));
  const liveAll: Row[] = [];
  const errors: string[] = [];
  let answered = 0;
  for (const r of regions) {
    const client = clientFor(r);
    try {
      // Credentials and a reachable endpoint are checked on the first Region: without them every Region would fail
      // the same way, so the run stops there with one line.
      if (r === regions[0]) await requireCredentials(client, { region: r, endpoint });
      liveAll.push(...(await liveRows(r, client)).filter((l) => code === undefined || l.code.toUpperCase() === code.toUpperCase()));
      answered++;
    } catch (e) {
      if (e instanceof AwsUnavailableError) throw e;
      const stopper = answered === 0 ? runStopper('DescribeLocations', e, { region: r, endpoint }) : undefined;
      if (stopper !== undefined) throw new AwsUnavailableError(stopper);
      errors.push(`${r}: ${explainReadError('DescribeLocations', e)}`);
    } finally {
      if (!deps.clientFor) client.destroy();
    }
  }
  if (answered === 0) {
    const where = regions.length === 1 ? targetText({ region: regions[0], endpoint })
      : `${credentialSource()}, Regions ${regions[0]} to ${regions[regions.length - 1]}${endpoint ? `, endpoint ${endpoint}` : ''}`;
    throw new AwsUnavailableError(`DescribeLocations failed in ${regions.length === 1 ? regions[0] : `all ${regions.length} Regions`} `
      + `(${where}); ${regions[0]}: ${errors[0].slice(errors[0].indexOf(': ') + 2)}`);
  }
  const failed = new Set(errors.map((e) => e.slice(0, e.indexOf(':'))));
  const compared = snapshotRows(region, code).filter((s) => !failed.has(s.region) && regions.includes(s.region));
  const diff = differences(compared, liveAll);
  if (flags.booleans.json) {
    writeJson(io, { snapshotDate: DirectConnectLocation.SNAPSHOT_DATE, regions, differences: diff, errors });
  } else {
    io.out(`DescribeLocations in ${regions.length} Region(s) against the snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}: `
      + `${liveAll.length} live, ${compared.length} in the snapshot, ${diff.length} difference(s)\n${diff.map((d) => `${d}\n`).join('')}`);
  }
  for (const e of errors) io.err(`cdk-connect-dx ${COMMAND}: ${e}\n`);
  return errors.length > 0 ? 1 : 0;
}

/** A Region without a location in the snapshot is a usage error (exit 2): an empty table would read as "none there". */
function checkKnownRegion(region: string): void {
  const known = [...new Set(DirectConnectLocation.all().map((l) => l.region))].sort();
  if (!known.includes(region)) {
    throw new UsageError(`--region '${region}' has no Direct Connect location in the snapshot of ${DirectConnectLocation.SNAPSHOT_DATE}; `
      + `Regions with locations: ${known.join(', ')}`);
  }
}

/** A malformed --code is a usage error naming the flag. */
function checkCodeFlag(code: string): void {
  if (!/^[A-Za-z0-9-]+$/.test(code)) throw new UsageError(`--code must be a Direct Connect location code (letters, digits and -, e.g. EqLD5), got '${code}'`);
}

/** For tests: the command with a client seam. */
export const runLocationsWith = runLocations;

/** Registration for the subcommand table. */
export const locationsEntry: CommandEntry = { summary: SUMMARY, run: (argv, io) => runLocations(argv, io) };
