/**
 * Synth time of the example app (bin/app.ts, default context, cdk-nag packs and built-in validation on)
 * beside an empty CDK app, measured in pairs in the same run with the same CLI (the paired ratio is the figure
 * that counts on a shared machine), plus the default stack's resource count. Both apps run the same way (tsx).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const RUNS = Number(process.env.SYNTH_RUNS ?? 3);

function synth(app: string | undefined, out: string): number {
  const args = ['cdk', 'synth', '--quiet', '-o', out];
  if (app) args.push('--app', app);
  const t0 = process.hrtime.bigint();
  execFileSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-bench-'));
  const app: number[] = [];
  const empty: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    empty.push(synth('npx tsx bench/apps/empty-app.ts', path.join(tmp, `empty-${i}`)));
    app.push(synth(undefined, path.join(tmp, `app-${i}`)));
  }
  const templates = fs.readdirSync(path.join(tmp, 'app-0')).filter((f) => f.endsWith('.template.json'));
  const resources = templates.map((f) => {
    const t = JSON.parse(fs.readFileSync(path.join(tmp, 'app-0', f), 'utf8')) as { Resources?: Record<string, { Type: string }> };
    return { f, n: Object.keys(t.Resources ?? {}).length, types: Object.values(t.Resources ?? {}).map((r) => r.Type) };
  });
  const ratios = app.map((a, i) => a / empty[i]);
  console.log(`cdk synth wall time, ${RUNS} pairs (empty app, then example app; same CLI, same machine, same run):`);
  console.log(`  empty app (1 empty stack):          ${median(empty).toFixed(0)} ms median  (runs: ${empty.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  example app (default context):      ${median(app).toFixed(0)} ms median  (runs: ${app.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`  paired ratio example/empty:         ${median(ratios).toFixed(2)}x median  (pairs: ${ratios.map((r) => r.toFixed(2)).join(', ')}; goal <= 1.5x)`);
  for (const r of resources) {
    const byType: Record<string, number> = {};
    for (const t of r.types) byType[t] = (byType[t] ?? 0) + 1;
    console.log(`  ${r.f}: ${r.n} resources`);
    for (const [t, n] of Object.entries(byType).sort()) console.log(`    ${String(n).padStart(3)} ${t}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}
