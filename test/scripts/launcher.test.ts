/**
 * The example app's launcher (scripts/run-app.mjs, app-bundle.mjs, bundle-stack-traces.mjs): the bundle it runs gives
 * cdk-nag the same answers with and without the lazy L1 stand-ins, stack traces name the TypeScript file and line,
 * and its source-map decoder agrees with Node's on every segment. The scripts are ES modules; each check runs them in
 * a child Node process.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
// inside node_modules, so that the bundles' external packages resolve as they do for the launcher's own cache
const OUT = path.join(ROOT, 'node_modules', '.cache', `cdk-connect-dx-test-${process.pid}`);

/** Runs an ES module snippet with the scripts importable by name; returns its stdout. */
function esm(code: string): string {
  const prelude = `import * as bundle from ${JSON.stringify(path.join(ROOT, 'scripts', 'app-bundle.mjs'))};\n`
    + `import * as traces from ${JSON.stringify(path.join(ROOT, 'scripts', 'bundle-stack-traces.mjs'))};\n`
    + "import * as fs from 'node:fs';\n";
  return execFileSync('node', ['--input-type=module', '-e', prelude + code], { cwd: ROOT, encoding: 'utf8' });
}

function buildBundle(entry: string, outfile: string, lazyL1: boolean): void {
  esm(`const r = await bundle.buildAppBundle({ root: ${JSON.stringify(ROOT)}, entry: ${JSON.stringify(entry)}, outfile: ${JSON.stringify(outfile)}, lazyL1: ${lazyL1} });
for (const o of r.outputFiles) fs.writeFileSync(o.path, o.contents);`);
}

beforeAll(() => fs.mkdirSync(OUT, { recursive: true }));
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

describe('instanceofOnlyNames: which imports may get a lazy stand-in', () => {
  const names = (text: string): unknown =>
    JSON.parse(esm(`console.log(JSON.stringify(bundle.instanceofOnlyNames(${JSON.stringify(text)}, 'aws-cdk-lib/aws-x') ?? null));`));

  test('an import used only as `instanceof x.Name` gives its names', () => {
    expect(names('const x_1 = require("aws-cdk-lib/aws-x");\nif (n instanceof x_1.CfnA) {}\nif (n instanceof x_1.CfnB || n instanceof x_1.CfnA) {}'))
      .toEqual(['CfnA', 'CfnB']);
  });

  test.each([
    ['an enum read', 'const x_1 = require("aws-cdk-lib/aws-x");\nif (n instanceof x_1.CfnA && m === x_1.Mode.HOST) {}'],
    ['a static call', 'const x_1 = require("aws-cdk-lib/aws-x");\nif (x_1.CfnA.isCfnA(n)) {}'],
    ['instanceof of a nested property', 'const x_1 = require("aws-cdk-lib/aws-x");\nif (n instanceof x_1.CfnA.Inner) {}'],
    ['the binding passed on', 'const x_1 = require("aws-cdk-lib/aws-x");\nif (n instanceof x_1.CfnA) {}\nuse(x_1);'],
    ['a second require of the module', 'const x_1 = require("aws-cdk-lib/aws-x");\nif (n instanceof x_1.CfnA) {}\nrequire("aws-cdk-lib/aws-x").go();'],
    ['no use at all', 'const x_1 = require("aws-cdk-lib/aws-x");\n'],
  ])('%s: no stand-in (the real module)', (_, text) => {
    expect(names(text)).toBeNull();
  });
});

