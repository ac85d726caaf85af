#!/usr/bin/env node
/**
 * Runs a TypeScript CDK app (cdk.json: `node scripts/run-app.mjs bin/app.ts`) from one JavaScript file that esbuild
 * bundles from the app and the project sources it imports (packages stay external and load from node_modules), so a
 * synth does not transpile bin/ + lib/ module by module on every run (as `npx tsx bin/app.ts` did) and does not pay
 * `npx` resolution.
 *
 * The bundle is a cache: node_modules/.cache/cdk-connect-dx/<entry>-<hash>.js with a manifest of every input's content
 * hash (the inputs from esbuild's metafile, and the entries of their folders). It is rebuilt when any input changed, appeared or went away, when the entry or the
 * esbuild version differs, or when this launcher changed; so an edit to any source file is always in the next synth (content hashes, not mtimes)
 * and a fresh clone needs only `npm install && npx cdk synth`. `CDK_CONNECT_DX_APP_REBUILD=1` forces a rebuild;
 * `--build-only` updates the cache without running the app.
 *
 * `__dirname` in a bundled project file is replaced by that file's own folder, so `path.join(__dirname, '..', '..',
 * 'assets', ...)` finds the same assets as when the file runs on its own. Source maps are on, so a stack trace names
 * the .ts file and line.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk-connect-dx');
const require = createRequire(import.meta.url);

/** What makes a bundle reusable besides its inputs: the entry, the esbuild version and this file. */
function buildKey(entry) {
  const esbuildVersion = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  const self = fs.statSync(fileURLToPath(import.meta.url));
  return `${entry}|esbuild ${esbuildVersion}|launcher ${self.size}:${self.mtimeMs}`;
}

/** A file's content hash (a folder: its sorted entry names), 'missing' when it is gone. */
function stamp(file) {
  const full = path.join(ROOT, file);
  try {
    const content = fs.statSync(full).isDirectory() ? fs.readdirSync(full).sort().join('\n') : fs.readFileSync(full);
    return createHash('sha1').update(content).digest('hex');
  } catch {
    return 'missing';
  }
}

/** True when the manifest names the same key and every input still has the size and mtime it was bundled from. */
function fresh(manifestFile, bundleFile, key) {
  if (process.env.CDK_CONNECT_DX_APP_REBUILD === '1' || !fs.existsSync(bundleFile)) return false;
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return false;
  }
  if (manifest.key !== key) return false;
  for (const [file, was] of Object.entries(manifest.inputs)) {
    if (stamp(file) !== was) return false;
  }
  // a file added to or removed from a folder the app imports from can change what an import resolves to
  for (const [dir, was] of Object.entries(manifest.dirs ?? {})) {
    if (stamp(dir) !== was) return false;
  }
  return true;
}

async function build(entry, bundleFile, manifestFile, key) {
  const esbuild = require('esbuild');
  const dirnamePlugin = {
    name: 'own-dirname',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        let contents = await fs.promises.readFile(args.path, 'utf8');
        if (contents.includes('__dirname')) {
          contents = contents.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path)));
        }
        return { contents, loader: 'ts' };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: bundleFile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    keepNames: true, // class names in construct metadata and stack traces stay as written
    metafile: true,
    logLevel: 'error',
    plugins: [dirnamePlugin],
  });
  // written to temporary names and renamed, so a synth running in parallel never reads half a file
  for (const out of result.outputFiles) {
    const tmp = `${out.path}.${process.pid}`;
    fs.writeFileSync(tmp, out.contents);
    fs.renameSync(tmp, out.path);
  }
  const inputs = {};
  const dirs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    inputs[file] = stamp(file);
    const dir = path.dirname(file);
    dirs[dir] = stamp(dir);
  }
  const tmp = `${manifestFile}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify({ key, inputs, dirs }));
  fs.renameSync(tmp, manifestFile);
}

async function main() {
  const buildOnly = process.argv[2] === '--build-only';
  if (buildOnly) process.argv.splice(2, 1);
  const entryArg = process.argv[2];
  if (!entryArg) {
    console.error('usage: node scripts/run-app.mjs [--build-only] <app.ts>');
    process.exit(2);
  }
  const entry = path.relative(ROOT, path.resolve(entryArg)).split(path.sep).join('/');
  const name = createHash('sha256').update(entry).digest('hex').slice(0, 12);
  const bundleFile = path.join(CACHE, `${path.basename(entry).replace(/\.[cm]?ts$/, '')}-${name}.js`);
  const manifestFile = `${bundleFile}.inputs.json`;
  const key = buildKey(entry);
  fs.mkdirSync(CACHE, { recursive: true });
  if (!fresh(manifestFile, bundleFile, key)) await build(entry, bundleFile, manifestFile, key);
  if (buildOnly) return;
  process.setSourceMapsEnabled(true);
  process.argv.splice(1, 2, bundleFile);
  require(bundleFile);
}

await main();
