/**
 * The subcommand table: each command's summary and how to load it. A command's module, with the SDK client and the
 * tables it uses, is loaded only when that command runs: `load` calls `require`, which esbuild keeps lazy in the
 * bundle, so `cdk-connect-dx --help` evaluates no command module and no SDK client. A new command adds its summary
 * to summaries.ts and one line here.
 */
import { CommandEntry } from './io';
import { SUMMARIES } from './summaries';

/** A command as the dispatcher sees it before loading it. */
export interface CommandRef {
  readonly summary: string;
  /** Loads the command's module (once; `require` caches it) and returns its entry. */
  load(): CommandEntry;
}

/* eslint-disable @typescript-eslint/no-require-imports -- lazy loading is the point of this table */
export const commands: Record<string, CommandRef> = {
  'sync': { summary: SUMMARIES.sync, load: () => (require('./commands/sync') as typeof import('./commands/sync')).syncEntry },
  'router-config': { summary: SUMMARIES['router-config'], load: () => (require('./commands/router-config') as typeof import('./commands/router-config')).routerConfigEntry },
  'allow-list': { summary: SUMMARIES['allow-list'], load: () => (require('./commands/allow-list') as typeof import('./commands/allow-list')).allowListEntry },
  'status': { summary: SUMMARIES.status, load: () => (require('./commands/status') as typeof import('./commands/status')).statusEntry },
  'handoff': { summary: SUMMARIES.handoff, load: () => (require('./commands/handoff') as typeof import('./commands/handoff')).handoffEntry },
  'failover-test': { summary: SUMMARIES['failover-test'], load: () => (require('./commands/failover-test') as typeof import('./commands/failover-test')).failoverTestEntry },
  'doctor': { summary: SUMMARIES.doctor, load: () => (require('./commands/doctor') as typeof import('./commands/doctor')).doctorEntry },
  'locations': { summary: SUMMARIES.locations, load: () => (require('./commands/locations') as typeof import('./commands/locations')).locationsEntry },
  'plan': { summary: SUMMARIES.plan, load: () => (require('./commands/plan') as typeof import('./commands/plan')).planEntry },
};
/* eslint-enable @typescript-eslint/no-require-imports */
