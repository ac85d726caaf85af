/**
 * `cdk-connect-dx doctor` over the default catalog of the lab Region, everything answering (the live lab of
 * test/doctor/live: dnsmasq, coturn and a TLS server in network namespaces). Goal from the issue: a run finishes in
 * under 10 s. Prints the wall time of each run (process start to exit) and the doctor's own duration; fails above
 * the goal. Needs root (network namespaces) and the lab's tools (installed by `.ci/run`); says so and skips otherwise.
 */
import { liveLabSkipReason } from '../test/helpers/live-lab';
import { DOCTOR_LAB_PACKAGES, DoctorLab } from '../test/doctor/live/lab';

const GOAL_MS = 10_000;
const RUNS = 3;

export async function run(): Promise<void> {
  const skip = liveLabSkipReason('drbench', DOCTOR_LAB_PACKAGES);
  if (skip !== undefined) {
    console.log(`doctor bench skipped: ${skip}`);
    return;
  }
  const lab = new DoctorLab({ label: 'b' });
  try {
    await lab.start();
    const walls: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await lab.doctor([...lab.standardFlags(), '--json']);
      const report = JSON.parse(r.stdout) as { durationMs: number; summary: Record<string, number>; findings: unknown[] };
      if (r.code !== 0) throw new Error(`doctor exited ${r.code} on the all-answering lab: ${r.stdout}${r.stderr}`);
      walls.push(r.wallMs);
      console.log(`  run ${i + 1}: ${report.findings.length} findings (${JSON.stringify(report.summary)}), wall ${Math.round(r.wallMs)} ms, probing ${report.durationMs} ms`);
    }
    const worst = Math.max(...walls);
    console.log(`  worst wall time ${Math.round(worst)} ms over ${lab.hosts.length} hosts (goal < ${GOAL_MS} ms)`);
    if (worst >= GOAL_MS) throw new Error(`doctor took ${Math.round(worst)} ms, over the ${GOAL_MS} ms goal`);
  } finally {
    await lab.stop();
  }
}
