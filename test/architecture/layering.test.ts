/**
 * The import graph of lib/ against the rule table in ./layers.ts: no circle between files, no import a folder's
 * rule does not allow, no aws-cdk-lib reachable at run time from a pure folder, and docs/ARCHITECTURE.md shows the
 * table rendered from the rules.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { CDK_PACKAGES, EXCEPTIONS, FACT_FILES, FACT_FILE_MAY_IMPORT, MODULES, renderLayerTable } from './layers';

const ROOT = path.join(__dirname, '..', '..');
const LIB = path.join(ROOT, 'lib');

interface Edge {
  readonly from: string;
  /** A lib-relative path for a local import, the package name otherwise. */
  readonly to: string;
  readonly local: boolean;
  /** Erased at compile time (`import type`, `export type`, or every named binding type-only). */
  readonly typeOnly: boolean;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return listFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

function resolveLocal(fromFile: string, spec: string): string {
  const base = path.resolve(path.dirname(fromFile), spec);
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(LIB, candidate).split(path.sep).join('/');
  }
  throw new Error(`${path.relative(LIB, fromFile)}: cannot resolve import '${spec}'`);
}

function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Every import, re-export, `import x = require()`, `require()` and `import()` of one file. */
function edgesOf(file: string): Edge[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const from = path.relative(LIB, file).split(path.sep).join('/');
  const edges: Edge[] = [];
  const add = (spec: string, typeOnly: boolean) => {
    const local = spec.startsWith('.');
    edges.push({ from, to: local ? resolveLocal(file, spec) : packageOf(spec), local, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = clause !== undefined && (clause.isTypeOnly
        || (clause.name === undefined && named !== undefined && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      add(node.moduleReference.expression.text, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
      add(node.arguments[0].text, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function folderOf(libPath: string): string {
  return libPath.includes('/') ? libPath.slice(0, libPath.indexOf('/')) : libPath.replace(/\.ts$/, '');
}

const FILES = listFiles(LIB);
const EDGES = FILES.flatMap(edgesOf);
const LOCAL = EDGES.filter((e) => e.local);

/**
 * Circles between files: Tarjan's strongly connected components over every import, type-only ones included (a
 * type both sides need goes to a types file both import, or is typed structurally where it is read).
 */
function circles(): string[][] {
  const next = new Map<string, string[]>();
  for (const e of LOCAL) {
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const strong = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const f of FILES.map((p) => path.relative(LIB, p).split(path.sep).join('/'))) if (!index.has(f)) strong(f);
  return found;
}

describe('the import graph of lib/', () => {
  test('GIVEN every file of lib/ WHEN the import graph is drawn THEN it has no circle', () => {
    expect(LOCAL.length).toBeGreaterThan(100); // the parser sees the imports (an empty graph has no circle either)
    expect(circles()).toEqual([]);
  });

  test('GIVEN the rule table WHEN each cross-folder import is checked THEN every one is allowed', () => {
    const broken: string[] = [];
    for (const e of LOCAL) {
      const a = folderOf(e.from);
      const b = folderOf(e.to);
      if (a === b || FACT_FILES.includes(e.to) || (FACT_FILES.includes(e.from) && FACT_FILE_MAY_IMPORT.includes(e.to)) || EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to)) continue;
      const rule = MODULES[a];
      if (!rule) broken.push(`${e.from}: folder '${a}' has no rule in test/architecture/layers.ts`);
      else if (!rule.mayImport.includes(b)) broken.push(`${e.from} -> ${e.to}: '${a}' may import ${rule.mayImport.join(', ') || 'facts only'}`);
    }
    expect(broken).toEqual([]);
    // an exception that no longer happens is dropped from the list
    expect(EXCEPTIONS.filter((x) => !LOCAL.some((e) => e.from === x.from && e.to === x.to))).toEqual([]);
  });

  test('GIVEN the rule table WHEN its own entries are compared THEN a folder only imports folders on its floor or below', () => {
    const upward = Object.entries(MODULES).flatMap(([name, r]) => r.mayImport
      .filter((m) => !MODULES[m] || MODULES[m].floor > r.floor)
      .map((m) => `${name} (floor ${r.floor}) -> ${m} (${MODULES[m] ? `floor ${MODULES[m].floor}` : 'no rule'})`));
    expect(upward).toEqual([]);
  });

  test('GIVEN the floors WHEN every cross-folder import is checked THEN none runs up a floor', () => {
    // a fact file sits on floor 0 wherever it is; private/fail.ts imports nothing, so a fact may use it
    const floorOf = (f: string) => (FACT_FILES.includes(f) || FACT_FILE_MAY_IMPORT.includes(f) ? 0 : MODULES[folderOf(f)]?.floor ?? 99);
    const upward = LOCAL.filter((e) => folderOf(e.from) !== folderOf(e.to) && floorOf(e.to) > floorOf(e.from)
      && !EXCEPTIONS.some((x) => x.from === e.from && x.to === e.to))
      .map((e) => `${e.from} (floor ${floorOf(e.from)}) -> ${e.to} (floor ${floorOf(e.to)})`);
    expect(upward).toEqual([]);
  });

  test('GIVEN the type-only imports WHEN a circle is closed by one THEN it is reported too', () => {
    expect(LOCAL.some((e) => e.typeOnly)).toBe(true); // the graph holds them (the circle check above reads LOCAL whole)
  });

  test('GIVEN a file of lib/ over 400 lines WHEN its top is read THEN it says why it is not split', () => {
    const silent = FILES.filter((f) => !f.endsWith('.generated.ts')).filter((f) => { // a generated file names its generator instead
      const text = fs.readFileSync(f, 'utf8');
      return text.split('\n').length - 1 > 400 && !/Longer than 400 lines/.test(text.slice(0, 2000));
    }).map((f) => path.relative(LIB, f));
    expect(silent).toEqual([]);
  });

  test('GIVEN the fact files WHEN their imports are listed THEN they import only facts and the error helper', () => {
    const broken = LOCAL.filter((e) => FACT_FILES.includes(e.from) && !FACT_FILES.includes(e.to) && !FACT_FILE_MAY_IMPORT.includes(e.to))
      .map((e) => `${e.from} -> ${e.to}`);
    expect(FACT_FILES.every((f) => fs.existsSync(path.join(LIB, f)))).toBe(true);
    expect(broken).toEqual([]);
  });

  test('GIVEN a pure folder WHEN its run-time imports are followed THEN none reaches aws-cdk-lib or constructs', () => {
    const runtime = new Map<string, Edge[]>();
    for (const e of EDGES.filter((x) => !x.typeOnly)) runtime.set(e.from, [...(runtime.get(e.from) ?? []), e]);
    const pathToCdk = (start: string): string[] | undefined => {
      const seen = new Set<string>([start]);
      const queue: string[][] = [[start]];
      while (queue.length > 0) {
        const trail = queue.shift()!;
        for (const e of runtime.get(trail[trail.length - 1]) ?? []) {
          if (!e.local && CDK_PACKAGES.includes(e.to)) return [...trail, e.to];
          if (e.local && !seen.has(e.to)) {
            seen.add(e.to);
            queue.push([...trail, e.to]);
          }
        }
      }
      return undefined;
    };
    const broken = FILES.map((p) => path.relative(LIB, p).split(path.sep).join('/'))
      .filter((f) => MODULES[folderOf(f)]?.pure)
      .map(pathToCdk)
      .filter((trail): trail is string[] => trail !== undefined)
      .map((trail) => trail.join(' -> '));
    expect(broken).toEqual([]);
  });

  test('GIVEN a rule that forbids an import WHEN a folder breaks it THEN the check reports it (the check can fail)', () => {
    // direct-connect must never import router-config: the rule table says so.
    expect(MODULES['direct-connect'].mayImport).not.toContain('router-config');
    expect(MODULES['router-config'].mayImport).toContain('direct-connect');
    const a = edgesOf(path.join(LIB, 'router-config', 'router-configuration.ts'));
    // the parser tells type-only imports from run-time ones
    expect(a.some((e) => e.to === 'direct-connect/public-virtual-interface.ts' && e.typeOnly)).toBe(true);
    expect(a.some((e) => e.to === 'router-config/plan.ts' && !e.typeOnly)).toBe(true);
  });

  test('GIVEN docs/ARCHITECTURE.md WHEN its layer table is compared THEN it is the one rendered from the rules', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
    const m = /<!-- layers:begin[^>]*-->\n([\s\S]*?)\n<!-- layers:end -->/.exec(doc);
    expect(m).not.toBeNull();
    expect(m![1]).toBe(renderLayerTable());
  });
});
