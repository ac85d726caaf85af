/**
 * Sizes of the bundles in assets/ (minified, with source maps; `npm run bench` bundles first) and the cold cost of
 * loading each handler module in a fresh Node process (what a new Lambda execution environment pays before the
 * first event; the SDK v3 clients are inside the bundle). The sync itself on the real file: bench/prefix-list-sync.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

const ASSETS = path.join(__dirname, '..', 'assets');
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** ms to require the module in a fresh process (timed inside the process, node start-up excluded). */
function coldLoad(file: string): number {
  const script = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, AWS_REGION: 'us-east-1' } }));
}

export async function run(): Promise<void> {
  console.log(`${'bundle'.padEnd(34)} ${'bytes'.padStart(9)} ${'gzip'.padStart(8)} ${'map'.padStart(9)}  cold load (median of ${RUNS} fresh processes)`);
  for (const name of ['prefix-list-sync', 'cli']) {
    const file = path.join(ASSETS, name, 'index.js');
    if (!existsSync(file)) {
      console.log(`assets/${name}/index.js: missing (run \`npm run bundle\`)`);
      continue;
    }
    const map = `${file}.map`;
    const size = statSync(file).size;
    const gz = gzipSync(readFileSync(file)).length;
    const mapSize = existsSync(map) ? statSync(map).size : 0;
    const load = name === 'cli' ? undefined : median(Array.from({ length: RUNS }, () => coldLoad(file)));
    console.log(`${`assets/${name}/index.js`.padEnd(34)} ${String(size).padStart(9)} ${String(gz).padStart(8)} ${String(mapSize).padStart(9)}  `
      + `${load === undefined ? '(CLI: not a handler)' : `${load.toFixed(1)} ms`}`);
  }
}
