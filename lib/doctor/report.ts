/**
 * The doctor's result model and its two renderings: text (one line per check and host, then a summary) and one
 * JSON document with stable field names. Pure.
 */
import { jsonDocument, printable } from '../private/text-rules';

/** The checks, in the order they run and print. */
export const CHECK_NAMES = ['dns', 'tls', 'turn', 'route', 'nat', 'proxy'] as const;
/** One check. */
export type CheckName = (typeof CHECK_NAMES)[number];

/**
 * PASS: works as it should. WARN: works, but not as it should on Direct Connect (someone should look).
 * FAIL: agents will have problems. SKIP: not testable here (a wildcard row, or a check that needs something the
 * run does not have), with the reason.
 */
export const STATUSES = ['PASS', 'WARN', 'FAIL', 'SKIP'] as const;
/** The verdict of one finding. */
export type Status = (typeof STATUSES)[number];

/** One verdict for one check and target. */
export interface Finding {
  readonly check: CheckName;
  readonly status: Status;
  /** What was tested: a host, `host:port`, an address, or `environment`. */
  readonly target: string;
  /** What the doctor saw, in plain words. */
  readonly seen: string;
  /** What to do about it (WARN and FAIL always say; PASS and SKIP when there is something useful). */
  readonly action?: string;
  /** Measured values for scripts (addresses, times in ms, issuer, route, ...). */
  readonly details?: Record<string, unknown>;
  /** The Amazon Connect Regions whose endpoint the finding is about (DNS, TLS and TURN findings of a catalog host). */
  readonly regions?: readonly string[];
}

/** What the run was asked to do. */
export interface RunContext {
  /** The first Amazon Connect Region. */
  readonly region: string;
  /** Every Amazon Connect Region checked (one, or a Global Resiliency pair). */
  readonly regions?: readonly string[];
  readonly alias: string;
  readonly checks: readonly CheckName[];
  /** The resolver used, e.g. `198.18.10.53:53` or `system (127.0.0.53)`. */
  readonly resolver: string;
  readonly interface?: string;
  readonly advertisedPrefixes?: readonly string[];
  /** Where the advertised prefixes came from (`--advertised-prefixes`, `cdk.json context routeFilterPrefixes`). */
  readonly advertisedPrefixesSource?: string;
  readonly timeoutMs: number;
}

/** A finished run. */
export interface DoctorReport {
  readonly context: RunContext;
  readonly findings: readonly Finding[];
  readonly durationMs: number;
}

/** Counts per status. */
export type Summary = Record<Status, number>;

/** The JSON document's format identifier; bumped only when a field changes meaning or goes away. */
export const REPORT_FORMAT = 'cdk-connect-dx.doctor/v1';

/** Counts the findings per status. */
export function summarize(findings: readonly Finding[]): Summary {
  const s: Summary = { PASS: 0, WARN: 0, FAIL: 0, SKIP: 0 };
  for (const f of findings) s[f.status]++;
  return s;
}

/** Exit code when nothing could be tested: every finding is SKIP (a run that tested nothing is not a pass). */
export const EXIT_NOTHING_TESTED = 3;

