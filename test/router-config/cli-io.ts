/** Runs `cdk-connect-dx router-config` in process with a recording io (shared by the router-config CLI tests). */
import { main } from '../../lib/cli/index';
import { CliIo } from '../../lib/cli/io';

export class RecordingIo implements CliIo {
  public stdout = '';
  public stderr = '';
  out(text: string): void { this.stdout += text; }
  err(text: string): void { this.stderr += text; }
}

export async function cli(...argv: string[]): Promise<{ code: number; io: RecordingIo }> {
  const io = new RecordingIo();
  const code = await main(['router-config', ...argv], io);
  return { code, io };
}
