// Bundles the Lambda handlers and the CLI at build time into assets/, which ships in the npm package.
// Consumers never bundle: the constructs load these folders with lambda.Code.fromAsset.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { chmod } from 'node:fs/promises';
import * as path from 'node:path';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  // The ES module builds of the SDK v3 packages, not their CommonJS ones: esbuild can drop what the handler never
  // calls only from ES modules (for prefix-list-sync: 1.5 MB -> 0.89 MB, cold load about 560 -> 200 ms).
  // Those builds load some Node built-ins lazily with import(); as require() they need no ES module loader (and run
  // where import() has no loader, e.g. inside a test's VM).
  mainFields: ['module', 'main'],
  supported: { 'dynamic-import': false },
  // Source maps beside the bundles: the functions run with NODE_OPTIONS=--enable-source-maps, so stack traces
  // name the TypeScript file and line; without sourcesContent the maps stay small.
  sourcemap: true,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

for (const [entry, outdir] of [
  ['lib/handlers/prefix-list-sync/index.ts', 'assets/prefix-list-sync'],
  ['lib/handlers/macsec-key/index.ts', 'assets/macsec-key'],
]) {
  if (existsSync(entry)) await build({ ...common, entryPoints: [entry], outfile: `${outdir}/index.js` });
}

// The CLI: assets/cli/index.js holds the dispatcher and the summaries only; each command is its own bundle in
// assets/cli/commands/, which the dispatcher requires when that command runs (lib/cli/commands.ts:
// `require('./commands/x')` there becomes `require('./commands/x.js')`, beside the dispatcher's bundle). So `--help` parses a few kilobytes, not every command and SDK client.
const COMMANDS_FILE = path.resolve('lib/cli/commands.ts');
if (existsSync(COMMANDS_FILE)) {
  const commands = [...readFileSync(COMMANDS_FILE, 'utf8').matchAll(/require\('\.\/commands\/([a-z-]+)'\)/g)].map((m) => m[1]);
  const lazyCommands = {
    name: 'lazy-commands',
    setup(b) {
      b.onResolve({ filter: /^\.\/commands\/[a-z-]+$/ }, (args) => (args.kind === 'require-call' && args.importer === COMMANDS_FILE
        ? { path: `${args.path}.js`, external: true } : undefined));
    },
  };
  await build({
    ...common, entryPoints: ['lib/cli/index.ts'], outfile: 'assets/cli/index.js', plugins: [lazyCommands],
    banner: { js: '#!/usr/bin/env node' },
  });
  await chmod('assets/cli/index.js', 0o755);
  await build({
    ...common, entryPoints: Object.fromEntries(commands.map((c) => [c, `lib/cli/commands/${c}.ts`])), outdir: 'assets/cli/commands',
  });
}
