/**
 * Each command's one-line summary, shown by `cdk-connect-dx --help` (from the registry in commands.ts, which loads
 * no command module for it) and at the top of the command's own `--help`. Plain strings: this file imports nothing.
 */
export const SUMMARIES = {
  'allow-list': 'Print the Amazon Connect allow list (domains, Suricata rules, CSV, JSON or a PAC file) for a firewall or proxy',
  'doctor': 'Check from an agent network that Amazon Connect works and takes the Direct Connect path',
  'failover-test': 'Run, stop or list AWS Direct Connect BGP failover tests, refusing to test the only path',
  'handoff': 'Write the router configurations (FRR, Cisco IOS XE, Junos) and allow lists for the network team into a folder',
  'plan': 'Size the link for a number of agents: bandwidth, port speed, rate limit, capacity and monthly cost',
  'locations': 'List Direct Connect locations with the Region each is associated with (BGP communities are relative to it)',
  'router-config': 'Print the customer router configuration (FRR, Cisco IOS XE, Junos) for the public virtual interface',
  'status': 'Show Direct Connect connections, LAGs, virtual interfaces and BGP peers, with what each state means',
  'sync': 'Sync the managed prefix lists with ip-ranges.json now (or --dry-run to print the plan as JSON)',
} as const;
