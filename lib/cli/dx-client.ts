/** The Direct Connect client a CLI command runs with: its Region checked, closed afterwards unless a test passed it. */
import { DirectConnectClient } from '@aws-sdk/client-direct-connect';
import { requireCredentials } from './aws-errors';
import { CliIo } from './io';
import { createDirectConnectClient } from '../handlers/shared/direct-connect-read';

/**
 * Runs `body` with `given` (a test's client) or a new client for `region`/`endpoint`. Without a Region (flag,
 * AWS_REGION or profile) it prints one line naming how to give one and returns 1; without credentials it throws one
 * line naming the profile and Region (exit 1) before any call. A new client is destroyed after, so keep-alive
 * sockets let the process exit at once.
 */
export async function withDirectConnectClient(
  command: string, io: CliIo, options: { readonly region?: string; readonly endpoint?: string }, given: DirectConnectClient | undefined,
  body: (client: DirectConnectClient, region: string) => Promise<number>,
): Promise<number> {
  const client = given ?? createDirectConnectClient({ region: options.region, endpoint: options.endpoint });
  try {
    const region = await client.config.region().catch(() => undefined);
    if (!region) {
      io.err(`cdk-connect-dx ${command}: no AWS Region: pass --region or set AWS_REGION (or a region in your AWS profile)\n`);
      return 1;
    }
    await requireCredentials(client, { region, endpoint: options.endpoint });
    return await body(client, region);
  } finally {
    if (!given) client.destroy();
  }
}
