/** The subcommand table. Each subcommand lives in its own file and registers here. */
import { CommandEntry } from './io';
import { routerConfigEntry } from './router-config';
import { syncEntry } from './sync';
import { allowListCommand } from './allow-list';
import { statusEntry } from './status';
import { handoffEntry } from './handoff';
import { failoverTestEntry } from './failover-test';
import { doctorEntry } from './doctor';

export const commands: Record<string, CommandEntry> = {
  sync: syncEntry,
  'router-config': routerConfigEntry,
  'allow-list': allowListCommand,
  status: statusEntry,
  handoff: handoffEntry,
  'failover-test': failoverTestEntry,
  doctor: doctorEntry,
  locations: (require('./locations') as typeof import('./locations')).locationsEntry, // one line: the table is shared by several engineers
  plan: (require('./plan') as typeof import('./plan')).planEntry,
};