describe('the bundle with lazy L1 stand-ins gives cdk-nag the same answers', () => {
  type Probe = { before: string[]; after: string[]; l1Loaded: string[] };
  let lazy: Probe;
  let eager: Probe;

  beforeAll(() => {
    const run = (lazyL1: boolean): Probe => {
      const outfile = path.join(OUT, `nag-probe-${lazyL1 ? 'lazy' : 'eager'}.js`);
      buildBundle('test/fixtures/launcher/nag-probe.ts', outfile, lazyL1);
      return JSON.parse(execFileSync('node', [outfile], { cwd: ROOT, encoding: 'utf8' })) as Probe;
    };
    lazy = run(true);
    eager = run(false);
  });

  test('every finding of the four packs is the same, before and after the probe resources exist', () => {
    expect(lazy.before).toEqual(eager.before);
    expect(lazy.after).toEqual(eager.after);
  });

  test('resources of services first loaded after a pass are still found (the stand-in asks the real class)', () => {
    expect(lazy.before.filter((f) => f.includes('Probe/'))).toEqual([]);
    expect(lazy.after).toEqual(expect.arrayContaining([
      'AwsSolutions-QS1 Probe/DataSource',
      'AwsSolutions-SM1 Probe/Notebook',
      'HIPAA.Security-SageMakerNotebookInstanceKMSKeyConfigured Probe/Notebook',
    ]));
  });

  test('L1 modules of services no stack uses are not loaded with stand-ins, and are without', () => {
    // Redshift and OpenSearch: checked by instanceof-only rules, absent from both stacks
    for (const m of ['aws-redshift/lib/redshift.generated.js', 'aws-opensearchservice/lib/opensearchservice.generated.js']) {
      expect(eager.l1Loaded).toContain(m);
      expect(lazy.l1Loaded).not.toContain(m);
    }
    expect(lazy.l1Loaded).toContain('aws-quicksight/lib/quicksight.generated.js'); // created by the probe
    expect(lazy.l1Loaded.length).toBeLessThan(eager.l1Loaded.length);
  });
});

describe('stack traces of the bundled app', () => {
  test('name the TypeScript file, line and column of each of the app\'s frames', () => {
    const r = spawnSync('node', ['scripts/run-app.mjs', 'test/fixtures/launcher/throws.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    const fixture = path.join(ROOT, 'test', 'fixtures', 'launcher', 'throws.ts');
    expect(r.stderr).toContain('Error: launcher probe failure');
    expect(r.stderr).toContain(`at refuseProbe (${fixture}:5:9)`);
    expect(r.stderr).toContain(`at build (${fixture}:9:52)`);
    expect(r.stderr).toContain(`(${fixture}:12:1)`);
    expect(r.stderr).not.toMatch(/at refuseProbe \(.*\.js:/);
  });
});

describe('the bundle cache', () => {
  // outside node_modules (the launcher tracks project files, not package files) and ignored by git
  const dir = path.join(ROOT, 'test', `.tmp-launcher-${process.pid}`);
  const entry = path.relative(ROOT, path.join(dir, 'app.ts'));
  const run = () => execFileSync('node', ['scripts/run-app.mjs', entry], { cwd: ROOT, encoding: 'utf8' }).trim();
  const bundleOf = () => {
    const cache = path.join(ROOT, 'node_modules', '.cache', 'cdk-connect-dx');
    const name = fs.readdirSync(cache).find((f) => f.startsWith('app-') && f.endsWith('.js')
      && fs.readFileSync(path.join(cache, `${f}.inputs.json`), 'utf8').includes(`"${entry.split(path.sep).join('/')}"`));
    return name === undefined ? undefined : path.join(cache, name);
  };

  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'app.ts'), "import { value } from './dep';\nconsole.log(value);\n");
    fs.writeFileSync(path.join(dir, 'dep.ts'), "export const value = 'first';\n");
  });
  afterAll(() => {
    const bundle = bundleOf();
    for (const f of bundle === undefined ? [] : ['', '.map', '.lines', '.inputs.json']) fs.rmSync(`${bundle}${f}`, { force: true });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an edited source is in the next run; an unchanged one reuses the bundle', () => {
    expect(run()).toBe('first');
    const bundle = bundleOf()!;
    const built = fs.statSync(bundle).mtimeMs;
    expect(run()).toBe('first');
    expect(fs.statSync(bundle).mtimeMs).toBe(built); // nothing changed: not rebuilt
    // same length, same second: only the content tells them apart
    fs.writeFileSync(path.join(dir, 'dep.ts'), "export const value = 'other';\n");
    expect(run()).toBe('other');
  });

  test('a file added beside an import, which changes what the import resolves to, is picked up', () => {
    fs.mkdirSync(path.join(dir, 'mod'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'mod', 'index.ts'), "export const value = 'folder';\n");
    fs.writeFileSync(path.join(dir, 'app.ts'), "import { value } from './mod';\nconsole.log(value);\n");
    expect(run()).toBe('folder');
    // './mod' now resolves to mod.ts; no file the bundle was built from changed, only the folder's entries
    fs.writeFileSync(path.join(dir, 'mod.ts'), "export const value = 'file';\n");
    expect(run()).toBe('file');
  });
});

