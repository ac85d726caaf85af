/**
 * Runs every benchmark in this folder: each `bench/<name>.ts` (other than this file) exports
 * `async function run(): Promise<void>` that prints its own figures. Run: `npm run bench`.
 */
import * as fs from 'fs';
import * as path from 'path';

async function main(): Promise<void> {
  const files = fs.readdirSync(__dirname)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && f !== 'index.ts')
    .sort();
  let failed = 0;
  for (const file of files) {
    console.log(`\n== bench/${file}`);
    try {
      const mod = (await import(path.join(__dirname, file))) as { run?: () => Promise<void> };
      if (typeof mod.run !== 'function') throw new Error('does not export async function run()');
      await mod.run();
    } catch (e) {
      failed++;
      console.error(`bench/${file} failed: ${(e as Error).stack ?? e}`);
    }
  }
  if (failed > 0) process.exitCode = 1;
}

void main();
