/** docs/broad-wildcards.md and docs/warnings.md follow the code: every broad row and every warning id is listed. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { ENDPOINT_ROWS } from '../../lib/connect-endpoints/catalog-data';

const ROOT = join(__dirname, '..', '..');
const doc = (name: string) => readFileSync(join(ROOT, 'docs', name), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('every catalog row that opens a shared domain is in docs/broad-wildcards.md, as its domain target', () => {
  const text = doc('broad-wildcards.md');
  const targets = [...new Set(ENDPOINT_ROWS.filter((r) => r.broad !== undefined).map((r) => r.pattern.replace(/^[^.]*\*[^.]*\./, '.')))];
  expect(targets.length).toBeGreaterThanOrEqual(5);
  for (const t of targets) expect([t, text.includes(`\`${t}\``)]).toEqual([t, true]);
});

test('every warning id the library and the example app emit is in docs/warnings.md', () => {
  const text = doc('warnings.md');
  const ids = new Set<string>();
  for (const file of [...sources(join(ROOT, 'lib')), join(ROOT, 'bin', 'app.ts')]) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bwarn\(\s*[a-zA-Z.]+,\s*'([A-Za-z]+)'/g)) ids.add(m[1]);
    for (const m of code.matchAll(/\bid: '([a-z][A-Za-z]+)',\n\s*message:/g)) ids.add(m[1]);
    for (const m of code.matchAll(/addWarningV2\(`?'?cdk-connect-dx:([A-Za-z]+)/g)) ids.add(m[1]);
  }
  expect(ids.size).toBeGreaterThan(20);
  expect([...ids].filter((id) => !text.includes(`\`${id}\``) && !text.includes(`\`${id}-<key>\``))).toEqual([]);
});
