/**
 * Integration test of `status` against a local moto_server (moto 5.2.1). moto implements Direct Connect
 * connections and LAGs (ids look like ARNs, e.g. `arn:aws:directconnect:...:dx-con/dx-moto-...`) but answers
 * DescribeVirtualInterfaces with HTTP 500, so the command must print what it read and name the failed call.
 * Interfaces are covered with mocks in status.test.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { CreateConnectionCommand, CreateLagCommand } from '@aws-sdk/client-direct-connect';
import { createDirectConnectClient } from '../../lib/handlers/shared/direct-connect-read';
import { runStatus } from '../../lib/cli/commands/status';
import { Moto, startMoto } from '../helpers/moto';
import { describeWithTool, MOTO_SERVER } from '../helpers/tools';
import { recorder } from '../helpers/cli-io';

const ROOT = path.join(__dirname, '..', '..');
const FAKE_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };
let moto: Moto | undefined;
let endpoint = '';
let connectionId = '';
let lagId = '';

describeWithTool(MOTO_SERVER, 'status against moto_server (local Direct Connect API)', () => {
  beforeAll(async () => {
    Object.assign(process.env, FAKE_CREDENTIALS);
    moto = await startMoto();
    endpoint = moto.endpoint;
    // GIVEN a connection (MACsec requested) and a LAG, created through the SDK
    const client = createDirectConnectClient({ region: 'us-east-1', endpoint });
    const conn = await client.send(new CreateConnectionCommand({ location: 'EqDC2', bandwidth: '10Gbps', connectionName: 'agents-primary', requestMACSec: true }));
    const lag = await client.send(new CreateLagCommand({ location: 'EqDC2', connectionsBandwidth: '10Gbps', lagName: 'agents-lag', numberOfConnections: 1 }));
    client.destroy();
    connectionId = conn.connectionId!;
    lagId = lag.lagId!;
  }, 60000);

  afterAll(() => {
    moto?.stop();
  });

  describe('status against moto_server', () => {
    test('moto returns ARN-like ids, which --connection-id accepts', () => {
      expect(connectionId).toMatch(/^arn:aws:directconnect:us-east-1:\d{12}:dx-con\//);
      expect(lagId).toMatch(/^arn:aws:directconnect:us-east-1:\d{12}:dxlag\//);
    });

    test('prints the connection and the LAG, and names DescribeVirtualInterfaces as the call that failed', async () => {
      // GIVEN
      const r = recorder();
      // WHEN
      const code = await runStatus(['--region', 'us-east-1', '--endpoint-url', endpoint], r.io);
      // THEN
      expect(code).toBe(1);
      const out = r.stdout();
      expect(out).toContain('Direct Connect status, region us-east-1');
      expect(out).toMatch(/"agents-primary" {2}connection {2}available/);
      expect(out).toContain('bandwidth 10Gbps, location EqDC2');
      expect(out).toMatch(/"agents-lag" {2}LAG {2}available/);
      expect(out).toContain('MACsec: MACsec-capable, encryption mode must_encrypt');
      expect(out).toContain('Virtual interfaces\n  (could not be read, see below)');
      expect(r.stderr()).toMatch(/^cdk-connect-dx status: DescribeVirtualInterfaces failed: the endpoint answered HTTP 500/);
    });

    test('--connection-id with moto\'s LAG ARN shows only that LAG; --json lists the failure', async () => {
      // GIVEN
      const r = recorder();
      // WHEN
      const code = await runStatus(['--region', 'us-east-1', '--endpoint-url', endpoint, '--connection-id', lagId, '--json'], r.io);
      // THEN
      expect(code).toBe(1);
      const json = JSON.parse(r.stdout());
      expect(json.connections).toHaveLength(1);
      expect(json.connections[0]).toMatchObject({ kind: 'lag', id: lagId, name: 'agents-lag', bandwidth: '1 x 10Gbps', state: { state: 'available' } });
      expect(json.errors.map((e: { call: string }) => e.call)).toEqual(['DescribeVirtualInterfaces']);
    });

    test('an unknown connection id is reported as not found, naming the call', async () => {
      // GIVEN
      const r = recorder();
      // WHEN
      const code = await runStatus(['--region', 'us-east-1', '--endpoint-url', endpoint, '--connection-id', 'dxcon-abcd1234'], r.io);
      // THEN
      expect(code).toBe(1);
      expect(r.stderr()).toContain('DescribeConnections: not found');
    });

    test('the bundled binary gives the same answer', async () => {
      // GIVEN the CLI bundle (npm test bundles first)
      const bin = path.join(ROOT, 'assets', 'cli', 'index.js');
      if (!existsSync(bin)) {
        await new Promise<void>((resolve, reject) => execFile('node', ['scripts/bundle.mjs'], { cwd: ROOT }, (e) => (e ? reject(e) : resolve())));
      }
      // WHEN
      const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile('node', [bin, 'status', '--region', 'us-east-1', '--endpoint-url', endpoint, '--connection-id', connectionId],
          { env: { ...process.env, ...FAKE_CREDENTIALS } },
          (e, stdout, stderr) => resolve({ code: e ? (e as { code?: number }).code ?? 1 : 0, stdout, stderr }));
      });
      // THEN
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('agents-primary');
      expect(result.stdout).not.toContain('agents-lag');
      expect(result.stderr).toContain('DescribeVirtualInterfaces failed');
    });
  });
});
