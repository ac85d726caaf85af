/**
 * Stack traces that name the TypeScript file and line for frames in the launcher's bundle, without turning on Node's
 * source-map support for the whole process.
 *
 * `process.setSourceMapsEnabled(true)` makes Node decode and parse the source map of every module loaded after it,
 * and most packages carry theirs inline (cdk-nag's rule files do: one base64 map per rule). Profiled, that was about
 * 0.25 s of each synth of the example app, for maps no stack trace ever read. Only the bundle's own map is needed
 * (package frames stay as they are), so this reads it, as the line table the launcher decodes from it once per
 * build, the first time a stack trace holds one of the bundle's frames, and maps those frames in
 * `Error.prepareStackTrace`. CDK reads construct creation traces through
 * `error.stack`, so its validation report names the .ts line too.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const B64 = new Int8Array(128).fill(-1);
'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('').forEach((c, i) => { B64[c.charCodeAt(0)] = i; });

/**
 * Decodes a source map's `mappings` (VLQ, version 3) into a flat table: for each generated line, its segments as
 * [generated column, source index, original line, original column], columns and lines 0-based; a segment without a
 * source has source index -1. `lines[i]` is the index of line i's first segment, `lines[count]` the end.
 */
export function decodeMappings(mappings) {
  // one pass, no allocation per segment (it runs once per process, mostly before V8 optimizes it)
  let segs = new Int32Array(4096);
  let n = 0; // ints used in segs
  const lines = [0];
  let fields = 0;
  let v0 = 0;
  let v1 = 0;
  let v2 = 0;
  let v3 = 0;
  let col = 0;
  let src = 0;
  let line = 0;
  let ocol = 0;
  let value = 0;
  let shift = 0;
  const len = mappings.length;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? mappings.charCodeAt(i) : 59;
    if (c === 59 /* ; */ || c === 44 /* , */) {
      if (fields > 0) {
        if (n + 4 > segs.length) {
          const grown = new Int32Array(segs.length * 2);
          grown.set(segs);
          segs = grown;
        }
        col += v0;
        segs[n] = col;
        if (fields >= 4) {
          src += v1;
          line += v2;
          ocol += v3;
          segs[n + 1] = src;
          segs[n + 2] = line;
          segs[n + 3] = ocol;
        } else {
          segs[n + 1] = -1;
        }
        n += 4;
        fields = 0;
      }
      if (c === 59) {
        col = 0;
        lines.push(n >> 2);
      }
      continue;
    }
    const d = c < 128 ? B64[c] : -1;
    if (d < 0) throw new Error(`source map: invalid mappings character '${mappings[i]}' at ${i}`);
    value += (d & 31) << shift;
    if (d & 32) {
      shift += 5;
      continue;
    }
    const x = value & 1 ? -(value >>> 1) : value >>> 1;
    if (fields === 0) v0 = x;
    else if (fields === 1) v1 = x;
    else if (fields === 2) v2 = x;
    else if (fields === 3) v3 = x;
    fields++;
    value = 0;
    shift = 0;
  }
  return { segs: segs.subarray(0, n), lines: Int32Array.from(lines) };
}

/** The original [source index, line, column] (0-based) of a generated position (0-based), or undefined. */
export function lookup(table, line, column) {
  const { segs, lines } = table;
  if (line < 0 || line + 1 >= lines.length) return undefined;
  let lo = lines[line];
  let hi = lines[line + 1] - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segs[mid * 4] <= column) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (found < 0 || segs[found * 4 + 1] < 0) return undefined;
  return [segs[found * 4 + 1], segs[found * 4 + 2], segs[found * 4 + 3]];
}

const TABLE_MAGIC = 'cdk-connect-dx line table 1';

/**
 * Writes the decoded mappings of `mapFile` beside it (`tableFile`), so a process reads them in a millisecond instead
 * of parsing and decoding the map. Layout: one JSON header line (magic, byte order, absolute source paths, lengths,
 * padded with spaces to a multiple of 4 bytes), then the lines and segments as int32 in this machine's byte order.
 */
export function writeLineTable(mapFile, tableFile) {
  const { table: { segs, lines }, sources } = lineTableFromMap(mapFile);
  const ints = new Int32Array(lines.length + segs.length);
  ints.set(lines);
  ints.set(segs, lines.length);
  const header = JSON.stringify({
    magic: TABLE_MAGIC, endianness: os.endianness(), sources, lines: lines.length, segs: segs.length,
  });
  // spaces after the JSON so that the int32 data starts at a multiple of 4 (read as a view, without a copy)
  const padded = `${header}${' '.repeat((4 - ((Buffer.byteLength(header) + 1) % 4)) % 4)}\n`;
  fs.writeFileSync(tableFile, Buffer.concat([Buffer.from(padded), Buffer.from(ints.buffer)]));
}

/** Reads a source map file into { table (decodeMappings), sources (absolute paths) }. */
function lineTableFromMap(mapFile) {
  const json = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const dir = path.dirname(mapFile);
  return { table: decodeMappings(json.mappings), sources: json.sources.map((s) => path.resolve(dir, s)) };
}

/** Reads a table written by writeLineTable: { table, sources }; throws when it is not one. */
export function readLineTable(tableFile) {
  const buf = fs.readFileSync(tableFile);
  const nl = buf.indexOf(10);
  const header = JSON.parse(buf.toString('utf8', 0, nl));
  if (header.magic !== TABLE_MAGIC || header.endianness !== os.endianness()) throw new Error(`${tableFile}: not a line table for this machine`);
  const start = buf.byteOffset + nl + 1;
  const count = header.lines + header.segs;
  if (buf.length - (nl + 1) !== count * 4) throw new Error(`${tableFile}: truncated`);
  const ints = start % 4 === 0 ? new Int32Array(buf.buffer, start, count) // a view: the writer aligned the data
    : new Int32Array(buf.buffer.slice(start, start + count * 4)); // a copy, aligned, should the buffer be offset
  return { table: { lines: ints.subarray(0, header.lines), segs: ints.subarray(header.lines) }, sources: header.sources };
}

/**
 * Installs an `Error.prepareStackTrace` that formats stack traces as V8 does, with each frame in `bundleFile` mapped
 * to the original file, line and column: through `tableFile` (writeLineTable), or `mapFile` when that cannot be read.
 * Either is read on first use.
 */
export function installBundleStackTraces(bundleFile, mapFile, tableFile) {
  let map; // { table, sources } once read, or null when it cannot be read
  const load = () => {
    if (map !== undefined) return map;
    try {
      map = readLineTable(tableFile);
    } catch {
      try {
        map = lineTableFromMap(mapFile);
      } catch {
        map = null; // no map: frames stay as generated
      }
    }
    return map;
  };
  const frame = (site) => {
    const text = site.toString();
    if (site.getFileName() !== bundleFile) return text;
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    const m = load();
    const hit = m && line !== null && column !== null ? lookup(m.table, line - 1, column - 1) : undefined;
    if (hit === undefined) return text;
    const generated = `${bundleFile}:${line}:${column}`;
    const at = text.lastIndexOf(generated);
    if (at < 0) return text;
    return `${text.slice(0, at)}${m.sources[hit[0]]}:${hit[1] + 1}:${hit[2] + 1}${text.slice(at + generated.length)}`;
  };
  Error.prepareStackTrace = (error, sites) => {
    let header;
    try {
      header = Error.prototype.toString.call(error);
    } catch {
      header = 'Error';
    }
    return header + sites.map((s) => `\n    at ${frame(s)}`).join('');
  };
}
