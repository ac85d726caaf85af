/**
 * Synth time of the example app (bin/app.ts, default context: cdk-nag's AwsSolutions pack, cfn-guard and CDK's
 * built-in template validation on) beside an empty CDK app, measured in pairs in the same run (ABAB: empty, app,
 * empty, app, ...; the paired ratio is the figure that counts on a shared machine), plus a breakdown of where the
 * app's time goes.
 *
 * Fair baseline: the empty app (bench/apps/empty-app.ts: one empty Stack) runs with exactly the app command of
 * cdk.json (same runner and node flags, same aws-cdk-lib, same cdk.json context, same `npx cdk synth --quiet`), with
 * only the entry file swapped. `SYNTH_APP='node ... bin/app.ts'` measures another app command the same way (both
 * sides), e.g. to compare node flags; `SYNTH_RUNS` sets the number of pairs (default 5).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.SYNTH_RUNS ?? 5);
const ENTRY = 'bin/app.ts';
const EMPTY_ENTRY = 'bench/apps/empty-app.ts';

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** cdk.json's app command (or SYNTH_APP), and the same command with the empty app as entry. */
function appCommands(): { app: string; empty: string } {
  const app = process.env.SYNTH_APP ?? (JSON.parse(fs.readFileSync(path.join(ROOT, 'cdk.json'), 'utf8')) as { app: string }).app;
  if (!app.includes(ENTRY)) throw new Error(`cdk.json app '${app}' does not name ${ENTRY}`);
  return { app, empty: app.replace(ENTRY, EMPTY_ENTRY) };
}

/**
 * CPU time (user + system, ms) of this process's finished children and their descendants, from /proc (Linux; 0
 * elsewhere). On a busy machine a synth's wall time says more about the neighbours than about the app; its CPU time
 * does not.
 */
function childrenCpuMs(): number {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(fields[13]) + Number(fields[14])) * 10; // cutime + cstime, in clock ticks of 10 ms
  } catch {
    return 0;
  }
}

const cpuOf = new Map<string, number>();

function synth(app: string, out: string): number {
  const c0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  // CDK writes its performance counters only for a synth slower than @aws-cdk/core.slowSynthThreshold (10 s per
  // stack by default): 0 makes both apps write them (the breakdown below reads them), at the same small cost.
  execFileSync('npx', ['cdk', 'synth', '--quiet', '-o', out, '--app', app, '-c', '@aws-cdk/core.slowSynthThreshold=0'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = ms(t0);
  cpuOf.set(out, childrenCpuMs() - c0);
  return wall;
}

function time(file: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(file, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return ms(t0);
}

/** CDK's own performance counters of one synth (cdk.out/performance-counters.json), when it wrote them. */
function counters(out: string): Record<string, number> {
  const file = path.join(out, 'performance-counters.json');
  if (!fs.existsSync(file)) return {};
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { counters: Record<string, number> }).counters;
}

const runs = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
const row = (label: string, xs: number[], note = '') =>
  console.log(`  ${label.padEnd(52)} ${median(xs).toFixed(0).padStart(7)} ms  (${runs(xs)})${note ? `  ${note}` : ''}`);

export async function run(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-'));
  const { app, empty } = appCommands();
  console.log(`load average at start: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (${os.cpus().length} CPUs)`);
  console.log(`app command (cdk.json): ${app}`);
  console.log(`empty app command:      ${empty}  (one empty Stack; same runner, flags, CDK and context)`);
  // warm-up, not measured: the runner's transform cache (tsx compiles each .ts file once) and the OS file cache
  for (const command of [empty, app]) synth(command, path.join(tmp, 'warm-up'));

  const appMs: number[] = [];
  const emptyMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    emptyMs.push(synth(empty, path.join(tmp, `empty-${i}`)));
    appMs.push(synth(app, path.join(tmp, `app-${i}`)));
  }
  const ratios = appMs.map((a, i) => a / emptyMs[i]);
  console.log(`\nnpx cdk synth --quiet wall time, ${RUNS} pairs interleaved (empty, app, empty, app, ...):`);
  row('empty app (1 empty stack)', emptyMs);
  row('example app (default context, default scanners)', appMs);
  console.log(`  ${'paired ratio example/empty'.padEnd(52)} ${median(ratios).toFixed(2).padStart(7)}x median  (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal <= 1.7x)`);
  const appCpu = appMs.map((_, i) => cpuOf.get(path.join(tmp, `app-${i}`)) ?? 0);
  const emptyCpu = emptyMs.map((_, i) => cpuOf.get(path.join(tmp, `empty-${i}`)) ?? 0);
  if (appCpu.every((c) => c > 0)) {
    console.log('CPU time (user + system) of the same synths, all their processes (steadier than wall time on a busy machine):');
    row('empty app', emptyCpu);
    row('example app', appCpu);
    const cpuRatios = appCpu.map((a, i) => a / emptyCpu[i]);
    console.log(`  ${'paired CPU ratio example/empty'.padEnd(52)} ${median(cpuRatios).toFixed(2).padStart(7)}x median  (pairs: ${cpuRatios.map((r) => r.toFixed(2)).join(', ')})`);
  }
  console.log(`  load average at end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);

  // breakdown: CDK's own performance counters of the example app's synths above, and the CLI's start on its own
  const cli: number[] = [];
  for (let i = 0; i < 3; i++) cli.push(time('npx', ['cdk', '--version']));
  const perf = appMs.map((_, i) => counters(path.join(tmp, `app-${i}`)));
  const counter = (name: string) => perf.map((c) => c[name] ?? 0);
  const appProcess = perf.map((c) => (c['phase:Load'] ?? 0) + (c['phase:Construction'] ?? 0) + (c['phase:Synthesis'] ?? 0));
  console.log('\nbreakdown of the example app\'s synths above (CDK\'s cdk.out/performance-counters.json), and the CLI:');
  row('CDK CLI start alone (npx cdk --version; both apps pay it)', cli);
  row('example app process: load + construction + synthesis', appProcess);
  row('  load: node, runner, imports until new App()', counter('phase:Load'));
  row('  construction of the stack', counter('phase:Construction'));
  row('  synthesis (templates, assets, validation)', counter('phase:Synthesis'));
  row('    CDK built-in template validation (WASM)', counter('CloudFormationValidate.validate'));
  row('    cfn-guard (scoped rule files, child process)', counter('child_process.spawnSync'));
  row('    cdk-nag packs + validator start-up + the rest',
    perf.map((c) => (c.validateTemplates ?? 0) - (c['CloudFormationValidate.validate'] ?? 0) - (c['child_process.spawnSync'] ?? 0)));
  const emptyPerf = emptyMs.map((_, i) => counters(path.join(tmp, `empty-${i}`)));
  row('empty app process: load + construction + synthesis',
    emptyPerf.map((c) => (c['phase:Load'] ?? 0) + (c['phase:Construction'] ?? 0) + (c['phase:Synthesis'] ?? 0)));
  row('  of which template validation (the validator\'s start-up)', emptyPerf.map((c) => c.validateTemplates ?? 0));

  const templates = fs.readdirSync(path.join(tmp, 'app-0')).filter((f) => f.endsWith('.template.json'));
  for (const f of templates) {
    const t = JSON.parse(fs.readFileSync(path.join(tmp, 'app-0', f), 'utf8')) as { Resources?: Record<string, { Type: string }> };
    console.log(`  ${f}: ${Object.keys(t.Resources ?? {}).length} resources`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}
