/** The subcommand table. Each subcommand lives in its own file and registers here. */
import { CommandEntry } from './io';
import { syncEntry } from './sync';

export const commands: Record<string, CommandEntry> = {
  sync: syncEntry,
};
