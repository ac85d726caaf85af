#!/usr/bin/env node
/**
 * Runs a TypeScript CDK app (cdk.json: `node scripts/run-app.mjs bin/app.ts`) from one JavaScript file that esbuild
 * bundles from the app, the project sources it imports and cdk-nag (scripts/app-bundle.mjs: what is inlined and why;
 * every other package loads from node_modules), so a synth does not transpile bin/ + lib/ module by module on every
 * run (as `npx tsx bin/app.ts` did) and does not pay `npx` resolution.
 *
 * The bundle is a cache: node_modules/.cache/cdk-connect-dx/<entry>-<hash>.js with a manifest of every project
 * input's content hash (the inputs from esbuild's metafile, and the entries of their folders) and of the package.json
 * of each package the bundle inlines or inspects. It is rebuilt when any input changed, appeared or went away, when
 * the entry, the checkout's folder or the esbuild version differs, or when the launcher changed; so an edit to any
 * source file is always in the next synth (content hashes, not mtimes), a moved checkout never runs a bundle with the
 * old folder's paths, and a fresh clone needs only `npm install && npx cdk synth`. `CDK_CONNECT_DX_APP_REBUILD=1`
 * forces a rebuild; `--build-only` updates the cache without running the app.
 *
 * A stack trace names the .ts file and line of the bundle's frames (scripts/bundle-stack-traces.mjs).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAppBundle, INLINE_PACKAGES } from './app-bundle.mjs';
import { installBundleStackTraces, writeLineTable } from './bundle-stack-traces.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CACHE = path.join(ROOT, 'node_modules', '.cache', 'cdk-connect-dx');
const require = createRequire(import.meta.url);

/**
 * What makes a bundle reusable besides its inputs: the entry, the checkout's folder (the bundle holds absolute paths:
 * each file's own folder for `__dirname`, the sources of its line table), the esbuild version and the launcher's files.
 */
function buildKey(entry) {
  const esbuildVersion = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8')).version;
  const launcher = ['run-app.mjs', 'app-bundle.mjs', 'bundle-stack-traces.mjs'].map((f) => {
    const st = fs.statSync(path.join(ROOT, 'scripts', f));
    return `${st.size}:${st.mtimeMs}`;
  });
  return `${entry}|root ${ROOT}|esbuild ${esbuildVersion}|launcher ${launcher.join(',')}`;
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

/** True when the manifest names the same key, every input still has the content hash and every folder the entries it was bundled from. */
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
  const result = await buildAppBundle({ root: ROOT, entry, outfile: bundleFile });
  // written to temporary names and renamed, so a synth running in parallel never reads half a file
  for (const out of result.outputFiles) {
    const tmp = `${out.path}.${process.pid}`;
    fs.writeFileSync(tmp, out.contents);
    fs.renameSync(tmp, out.path);
  }
  const tableTmp = `${bundleFile}.lines.${process.pid}`;
  writeLineTable(`${bundleFile}.map`, tableTmp);
  fs.renameSync(tableTmp, `${bundleFile}.lines`);
  const inputs = {};
  const dirs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    // a package file is covered by its package's version (below); 'lazy-l1:...' inputs are generated
    if (file.includes('node_modules/') || file.includes(':')) continue;
    inputs[file] = stamp(file);
    const dir = path.dirname(file);
    dirs[dir] = stamp(dir);
  }
  for (const pkg of [...INLINE_PACKAGES, 'aws-cdk-lib']) {
    const manifest = path.relative(ROOT, require.resolve(`${pkg}/package.json`)).split(path.sep).join('/');
    inputs[manifest] = stamp(manifest);
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
  // stack traces name the .ts file and line of frames in the bundle (not Node's process-wide source maps: see there)
  installBundleStackTraces(bundleFile, `${bundleFile}.map`, `${bundleFile}.lines`);
  process.argv.splice(1, 2, bundleFile);
  require(bundleFile);
}

await main();
