/**
 * Jest reporter: lists, after the run, the tests skipped because a tool was missing (test/helpers/tools.ts writes
 * them to the file named by CDX_SKIP_LOG, which this reporter creates before the workers start). Writes to stderr
 * like jest's own reporter, so stdout stays empty.
 */
const { existsSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

class SkipReporter {
  constructor() {
    this.file = join(tmpdir(), `cdk-connect-dx-skips-${process.pid}.jsonl`);
    writeFileSync(this.file, '');
    process.env.CDX_SKIP_LOG = this.file;
  }

  onRunComplete() {
    const lines = existsSync(this.file) ? readFileSync(this.file, 'utf8').split('\n').filter((l) => l) : [];
    rmSync(this.file, { force: true });
    if (lines.length === 0) return;
    const counts = new Map();
    for (const l of lines) {
      const { message } = JSON.parse(l);
      counts.set(message, (counts.get(message) ?? 0) + 1);
    }
    const text = [...counts].map(([m, n]) => `  ${m}: ${n} ${n === 1 ? 'check' : 'checks'}`).join('\n');
    process.stderr.write(`\nTests skipped for missing tools (they run under CI=true, where a missing tool fails):\n${text}\n`);
  }
}

module.exports = SkipReporter;
