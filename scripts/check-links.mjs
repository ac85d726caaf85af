// Fails on a broken relative link in README.md, CONTRIBUTING.md and docs/*.md: every link that is not a URL must
// name a file or folder of the checkout, and every #anchor a heading (GitHub's slugs) or an HTML id of the target
// page. Links inside code blocks and code spans are not links. Run by `npm run docs:check` and CI.
//
//   node scripts/check-links.mjs [--root DIR]
//
// Prints one line per broken link (`docs/x.md:LINE: broken link 'target': reason`); exit 1 when there is one.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The pages checked: README.md, CONTRIBUTING.md and every .md under docs/. */
export function pages(root) {
  const files = ['README.md', 'CONTRIBUTING.md'].filter((f) => existsSync(join(root, f)));
  const walk = (dir) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.md')) files.push(path);
    }
  };
  if (existsSync(join(root, 'docs'))) walk('docs');
  return files;
}

/** The text with fenced code blocks blanked (lines kept, so line numbers stay right). */
function withoutCodeBlocks(text) {
  const lines = text.split('\n');
  let fence;
  return lines.map((line) => {
    const m = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === undefined && m) { fence = m[1]; return ''; }
    if (fence !== undefined) {
      if (line.trim().startsWith(fence) && line.trim().replace(/[`~]/g, '') === '') fence = undefined;
      return '';
    }
    return line;
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen; repeats get -1, -2, ... */
export function slug(heading) {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML tags
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a page offers: heading slugs (with GitHub's -N suffixes for repeats) and HTML id/name attributes. */
export function anchors(text) {
  const found = new Set();
  const seen = new Map();
  for (const line of withoutCodeBlocks(text)) {
    const h = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      const base = slug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      found.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const m of line.matchAll(/<a\s[^>]*\b(?:id|name)=["']([^"']+)["']/gi)) found.add(m[1]);
  }
  return found;
}

/** The links of a page: { line, target }, inline links, images and reference definitions, outside code. */
export function links(text) {
  const out = [];
  withoutCodeBlocks(text).forEach((raw, i) => {
    const line = raw.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, ''); // code spans are not links
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^)]*["'])?\s*\)/g)) out.push({ line: i + 1, target: m[1] });
    const def = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/.exec(line);
    if (def) out.push({ line: i + 1, target: def[1] });
  });
  return out;
}

/** Checks every page; returns the broken links as lines. */
export function checkLinks(root) {
  const problems = [];
  const anchorCache = new Map();
  const anchorsOf = (abs) => {
    if (!anchorCache.has(abs)) anchorCache.set(abs, anchors(readFileSync(abs, 'utf8')));
    return anchorCache.get(abs);
  };
  for (const page of pages(root)) {
    const abs = join(root, page);
    for (const { line, target } of links(readFileSync(abs, 'utf8'))) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // a URL (https:, mailto:, ...)
      const hash = target.indexOf('#');
      const pathPart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
      const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
      const dest = pathPart === '' ? abs : resolve(dirname(abs), pathPart);
      const report = (reason) => problems.push(`${page}:${line}: broken link '${target}': ${reason}`);
      const rel = relative(root, dest);
      if (rel.startsWith('..') || rel.split(sep)[0] === '..') { report('points outside the repository'); continue; }
      if (!existsSync(dest)) { report(`${rel || '.'} does not exist`); continue; }
      if (anchor === undefined || anchor === '') continue;
      if (statSync(dest).isDirectory() || !dest.endsWith('.md')) { report(`#${anchor} on a file that is not a markdown page`); continue; }
      if (!anchorsOf(dest).has(anchor)) report(`no heading or id '${anchor}' in ${relative(root, dest)}`);
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--root');
  const root = at > 0 ? resolve(process.argv[at + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const problems = checkLinks(root);
  for (const p of problems) console.error(p);
  console.log(`links: ${pages(root).length} pages checked, ${problems.length} broken`);
  process.exit(problems.length > 0 ? 1 : 0);
}
