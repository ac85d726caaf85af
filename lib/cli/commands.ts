/** The subcommand table. Each subcommand lives in its own file and registers here. */
import { CommandEntry } from './io';

export const commands: Record<string, CommandEntry> = {
};
