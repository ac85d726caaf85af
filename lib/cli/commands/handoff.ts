/**
 * `cdk-connect-dx handoff --out DIR`: writes the network team's handoff into one folder, the router configuration
 * for every vendor and the Amazon Connect allow lists, by calling the renderers of `router-config` and `allow-list`
 * with the same flags. Plain Node (no shell), so it runs the same on Linux, macOS and Windows.
 *
 * Its flags are those of the two commands (minus the ones it sets itself), so a flag added to either command is
 * accepted here and passed through. Defaults are the example app's context defaults (lib/example-app/defaults.ts), so the
 * handoff matches what `npx cdk synth` builds without `-c` values.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULTS } from '../../example-app/defaults';
import { RouterVendor } from '../../router-config/router-configuration';
import { ALLOW_LIST_FLAGS, allowListText } from './allow-list';
import { FlagSpec, helpText, ParsedFlags, parseFlags, UsageError } from '../args';
import { SUMMARIES } from '../summaries';
import { CliIo, CommandEntry } from '../io';
import { ROUTER_CONFIG_FLAGS, routerConfigText } from './router-config';

const COMMAND = 'handoff';
const SUMMARY = SUMMARIES.handoff;

/** Flags handoff sets itself on each command it renders. */
const SET_BY_HANDOFF = new Set(['vendor', 'only-connect-prefixes', 'format']);

/** Handoff flag -> the example app's context key whose default it takes (lib/example-app/defaults.ts). */
const DEFAULT_FROM_CONTEXT: Record<string, keyof typeof DEFAULTS> = {
  'region': 'region',
  'alias': 'instanceAlias',
  'vlan': 'vlan',
  'asn': 'asn',
  'customer-address': 'customerAddress',
  'amazon-address': 'amazonAddress',
  'prefixes': 'routeFilterPrefixes',
  'scope': 'communityScope',
  'home-net': 'agentCidrs',
};

/** What a shared flag means in handoff, where the two commands' own wording would mislead. */
const HELP_IN_HANDOFF: Record<string, string> = {
  'region': 'the Amazon Connect instance Region',
  'ip-ranges': 'a saved https://ip-ranges.amazonaws.com/ip-ranges.json: routers accept inbound only the AMAZON_CONNECT, EC2, CLOUDFRONT prefixes of the Connect Regions, allow lists carry prefixes',
  'pac-proxy': 'also write allow-list.pac: the proxy for every host outside the allow list (HOST:PORT)',
  'home-net': 'the agents\' networks (HOME_NET of the Suricata rules)',
};

/** router-config's flags, then allow-list's, each once; none required here (defaults fill them). */
export const HANDOFF_FLAGS: FlagSpec[] = (() => {
  const own: FlagSpec[] = [
    { name: 'out', kind: 'string', value: 'DIR', required: true, help: 'the folder to write into (created if missing; files in it are replaced)' },
  ];
  const seen = new Set(own.map((f) => f.name));
  const passed: FlagSpec[] = [];
  for (const f of [...ROUTER_CONFIG_FLAGS, ...ALLOW_LIST_FLAGS]) {
    if (SET_BY_HANDOFF.has(f.name) || seen.has(f.name)) continue;
    seen.add(f.name);
    const key = DEFAULT_FROM_CONTEXT[f.name];
    const fallback = key === undefined ? undefined : DEFAULTS[key].value;
    const help = HELP_IN_HANDOFF[f.name] ?? f.help;
    passed.push({ ...f, required: false, help: fallback === undefined ? help : `${help} (default ${fallback})` });
  }
  return [...own, ...passed];
})();

/** The argv of one command: every flag it declares that handoff has a value for, except those it sets itself. */
function argvFor(specs: FlagSpec[], flags: ParsedFlags, values: Record<string, string>, skip: string[]): string[] {
  const argv: string[] = [];
  for (const f of specs) {
    if (SET_BY_HANDOFF.has(f.name) || skip.includes(f.name)) continue;
    if (f.kind === 'boolean') {
      if (flags.booleans[f.name]) argv.push(`--${f.name}`);
    } else if (f.kind === 'multi') {
      for (const v of flags.multi[f.name] ?? []) argv.push(`--${f.name}`, v);
    } else if (values[f.name] !== undefined) {
      argv.push(`--${f.name}`, values[f.name]);
    }
  }
  return argv;
}