/** 0 when nothing failed, 1 when any finding is FAIL, 3 when every finding is SKIP (2, bad usage, is the CLI's). */
export function exitCodeOf(findings: readonly Finding[]): number {
  if (findings.some((f) => f.status === 'FAIL')) return 1;
  return findings.every((f) => f.status === 'SKIP') ? EXIT_NOTHING_TESTED : 0;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** The text report: a header, one line per finding, a summary line. */
export function renderText(report: DoctorReport): string {
  const c = report.context;
  const lines: string[] = [];
  const regions = c.regions ?? [c.region];
  lines.push(`cdk-connect-dx doctor: Region${regions.length > 1 ? 's' : ''} ${regions.join(', ')}, instance alias ${printable(c.alias)}, checks ${c.checks.join(',')}`);
  lines.push(`  resolver ${printable(c.resolver)}; interface ${c.interface ? printable(c.interface) : '(not given)'}; advertised prefixes ${
    c.advertisedPrefixes && c.advertisedPrefixes.length > 0 ? `${c.advertisedPrefixes.join(',')} (${c.advertisedPrefixesSource ?? 'given'})` : '(not given)'
  }; timeout ${c.timeoutMs} ms per probe`);
  const width = Math.min(60, Math.max(0, ...report.findings.map((f) => f.target.length)));
  for (const f of report.findings) {
    const action = f.action ? `  -> ${printable(f.action)}` : '';
    lines.push(`${f.status}  ${f.check.padEnd(5)}  ${printable(f.target).padEnd(width)}  ${printable(f.seen)}${action}`);
  }
  for (const r of c.regions ?? []) lines.push(regionSummaryLine(r, report.findings));
  const s = summarize(report.findings);
  const code = exitCodeOf(report.findings);
  lines.push(`summary: ${s.PASS} PASS, ${s.WARN} WARN, ${s.FAIL} FAIL, ${s.SKIP} SKIP in ${seconds(report.durationMs)}` +
    ` (exit ${code}${code === EXIT_NOTHING_TESTED ? ': nothing could be tested' : ''})`);
  return lines.join('\n') + '\n';
}

/**
 * The JSON report: one document, the same fields in every run (absent values are null, lists may be empty).
 *
 * `{ format, region, alias, checks, resolver, interface, advertisedPrefixes, advertisedPrefixesSource, timeoutMs,
 *    durationMs, exitCode, summary: {pass, warn, fail, skip}, findings: [{check, status, target, seen, action, details}] }`
 */
export function renderJson(report: DoctorReport): string {
  return jsonDocument(reportDocument(report));
}

/** The JSON report's value (see {@link renderJson}); the CLI writes it with its one JSON writer. */
export function reportDocument(report: DoctorReport): Record<string, unknown> {
  const c = report.context;
  const s = summarize(report.findings);
  return {
    format: REPORT_FORMAT,
    region: c.region,
    alias: c.alias,
    checks: c.checks,
    resolver: c.resolver,
    interface: c.interface ?? null,
    advertisedPrefixes: c.advertisedPrefixes ?? null,
    advertisedPrefixesSource: c.advertisedPrefixesSource ?? null,
    timeoutMs: c.timeoutMs,
    durationMs: Math.round(report.durationMs),
    exitCode: exitCodeOf(report.findings),
    summary: { pass: s.PASS, warn: s.WARN, fail: s.FAIL, skip: s.SKIP },
    regions: c.regions ?? [c.region],
    regionSummaries: Object.fromEntries((c.regions ?? [c.region]).map((r) => [r, regionSummary(r, report.findings)])),
    findings: report.findings.map((f) => ({
      check: f.check, status: f.status, target: f.target, seen: f.seen, action: f.action ?? null, details: f.details ?? {},
      regions: f.regions ?? null,
    })),
  };
}

/** The checks summarised per Amazon Connect Region: those of its endpoints. */
export const REGION_CHECKS: readonly CheckName[] = ['dns', 'tls', 'turn'];

/** Per check (dns, tls, turn), the counts of the findings about one Region's endpoints. */
export function regionSummary(region: string, findings: readonly Finding[]): Record<string, Summary> {
  return Object.fromEntries(REGION_CHECKS.map((check) => [check,
    summarize(findings.filter((f) => f.check === check && (f.regions ?? []).includes(region)))]));
}

/** `region us-west-2: dns 12 PASS, tls 11 PASS 1 FAIL, turn 1 PASS`: what each Region's endpoints gave. */
export function regionSummaryLine(region: string, findings: readonly Finding[]): string {
  const per = regionSummary(region, findings);
  const text = REGION_CHECKS.map((check) => {
    const s = per[check];
    const parts = STATUSES.filter((st) => s[st] > 0).map((st) => `${s[st]} ${st}`);
    return `${check} ${parts.length > 0 ? parts.join(' ') : 'not run'}`;
  });
  const failed = REGION_CHECKS.some((check) => per[check].FAIL > 0);
  return `region ${region}: ${text.join(', ')}${failed ? ' (FAIL: agents may not reach this Region)' : ''}`;
}
