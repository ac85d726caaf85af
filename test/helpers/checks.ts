/**
 * Shared test helpers: run cfn-lint on a synthesized stack, and run the cdk-nag packs the project commits to.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CFN_LINT, skipMessage, toolAvailable } from './tools';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks, PCIDSS321Checks } from 'cdk-nag';

/** Result of a cfn-lint run. */
export interface LintResult {
  /** cfn-lint's exit code: a bitmask, 2 = errors, 4 = warnings, 8 = informational. */
  readonly code: number;
  readonly output: string;
}

/** Writes the stack's template to a temp file and lints it with the machine's cfn-lint. */
export function cfnLint(stack: Stack): LintResult {
  const dir = mkdtempSync(join(tmpdir(), 'cfnlint-'));
  const file = join(dir, `${stack.stackName}.template.json`);
  writeFileSync(file, JSON.stringify(Template.fromStack(stack).toJSON(), null, 1));
  return cfnLintFile(file);
}

const LINT_SERVER = join(__dirname, 'cfn-lint-server.py');
let lintServer: { python: string; socket: string } | null | undefined;

/**
 * cfn-lint loaded once in this jest worker (cfn-lint-server.py), or null where the cfn-lint command's Python cannot
 * be found (then each lint runs the command). Loading cfn-lint costs about 1.5 s of CPU, more than most lints. Each
 * test file has its own module registry, so the server is found again by this process's id: its socket folder.
 */
function cfnLintServer(): { python: string; socket: string } | null {
  if (lintServer !== undefined) return lintServer;
  lintServer = null;
  const probe = spawnSync('python3', ['-c', 'import importlib.util, sys; print(sys.executable if importlib.util.find_spec("cfnlint") else "")'],
    { encoding: 'utf8' });
  const python = probe.status === 0 ? probe.stdout.trim() : '';
  if (python === '') return lintServer;
  const dir = join(tmpdir(), `cdk-connect-dx-cfnlint-${process.pid}`);
  const socket = join(dir, 'socket');
  const pidFile = join(dir, 'pid');
  if (!serverAlive(pidFile)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    // its standard input is the server's lifeline: when this worker exits, the pipe closes and the server ends
    const child = spawn(python, [LINT_SERVER, socket], { stdio: ['pipe', 'ignore', 'inherit'] });
    child.unref();
    (child.stdin as unknown as { unref?: () => void }).unref?.();
    writeFileSync(pidFile, String(child.pid));
    process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  lintServer = { python, socket };
  return lintServer;
}

function serverAlive(pidFile: string): boolean {
  try {
    process.kill(Number(readFileSync(pidFile, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lints a template file with the machine's cfn-lint. Without cfn-lint the lint is skipped (exit code 0, reported
 * in the run's summary); under CI=true that is a failure.
 */
export function cfnLintFile(file: string): LintResult {
  if (!toolAvailable(CFN_LINT)) return { code: 0, output: skipMessage(CFN_LINT) };
  const server = cfnLintServer();
  try {
    const output = server !== null
      ? execFileSync(server.python, [LINT_SERVER, server.socket, file], { encoding: 'utf8' })
      : execFileSync('cfn-lint', ['--format', 'parseable', file], { encoding: 'utf8' });
    return { code: 0, output };
  } catch (e) {
    const err = e as { status?: number; stdout?: string; stderr?: string };
    return { code: err.status ?? 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` };
  }
}

/** Asserts cfn-lint reports no errors (bit 2 clear, and no crash). Warnings are returned for inspection. */
export function expectCfnLintClean(stack: Stack): LintResult {
  const r = cfnLint(stack);
  if ((r.code & 2) !== 0 || r.code === 1 || r.code >= 32) {
    throw new Error(`cfn-lint found errors (exit ${r.code}):\n${r.output}`);
  }
  return r;
}

/** One unacknowledged cdk-nag finding. */
export interface NagFinding {
  readonly rule: string;
  readonly resource: string;
}

/** Runs AwsSolutions, NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1 and lists what is not acknowledged. */
export function nagFindings(stack: Stack): NagFinding[] {
  const packs = [new AwsSolutionsChecks(), new NIST80053R5Checks(), new HIPAASecurityChecks(), new PCIDSS321Checks()];
  const out: NagFinding[] = [];
  for (const pack of packs) {
    const report = pack.validateScope(stack);
    for (const v of report.violations) {
      for (const r of v.violatingResources) out.push({ rule: v.ruleName, resource: r.resourceLogicalId ?? r.constructPath ?? '?' });
    }
  }
  return out;
}
