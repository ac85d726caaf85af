/**
 * scripts/check-links.mjs (CI's `npm run docs:check`): run as CI runs it, in a child Node process, on a small
 * checkout written to a temporary folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'check-links.mjs');

function checkout(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'check-links-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

function run(root: string): { status: number | null; stderr: string } {
  const r = spawnSync('node', [SCRIPT, '--root', root], { encoding: 'utf8' });
  fs.rmSync(root, { recursive: true, force: true });
  return { status: r.status, stderr: r.stderr };
}

const GOOD = {
  'README.md': [
    '# Project', '', 'See [the CLI](docs/cli.md#cdk-connect-dx-status), [doctor](docs/doctor.md), [here](#a-b-c),',
    '[the code](lib/) and [AWS](https://docs.aws.amazon.com/x#y).', '', '## A (b) `c`', '',
  ].join('\n'),
  'docs/cli.md': '# CLI\n\n### `cdk-connect-dx status`\n\nBack to the [README](../README.md#project).\n',
  'docs/doctor.md': '# Doctor\n\n<a id="custom"></a>\n\n```sh\n[not a link](missing.md)\n```\n\nInline `[not a link](x.md)`.\n',
  'lib/index.ts': '',
};

describe('scripts/check-links.mjs', () => {
  test('a checkout whose links, anchors and folders all resolve passes (links in code are not links)', () => {
    // GIVEN pages linking each other, a heading with punctuation and code, a folder, an external URL, code blocks
    // WHEN the checker runs
    const r = run(checkout(GOOD));
    // THEN it exits 0 and reports nothing
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  test('a missing page, a missing anchor and a link out of the repository each fail with file and line', () => {
    // GIVEN three broken links
    const root = checkout({
      ...GOOD,
      'docs/bad.md': '# Bad\n\n[gone](gone.md)\n[anchor](cli.md#nope)\n[out](../../etc/passwd)\n[ok](doctor.md#custom)\n',
    });
    // WHEN the checker runs
    const r = run(root);
    // THEN each is named with its line, and the run fails
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("docs/bad.md:3: broken link 'gone.md': docs/gone.md does not exist");
    expect(r.stderr).toContain("docs/bad.md:4: broken link 'cli.md#nope': no heading or id 'nope' in docs/cli.md");
    expect(r.stderr).toContain("docs/bad.md:5: broken link '../../etc/passwd': points outside the repository");
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
  });
});
