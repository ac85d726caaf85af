/**
 * Runs every benchmark in this folder: each `bench/<name>.ts` (other than this file) exports
 * `async function run(): Promise<void>` that prints its own figures. Run: `npm run bench`.
 *
 * Each file runs in a fresh Node process (through tsx), so that one benchmark's heap and warmed-up code never skew
 * another's figures (in one process, the ip-ranges rows read 2-3x slower after the SDK and moto benchmarks).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

function main(): void {
  const files = fs.readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
    .sort();
  const tsx = require.resolve('tsx/cli');
  let failed = 0;
  for (const file of files) {
    console.log(`\n== bench/${file}`);
    const script = `const m = require(${JSON.stringify(path.join(__dirname, file))});`
      + 'if (typeof m.run !== "function") { console.error("does not export async function run()"); process.exit(1); }'
      + 'm.run().catch((e) => { console.error(e && e.stack || e); process.exit(1); });';
    // --expose-gc: benchmarks that time small calls collect garbage between them (bench/ip-ranges.ts). Through
    // NODE_OPTIONS, because tsx runs the code in a child process of its own, which does not inherit node's flags.
    const nodeOptions = [process.env.NODE_OPTIONS, '--expose-gc'].filter(Boolean).join(' ');
    const r = spawnSync(process.execPath, [tsx, '-e', script], {
      stdio: 'inherit', cwd: path.join(__dirname, '..'), env: { ...process.env, NODE_OPTIONS: nodeOptions },
    });
    if (r.status !== 0) {
      failed++;
      console.error(`bench/${file} failed (exit ${r.status ?? r.signal})`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

main();