describe('source-map decoding', () => {
  test('decodeMappings + lookup agree with Node\'s SourceMap on every segment of a real bundle, also through the line table', () => {
    const outfile = path.join(OUT, 'throws.js');
    buildBundle('test/fixtures/launcher/nag-probe.ts', outfile, true);
    const out = JSON.parse(esm(`import { SourceMap } from 'node:module';
const json = JSON.parse(fs.readFileSync(${JSON.stringify(`${outfile}.map`)}, 'utf8'));
const node = new SourceMap(json);
traces.writeLineTable(${JSON.stringify(`${outfile}.map`)}, ${JSON.stringify(`${outfile}.lines`)});
const fromTable = traces.readLineTable(${JSON.stringify(`${outfile}.lines`)});
const table = traces.decodeMappings(json.mappings);
let segments = 0, mismatches = 0, tableMismatches = 0;
for (let line = 0; line + 1 < table.lines.length; line++) {
  for (let s = table.lines[line]; s < table.lines[line + 1]; s++) {
    const col = table.segs[s * 4];
    segments++;
    const mine = traces.lookup(table, line, col);
    const theirs = node.findEntry(line, col);
    const same = mine === undefined ? theirs.originalSource === undefined
      : theirs.originalLine === mine[1] && theirs.originalColumn === mine[2] && theirs.originalSource.endsWith(json.sources[mine[0]].replace(/^(\\.\\.\\/)+/, ''));
    if (!same) mismatches++;
    const t = traces.lookup(fromTable.table, line, col);
    if (JSON.stringify(t) !== JSON.stringify(mine)) tableMismatches++;
  }
}
console.log(JSON.stringify({ segments, mismatches, tableMismatches, sources: fromTable.sources.length, absolute: fromTable.sources.every((s) => s.startsWith('/')) }));`)) as
      { segments: number; mismatches: number; tableMismatches: number; sources: number; absolute: boolean };
    expect(out.segments).toBeGreaterThan(10000);
    expect(out.mismatches).toBe(0);
    expect(out.tableMismatches).toBe(0);
    expect(out.absolute).toBe(true);
  });

  test('a malformed mappings string is refused, naming the character', () => {
    expect(() => esm("traces.decodeMappings('AAAA,!AAA');")).toThrow(/invalid mappings character '!' at 5/);
  });

  test('a table from another format or cut short is refused (the launcher then reads the map)', () => {
    const bad = path.join(OUT, 'bad.lines');
    fs.writeFileSync(bad, '{"magic":"something else"}\n');
    expect(() => esm(`traces.readLineTable(${JSON.stringify(bad)});`)).toThrow(/not a line table/);
    const map = path.join(OUT, 'small.js.map');
    const good = path.join(OUT, 'small.js.lines');
    fs.writeFileSync(map, JSON.stringify({ version: 3, sources: ['a.ts'], names: [], mappings: 'AAAA;AACA,EAAE' }));
    esm(`traces.writeLineTable(${JSON.stringify(map)}, ${JSON.stringify(good)});`);
    expect(esm(`console.log(JSON.stringify(traces.lookup(traces.readLineTable(${JSON.stringify(good)}).table, 1, 2)));`).trim()).toBe('[0,1,2]');
    fs.writeFileSync(bad, fs.readFileSync(good).subarray(0, fs.statSync(good).size - 4));
    expect(() => esm(`traces.readLineTable(${JSON.stringify(bad)});`)).toThrow(/truncated/);
  });
});