/** The files of the handoff, rendered in memory: nothing is written unless every one renders. */
export function renderHandoff(flags: ParsedFlags, note: (text: string) => void): { file: string; text: string }[] {
  const values: Record<string, string> = { ...flags.strings };
  const defaulted: string[] = [];
  for (const [flag, key] of Object.entries(DEFAULT_FROM_CONTEXT)) {
    const d = DEFAULTS[key];
    if (values[flag] !== undefined || d.value === undefined) continue;
    values[flag] = d.value;
    if (d.placeholder) defaulted.push(`--${flag} ${d.value}`);
  }
  // Without --scope, the example app's pair: the location's Region and the instance Region derive the scope and acceptance.
  if (values.scope === undefined && values.location === undefined && values['location-region'] === undefined) {
    values.location = DEFAULTS.location.value!;
    const beforeAgentNets = defaulted.findIndex((d) => d.startsWith('--home-net'));
    defaulted.splice(beforeAgentNets === -1 ? defaulted.length : beforeAgentNets, 0, `--location ${values.location}`);
  }
  // The Connect Region set: --connect-region, else --region (with Global Resiliency, the pair: the flags add the partner)
  if (values['connect-region'] === undefined && values['global-resiliency-source'] === undefined
    && (values.location !== undefined || values['location-region'] !== undefined)) {
    values['connect-region'] = values.region;
  }
  const ipRanges = values['ip-ranges'];
  const files: { file: string; text: string }[] = [];

  // With --ip-ranges the routers accept inbound only the Amazon Connect prefixes of the Region (as the script did).
  const routerArgv = argvFor(ROUTER_CONFIG_FLAGS, flags, values, ['region', 'ip-ranges']);
  const narrow = ipRanges === undefined ? [] : ['--only-connect-prefixes', '--region', values.region, '--ip-ranges', ipRanges];
  for (const vendor of RouterVendor.all()) {
    files.push({ file: `router-${vendor.name}.conf`, text: routerConfigText(['--vendor', vendor.name, ...routerArgv, ...narrow]) });
  }

  // allow-list takes the set: --connect-region, else --region as given, else with Global Resiliency the pair (the
  // source Region; the flags add its partner), else the default Region
  const connectSet = values['connect-region'] ?? flags.strings.region ?? values['global-resiliency-source'] ?? values.region;
  const listArgv = [...argvFor(ALLOW_LIST_FLAGS, flags, values, ['ip-ranges', 'home-net', 'pac-proxy', 'region', 'connect-region']),
    '--connect-region', connectSet];
  // each allow-list file reports the same catalog read date and warnings: say them once
  const said = new Set<string>();
  const once = (text: string) => { if (!said.has(text)) { said.add(text); note(text); } };
  const withPrefixes = ipRanges === undefined ? [] : ['--ip-ranges', ipRanges];
  if (values.mode !== 'IP_RANGES') {
    files.push({ file: 'allow-list.domains', text: allowListText([...listArgv, '--format', 'domains'], once) });
  } else {
    note(`${COMMAND}: no allow-list.domains: --mode IP_RANGES allows by address, not by name\n`);
  }
  for (const format of ['csv', 'json']) {
    files.push({ file: `allow-list.${format}`, text: allowListText([...listArgv, ...withPrefixes, '--format', format], once) });
  }
  files.push({
    file: 'allow-list.suricata.rules',
    text: allowListText([...listArgv, ...withPrefixes, '--format', 'suricata', '--home-net', values['home-net']], once),
  });

  if (values['pac-proxy'] !== undefined) {
    if (values.mode === 'IP_RANGES') throw new UsageError('--pac-proxy writes allow-list.pac, a list of names, which --mode IP_RANGES does not use; drop one of them');
    files.push({ file: 'allow-list.pac', text: allowListText([...listArgv, '--format', 'pac', '--pac-proxy', values['pac-proxy']], once) });
  }

  if (defaulted.length > 0) {
    note(`${COMMAND}: placeholder values of the example app in use (${defaulted.join(', ')}); pass your own before handing this over\n`);
  }
  return files;
}

async function handoff(argv: string[], io: CliIo): Promise<number> {
  const flags = parseFlags(COMMAND, argv, HANDOFF_FLAGS);
  if (flags.help) {
    io.out(helpText(COMMAND, `${SUMMARY}.\n\nFiles: ${RouterVendor.all().map((v) => `router-${v.name}.conf`).join(', ')}, ` +
      'allow-list.domains, allow-list.csv, allow-list.json, allow-list.suricata.rules, and allow-list.pac with --pac-proxy. ' +
      'Defaults are the example app\'s ' +
      'context defaults; with --ip-ranges the routers accept inbound only the Amazon Connect prefixes of --region ' +
      'and the allow lists carry prefixes. Nothing is sent anywhere; the BGP key never appears.', HANDOFF_FLAGS));
    return 0;
  }
  const out = flags.strings.out;
  const files = renderHandoff(flags, (t) => io.err(t));
  let isDir = true;
  try {
    isDir = statSync(out).isDirectory();
  } catch {
    // missing: created below
  }
  if (!isDir) throw new UsageError(`--out must be a folder, got '${out}' (a file)`);
  mkdirSync(out, { recursive: true });
  for (const f of files) writeFileSync(path.join(out, f.file), f.text);
  // a domain list left from an earlier run would contradict IP_RANGES mode
  if (!files.some((f) => f.file === 'allow-list.domains')) rmSync(path.join(out, 'allow-list.domains'), { force: true });
  io.out(`wrote ${files.length} files to ${out}:\n${files.map((f) => `  ${f.file}`).join('\n')}\n`);
  return 0;
}

export const handoffEntry: CommandEntry = { summary: SUMMARY, run: handoff };
