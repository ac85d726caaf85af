// Compiles every TypeScript example (```ts / ```typescript blocks) of README.md, CONTRIBUTING.md and docs/*.md
// against the library's own sources (`lib/index.ts` stands in for the package `cdk-connect-dx`), as a user would copy
// it: each block must carry its imports. A block is placed in its rosetta fixture the way jsii-rosetta does it
// (`fixture=NAME` in the fence reads rosetta/NAME.ts-fixture; without one, rosetta/with-imports.ts-fixture), with
// imports and `declare const` lines hoisted to the top, and compiled with jsii-rosetta's compiler options. Needs no
// jsii build. `npm run rosetta` runs it after jsii-rosetta has compiled the README inside the assembly.
//
//   node scripts/check-doc-examples.mjs [FILE.md ...]
//
// Prints one line per error (`docs/x.md:LINE: TS1234 message`), and exits 1 when a block does not compile.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_FIXTURE = 'with-imports';

/** The markdown files whose examples are compiled. */
export function markdownFiles(dir) {
  const files = ['README.md', 'CONTRIBUTING.md'].filter((f) => existsSync(join(dir, f)));
  if (existsSync(join(dir, 'docs'))) {
    for (const f of readdirSync(join(dir, 'docs')).sort()) if (f.endsWith('.md')) files.push(join('docs', f));
  }
  return files;
}

/** The ```ts blocks of a markdown text: { line (1-based, first code line), source, params }. */
export function typescriptBlocks(text) {
  const blocks = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang, rest] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      if (lines[j].trim().startsWith(fence) && lines[j].trim().replace(/[`~]/g, '') === '') break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j]);
    }
    if (lang === 'ts' || lang === 'typescript') {
      const params = Object.fromEntries(rest.trim().split(/\s+/).filter(Boolean).map((p) => {
        const eq = p.indexOf('=');
        return eq < 0 ? [p, ''] : [p.slice(0, eq), p.slice(eq + 1)];
      }));
      blocks.push({ line: i + 2, source: body.join('\n'), params });
    }
    i = j;
  }
  return blocks;
}

/** As jsii-rosetta's sidelineImports: imports, import-equals and `declare` variable statements go to the top. */
function sideline(source) {
  const file = ts.createSourceFile('snippet.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let imports = '';
  let statements = '';
  for (const s of file.statements) {
    const hoist = ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)
      || (ts.isVariableStatement(s) && (s.modifiers ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword));
    if (hoist) imports += s.getFullText(file);
    else statements += s.getFullText(file);
  }
  return { imports, statements };
}

/**
 * The complete source of a block in its fixture, and a function mapping a line of it back to the markdown line.
 * The snippet's own lines keep their order, so a line is found by its text from the block's start.
 */
function fixturize(block, fixtureText) {
  const here = /[/]{3}[ \t]*here[ \t]*$/im;
  if (!here.test(fixtureText)) throw new Error("fixture has no '/// here' line");
  const { imports, statements } = sideline(block.source);
  const source = `${imports}\n${fixtureText.replace(here, () => statements)}`;
  const snippetLines = block.source.split('\n');
  const sourceLines = source.split('\n');
  const toMarkdownLine = (generatedLine) => {
    const text = sourceLines[generatedLine];
    const at = text === undefined || text.trim() === '' ? -1 : snippetLines.indexOf(text);
    return at < 0 ? block.line : block.line + at;
  };
  return { source, toMarkdownLine };
}

/** Compiles every block of the given files; returns the error lines. */
export function checkExamples(dir, files) {
  const errors = [];
  const virtual = new Map(); // absolute path -> { source, where, toMarkdownLine }
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const block of typescriptBlocks(text)) {
      const fixture = block.params.fixture || DEFAULT_FIXTURE;
      const fixturePath = join(dir, 'rosetta', `${fixture}.ts-fixture`);
      if (!existsSync(fixturePath)) {
        errors.push(`${file}:${block.line}: fixture '${fixture}' not found (rosetta/${fixture}.ts-fixture; 'default' is written by scripts/rosetta-fixture.mjs)`);
        continue;
      }
      const name = join(dir, '.doc-examples', `${file.replace(/[/\\]/g, '__')}-${block.line}.ts`);
      virtual.set(name, { file, ...fixturize(block, readFileSync(fixturePath, 'utf8')) });
    }
  }
  if (virtual.size === 0) return { errors, count: 0 };

  // jsii-rosetta's STANDARD_COMPILER_OPTIONS, with the package name pointing at the local sources.
  const options = {
    alwaysStrict: true, experimentalDecorators: true, lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
    noFallthroughCasesInSwitch: true, noImplicitAny: true, noImplicitReturns: true, noImplicitThis: true,
    resolveJsonModule: true, types: ['*'], strict: true, strictNullChecks: true, strictPropertyInitialization: true,
    target: ts.ScriptTarget.ES2022, noEmit: true, skipLibCheck: true,
    paths: { 'cdk-connect-dx': [join(dir, 'lib', 'index.ts')] },
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => virtual.has(name)
    ? ts.createSourceFile(name, virtual.get(name).source, lang, true, ts.ScriptKind.TS)
    : getSourceFile.call(host, name, lang, ...rest);
  host.fileExists = (name) => virtual.has(name) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(name)?.source ?? readFile.call(host, name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const diagnostics = [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0];
    const snippet = d.file ? virtual.get(d.file.fileName) : undefined;
    if (d.file && !snippet) continue; // an error inside the library itself is the typecheck's to report
    if (!snippet) { errors.push(`TS${d.code}: ${message}`); continue; }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    errors.push(`${snippet.file}:${snippet.toMarkdownLine(line)}: TS${d.code} ${message}`);
  }
  return { errors, count: virtual.size };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const files = args.length > 0 ? args.map((f) => relative(root, resolve(f))) : markdownFiles(root);
  const { errors, count } = checkExamples(root, files);
  for (const e of errors) console.error(e);
  console.log(`doc examples: ${count} TypeScript blocks in ${files.length} files, ${errors.length} errors`);
  process.exit(errors.length > 0 ? 1 : 0);
}
