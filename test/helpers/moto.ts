/**
 * moto_server (a local AWS API emulator) on a free loopback port, for the integration tests and bench/cold-start.ts.
 * Callers check that moto_server is installed first (test/helpers/tools.ts: MOTO_SERVER).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { EC2Client, GetManagedPrefixListEntriesCommand } from '@aws-sdk/client-ec2';

/** A running moto_server: its endpoint URL, and stop(). */
export interface Moto {
  readonly endpoint: string;
  stop(): void;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

async function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const s = new Socket();
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => { s.destroy(); resolve(false); });
    s.connect(port, '127.0.0.1');
  });
}

/** Starts moto_server on 127.0.0.1 and resolves once it accepts connections (or rejects after timeoutMs). */
export async function startMoto(timeoutMs = 30000): Promise<Moto> {
  const port = await freePort();
  const proc: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const stop = () => {
    if (proc.exitCode === null) proc.kill('SIGTERM');
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await listening(port))) {
    if (proc.exitCode !== null) throw new Error(`moto_server exited with code ${proc.exitCode} before listening on ${port}`);
    if (Date.now() > deadline) {
      stop();
      throw new Error(`moto_server did not listen on ${port} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { endpoint: `http://127.0.0.1:${port}`, stop };
}

/** Every entry of a managed prefix list (all pages), sorted: what a test compares with the expected ranges. */
export async function prefixListEntries(ec2: EC2Client, id: string): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const r = await ec2.send(new GetManagedPrefixListEntriesCommand({ PrefixListId: id, NextToken: token }));
    out.push(...(r.Entries ?? []).map((e) => e.Cidr!));
    token = r.NextToken;
  } while (token);
  return out.sort();
}
