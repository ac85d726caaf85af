/** Runs `cdk-connect-dx router-config` in process with a recording io (shared by the router-config CLI tests). */
import { main } from '../../lib/cli/index';
import { RecordingIo } from '../helpers/cli-io';

export { RecordingIo };

export async function cli(...argv: string[]): Promise<{ code: number; io: RecordingIo }> {
  const io = new RecordingIo();
  const code = await main(['router-config', ...argv], io);
  return { code, io };
}
