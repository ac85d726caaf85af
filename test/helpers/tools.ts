/**
 * Tools some tests need beyond npm. Each is detected; when one is missing, its tests are skipped and the run's
 * summary says `skipped: <tool> not found (<how to install>)` (test/helpers/skip-reporter.js). Under `CI=true` a
 * missing tool is a failure instead, so CI proves everything.
 */
import { appendFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { have } from './live-lab';

/** A tool and how to get it. */
export interface Tool {
  /** The name printed in the summary. */
  readonly name: string;
  /** How to install it (printed next to the name). */
  readonly install: string;
  /** Why it cannot be used here, or undefined when it can. */
  readonly missing: () => string | undefined;
}

export const CFN_LINT: Tool = {
  name: 'cfn-lint', install: 'pip install cfn-lint',
  missing: () => (have('cfn-lint') ? undefined : 'not found'),
};
/** The jsii assembly (`.jsii`) of this checkout, which the prop shapes are generated from; `npm run build` writes it. */
export const JSII_ASSEMBLY: Tool = {
  name: 'the jsii assembly (.jsii)', install: 'npm run compile',
  missing: () => (existsSync(join(__dirname, '..', '..', '.jsii')) ? undefined : 'not built'),
};
export const MOTO_SERVER: Tool = {
  name: 'moto_server', install: 'pip install "moto[server]"',
  missing: () => (have('moto_server') ? undefined : 'not found'),
};
/**
 * A live suite's lab: root on Linux with `ip netns` (iproute2) and the Debian packages it runs, which the suites never
 * install (`.ci/run` does). The reason a suite cannot run comes from `liveLabSkipReason` (live-lab.ts).
 */
export function networkNamespaces(packages: string): Tool {
  return {
    name: 'live lab', install: `run npm run test:live as root on Linux with iproute2 and ${packages} installed (.ci/run installs them)`,
    missing: () => 'cannot run here',
  };
}

const cache = new Map<Tool, string | undefined>();
function reason(tool: Tool): string | undefined {
  if (!cache.has(tool)) cache.set(tool, tool.missing());
  return cache.get(tool);
}

/** The summary line for a missing tool. */
export function skipMessage(tool: Tool, why = reason(tool) ?? 'not found'): string {
  return `skipped: ${tool.name} ${why} (${tool.install})`;
}

/** Records a skip for the summary (the reporter sets CDX_SKIP_LOG), or throws under CI=true. */
export function recordSkip(tool: Tool, test: string): void {
  const message = skipMessage(tool);
  if (process.env.CI === 'true') throw new Error(`${message}; under CI=true a missing tool is a failure`);
  if (process.env.CDX_SKIP_LOG) appendFileSync(process.env.CDX_SKIP_LOG, JSON.stringify({ message, test }) + '\n');
}

/** True when the tool is usable. When it is not: records the skip (or throws under CI=true). */
export function toolAvailable(tool: Tool, test = expect.getState().currentTestName ?? ''): boolean {
  if (reason(tool) === undefined) return true;
  recordSkip(tool, test);
  return false;
}

/**
 * `describe` when the tool is there. Otherwise one skipped test named after the reason (so jest counts it as
 * skipped and the summary names the tool), or, under CI=true, one failing test saying what is missing.
 */
export function describeWithTool(tool: Tool, name: string, body: () => void): void {
  const why = reason(tool);
  if (why === undefined) describe(name, body); else skipSuite(tool, name, why);
}

/** The suite `name` cannot run because `tool` is missing (`why`): one skipped test, or a failing one under CI=true. */
export function skipSuite(tool: Tool, name: string, why: string): void {
  const message = skipMessage(tool, why);
  if (process.env.CI === 'true') {
    test(`${name}: ${message}`, () => { throw new Error(`${message}; under CI=true a missing tool is a failure`); });
    return;
  }
  if (process.env.CDX_SKIP_LOG) appendFileSync(process.env.CDX_SKIP_LOG, JSON.stringify({ message, test: name }) + '\n');
  test.skip(`${name}: ${message}`, () => undefined);
}
