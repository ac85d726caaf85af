/** A CliIo that records what a command writes, for tests that run CLI commands in process. */
import { CliIo } from '../../lib/cli/io';

export class RecordingIo implements CliIo {
  public stdout = '';
  public stderr = '';
  out(text: string): void { this.stdout += text; }
  err(text: string): void { this.stderr += text; }
}

/** A RecordingIo as `io`, with its output read through `stdout()` and `stderr()`. */
export function recorder(): { io: RecordingIo; stdout: () => string; stderr: () => string } {
  const io = new RecordingIo();
  return { io, stdout: () => io.stdout, stderr: () => io.stderr };
}
