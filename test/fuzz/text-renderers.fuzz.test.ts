/**
 * Property-based tests (fast-check, fixed seed, bounded runs) over the text renderers: for any input, either a
 * refusal naming the field, or output whose every line comes from the renderer's own template.
 */
import * as fc from 'fast-check';
import { ConnectEndpointCatalog } from '../../lib';
import { printable } from '../../lib/cli/io';
import { csvCell, suricataText } from '../../lib/private/text-rules';

const SEED = 11;
const RUNS = 300;
const params = { seed: SEED, numRuns: RUNS };
// Strings rich in the characters that matter: quotes, separators, control characters, token markers.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('"', ';', '\\', '\n', '\r', '\t', '=', '+', '-', '@', '|', ',', '${Token[', ' ', 'a', '1', '.', '/', '\u001b', '\u2028'), { maxLength: 20 }).map((a) => a.join('')),
);

test('csvCell: one quoted cell, no line break, no formula start, or a refusal naming the column', () => {
  fc.assert(fc.property(nasty, (v) => {
    let cell: string;
    try {
      cell = csvCell('purpose', v);
    } catch (e) {
      expect((e as Error).message).toMatch(/^purpose must be text without line breaks/);
      return;
    }
    expect(cell).toMatch(/^"[^\r\n]*"$/s);
    expect(cell.slice(1, -1).replace(/""/g, '')).not.toContain('"');
    expect(cell[1]).not.toMatch(/[=+\-@\t\r]/);
  }), params);
});

test('suricataText: no unescaped quote, semicolon, backslash or line break, or a refusal naming the option', () => {
  fc.assert(fc.property(nasty, (v) => {
    let text: string;
    try {
      text = suricataText('msg', v);
    } catch (e) {
      expect((e as Error).message).toMatch(/^msg must be text without control characters/);
      return;
    }
    expect(text).not.toMatch(/[\n\r]/);
    expect(text.replace(/\\[\\";]/g, '')).not.toMatch(/[\\";]/);
  }), params);
});

test('printable: no control character survives', () => {
  fc.assert(fc.property(nasty, (v) => {
    // eslint-disable-next-line no-control-regex -- the check is that no control character gets through
    expect(printable(v)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  }), params);
});

test('toSuricataRules / toDomainList / toCsv with any alias and HOME_NET: template lines only, or a refusal naming the field', () => {
  const templateLine = /^(#.*|(pass|drop) (tls|http|tcp|udp) \$HOME_NET any (->|<>) \S+ \S+ \(.*sid:\d+; rev:1;\))$/;
  fc.assert(fc.property(nasty, fc.array(nasty, { maxLength: 3 }), (alias, homeNet) => {
    let out: string[];
    try {
      const catalog = ConnectEndpointCatalog.forRegion('us-east-1', { instanceAlias: alias });
      out = [catalog.toSuricataRules({ homeNet: homeNet.length ? homeNet : ['10.0.0.0/8'] }), catalog.toDomainList(), catalog.toCsv()];
    } catch (e) {
      expect((e as Error).message).toMatch(/^(instanceAlias|homeNet(\[\d+\])?) (must|is)/);
      return;
    }
    for (const line of out[0].trimEnd().split('\n')) expect(line).toMatch(templateLine);
    for (const line of out[1].trimEnd().split('\n')) expect(line).toMatch(/^\.?[a-z0-9.-]+$/);
    for (const line of out[2].trimEnd().split('\n')) expect(line).toMatch(/^("([^"]|"")*",){5}"([^"]|"")*"$/);
  }), { seed: SEED, numRuns: 200 });
});
