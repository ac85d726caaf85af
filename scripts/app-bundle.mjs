/**
 * Builds the one-file bundle scripts/run-app.mjs runs a CDK app from: the app, the project sources it imports and
 * cdk-nag, with every other package left external (loaded from node_modules as usual).
 *
 * Three things make the bundle behave exactly like the sources it came from:
 * - `__dirname` in a project file becomes that file's own folder, so `path.join(__dirname, '..', 'assets')` finds
 *   the same assets as when the file runs on its own.
 * - `__filename` in an inlined package file becomes that file's path: cdk-nag names each rule after its file
 *   (`parse(__filename).name`), and rule ids are what acknowledgements match.
 * - Lazy L1 stand-ins (below) answer every `instanceof` as the real class would.
 *
 * Why cdk-nag is inlined: its four packs are some 270 small modules, each with an inline source map; one bundle
 * drops the per-module resolution, reads and map comments. Why the stand-ins: a cdk-nag rule checks each resource
 * with `node instanceof aws_quicksight.CfnDataSource` and the like, and reading that class loads the service's
 * generated L1 module, whatever the stack holds. For a stack without QuickSight, that is 5.3 MB of JavaScript
 * (about 120 ms) loaded to answer `false`; over the 50-odd services the packs check, about 0.35 s per synth (profiled,
 * see bench/synth-time.ts). A stand-in answers `instanceof` without loading the module while nothing has loaded it:
 * an object can be an instance of a class only once the module defining the class has run, and a module is in
 * `require.cache` from the moment it starts running. Once the module is there, the stand-in asks the real class.
 * So every answer is the real one; only the load is saved. A stand-in is used only for an import that its file uses
 * for nothing but `instanceof <import>.<Name>`, and only when each such Name is a class in the service's generated L1
 * module; any other import resolves to the real module.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);

/** Packages bundled into the app instead of loaded from node_modules. */
export const INLINE_PACKAGES = ['cdk-nag'];

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/** The package a bare import names ('@scope/name' or 'name'). */
function packageOf(request) {
  const parts = request.split('/');
  return request.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The names a CommonJS file reads from `require("<request>")` when it uses that import only as the right-hand side of
 * `instanceof <binding>.<Name>`; undefined when the import is bound otherwise or used in any other way.
 */
export function instanceofOnlyNames(text, request) {
  const bindings = [...text.matchAll(new RegExp(`\\b(?:const|var|let) (\\w+) = require\\("${escapeRegExp(request)}"\\);`, 'g'))];
  if (bindings.length !== 1) return undefined;
  if (text.split(`require("${request}")`).length !== 2) return undefined; // required again elsewhere
  const binding = bindings[0][1];
  const uses = text.match(new RegExp(`\\b${binding}\\b`, 'g')).length - 1; // minus the declaration
  const names = [...text.matchAll(new RegExp(`\\binstanceof ${binding}\\.([A-Za-z_$][\\w$]*)\\b(?![\\w$.(\\[])`, 'g'))].map((m) => m[1]);
  if (names.length === 0 || names.length !== uses) return undefined;
  return [...new Set(names)];
}

/** Reads the service's generated L1 modules of aws-cdk-lib (not canned metrics or augmentations), once each. */
function l1Modules(root, service, memo) {
  if (!memo.has(service)) {
    const dir = path.join(root, 'node_modules', 'aws-cdk-lib', service, 'lib');
    let files = [];
    try {
      files = fs.readdirSync(dir)
        .filter((f) => f.endsWith('.generated.js') && !f.includes('canned-metrics') && !f.includes('augmentations'))
        .map((f) => path.join(dir, f));
    } catch {
      // no such service folder: no stand-in
    }
    memo.set(service, files.map((file) => ({ file, text: fs.readFileSync(file, 'utf8') })));
  }
  return memo.get(service);
}

/**
 * The source of a stand-in for `require(request)`: `instanceof` answers without loading the L1 modules (`files`,
 * relative to aws-cdk-lib's folder) until one of them is loaded. The folder is resolved when the bundle runs, as
 * `require` resolves it (so a symlinked node_modules gives the same paths as `require.cache` holds); if it cannot be,
 * the stand-in asks the real class every time.
 */
function standInSource(request, files) {
  return `"use strict";
// Lazy L1 stand-in for ${request} (scripts/app-bundle.mjs): answers instanceof as the real class would.
const path = require("path");
let FILES;
const classes = new Map();
function loaded() {
  if (FILES === undefined) {
    try {
      const dir = path.dirname(require.resolve("aws-cdk-lib"));
      FILES = ${JSON.stringify(files)}.map((f) => path.join(dir, f));
    } catch {
      FILES = null;
    }
  }
  if (FILES === null) return true;
  for (const f of FILES) if (require.cache[f] !== undefined) return true;
  return false;
}
function standIn(name) {
  if (!classes.has(name)) {
    classes.set(name, Object.freeze({
      [Symbol.hasInstance](value) {
        // nothing can be an instance of a class whose module has not run
        return loaded() && value instanceof require(${JSON.stringify(request)})[name];
      },
    }));
  }
  return classes.get(name);
}
module.exports = new Proxy(Object.freeze({}), {
  get: (_, name) => (typeof name === 'string' ? standIn(name) : undefined),
});
`;
}

/**
 * Bundles `entry` (relative to `root`) into `outfile` with a linked source map. `lazyL1: false` leaves out the
 * stand-ins (for tests that compare both). Returns esbuild's result: `outputFiles` (not written) and `metafile`.
 */
export async function buildAppBundle({ root, entry, outfile, lazyL1 = true }) {
  const esbuild = require('esbuild');
  const l1Memo = new Map();
  const ownDirname = {
    name: 'own-dirname',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?ts$/ }, async (args) => {
        if (args.path.includes(NODE_MODULES)) return undefined;
        let contents = await fs.promises.readFile(args.path, 'utf8');
        if (contents.includes('__dirname')) {
          contents = contents.replace(/\b__dirname\b/g, JSON.stringify(path.dirname(args.path)));
        }
        return { contents, loader: 'ts' };
      });
    },
  };
  const inlined = (file) => INLINE_PACKAGES.some((p) => file.includes(`${NODE_MODULES}${p.split('/').join(path.sep)}${path.sep}`));
  const packages = {
    name: 'inline-packages',
    setup(b) {
      b.onResolve({ filter: /^aws-cdk-lib\/aws-[\w-]+$/ }, (args) => {
        if (!lazyL1 || !inlined(args.importer)) return undefined;
        const names = instanceofOnlyNames(fs.readFileSync(args.importer, 'utf8'), args.path);
        if (names === undefined) return undefined;
        const modules = l1Modules(root, args.path.split('/')[1], l1Memo);
        const defined = (name) => modules.some((m) => new RegExp(`\\bclass ${escapeRegExp(name)}\\b`).test(m.text));
        if (modules.length === 0 || !names.every(defined)) return undefined;
        const libDir = path.join(root, 'node_modules', 'aws-cdk-lib');
        return { path: args.path, namespace: 'lazy-l1', pluginData: modules.map((m) => path.relative(libDir, m.file)) };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-l1' }, (args) => ({
        contents: standInSource(args.path, args.pluginData), loader: 'js', resolveDir: root,
      }));
      // every other bare import stays external, except the inlined packages
      b.onResolve({ filter: /^[^./]/ }, (args) => (INLINE_PACKAGES.includes(packageOf(args.path)) ? undefined : { path: args.path, external: true }));
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!inlined(args.path)) return undefined;
        const text = await fs.promises.readFile(args.path, 'utf8');
        return {
          contents: text.replace(/\b__filename\b/g, JSON.stringify(args.path)).replace(/\n\/\/# sourceMappingURL=\S*\s*$/, '\n'),
          loader: 'js',
        };
      });
    },
  };
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false, // stack traces need positions only; editors read the sources from disk
    keepNames: true, // class names in construct metadata and stack traces stay as written
    metafile: true,
    logLevel: 'error',
    plugins: [ownDirname, packages],
  });
  return result;
}
