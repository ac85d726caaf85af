/**
 * A local stand-in of the Direct Connect JSON API for CLI tests: HTTP on 127.0.0.1, the awsJson1_1 protocol
 * (`POST /`, `X-Amz-Target: OvertureService.<Operation>`, JSON bodies, errors as `{"__type": ..., "message": ...}`).
 * It answers DescribeVirtualInterfaces, ListVirtualInterfaceTestHistory, StartBgpFailoverTest and
 * StopBgpFailoverTest from a small in-memory account (and DescribeConnections, DescribeLags, DescribeLocations with
 * empty lists); how StartBgpFailoverTest answers is chosen per test (a test
 * is always started first, as AWS would, then the answer is a 200, a 500, a dropped connection, no answer at all,
 * or "already in progress").
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

/** How StartBgpFailoverTest answers after it started the test. */
export type StartMode = 'ok' | 'error-500' | 'reset' | 'slow' | 'already-in-progress';

/** One test in the stand-in's history. */
export interface StandInTest {
  testId: string;
  virtualInterfaceId: string;
  status: string;
  bgpPeers: string[];
  testDurationInMinutes: number;
  startTime: number;
}

/** The stand-in: its URL, what it received, its state. */
export interface DxStandIn {
  readonly url: string;
  /** Every request, in order: the operation and the parsed body. */
  readonly calls: Array<{ operation: string; body: Record<string, unknown> }>;
  readonly tests: StandInTest[];
  startMode: StartMode;
  /** Called when a StartBgpFailoverTest request arrives (after the test was recorded). */
  onStart?: () => void;
  /** Answers every operation with this error instead (e.g. an AccessDeniedException), when set. */
  refuseAll?: { status: number; type: string; message: string };
  count(operation: string): number;
  close(): Promise<void>;
}

/** Starts the stand-in with the given virtual interfaces (awsJson shapes, as DescribeVirtualInterfaces returns them). */
export async function startDxStandIn(virtualInterfaces: Array<Record<string, unknown>>): Promise<DxStandIn> {
  let next = 1;
  const state = {
    calls: [] as DxStandIn['calls'],
    tests: [] as StandInTest[],
    startMode: 'ok' as StartMode,
  };
  const held: http.ServerResponse[] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${next++}` });
    res.end(JSON.stringify(body));
  };
  const fail = (res: http.ServerResponse, status: number, type: string, message: string) => send(res, status, { __type: type, message });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^OvertureService\./, '');
      const body = (chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}) as Record<string, unknown>;
      state.calls.push({ operation, body });
      if (standIn.refuseAll) {
        fail(res, standIn.refuseAll.status, standIn.refuseAll.type, standIn.refuseAll.message);
        return;
      }
      switch (operation) {
        case 'DescribeVirtualInterfaces': {
          const id = body.virtualInterfaceId;
          send(res, 200, { virtualInterfaces: virtualInterfaces.filter((v) => id === undefined || v.virtualInterfaceId === id) });
          return;
        }
        case 'DescribeConnections':
          send(res, 200, { connections: [] });
          return;
        case 'DescribeLags':
          send(res, 200, { lags: [] });
          return;
        case 'DescribeLocations':
          send(res, 200, { locations: [] });
          return;
        case 'ListVirtualInterfaceTestHistory': {
          const list = state.tests.filter((t) => (body.virtualInterfaceId === undefined || t.virtualInterfaceId === body.virtualInterfaceId)
            && (body.testId === undefined || t.testId === body.testId));
          send(res, 200, { virtualInterfaceTestHistory: list });
          return;
        }
        case 'StartBgpFailoverTest': {
          const running = state.tests.find((t) => t.virtualInterfaceId === body.virtualInterfaceId && t.status === 'in progress');
          if (running || standIn.startMode === 'already-in-progress') {
            fail(res, 400, 'DirectConnectClientException', 'A failover test is already in progress on this virtual interface');
            return;
          }
          const test: StandInTest = {
            testId: `dxtest-${String(10000000 + state.tests.length + 1)}`, virtualInterfaceId: String(body.virtualInterfaceId),
            status: 'in progress', bgpPeers: (body.bgpPeers as string[] | undefined) ?? [],
            testDurationInMinutes: Number(body.testDurationInMinutes ?? 180), startTime: 1796115600,
          };
          state.tests.push(test);
          standIn.onStart?.();
          if (standIn.startMode === 'ok') send(res, 200, { virtualInterfaceTest: test });
          else if (standIn.startMode === 'error-500') fail(res, 500, 'DirectConnectServerException', 'An internal error occurred');
          else if (standIn.startMode === 'reset') req.socket.destroy();
          else held.push(res); // slow: no answer until the stand-in closes
          return;
        }
        case 'StopBgpFailoverTest': {
          const running = state.tests.find((t) => t.virtualInterfaceId === body.virtualInterfaceId && t.status === 'in progress');
          if (!running) {
            fail(res, 400, 'DirectConnectClientException', 'No failover test is in progress on this virtual interface');
            return;
          }
          running.status = 'cancelled';
          send(res, 200, { virtualInterfaceTest: running });
          return;
        }
        default:
          fail(res, 400, 'UnknownOperationException', `the stand-in does not answer ${operation}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const standIn: DxStandIn = {
    url: `http://127.0.0.1:${port}`,
    calls: state.calls,
    tests: state.tests,
    get startMode() { return state.startMode; },
    set startMode(m: StartMode) { state.startMode = m; },
    count: (operation) => state.calls.filter((c) => c.operation === operation).length,
    close: () => new Promise<void>((resolve) => {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
  return standIn;
}

/** A public virtual interface in awsJson shape, with one IPv4 peer up (and more peers when given). */
export function standInVif(id: string, connectionId: string, peers: Array<Record<string, unknown>> = [
  { bgpPeerId: `dxpeer-${id.slice(6)}`, addressFamily: 'ipv4', customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', bgpPeerState: 'available', bgpStatus: 'up' },
]): Record<string, unknown> {
  return {
    virtualInterfaceId: id, virtualInterfaceType: 'public', virtualInterfaceState: 'available', connectionId, vlan: 101,
    routeFilterPrefixes: [{ cidr: '203.0.113.0/24' }], awsLogicalDeviceId: `dev-${connectionId}`, bgpPeers: peers,
  };
}

/** Environment for a process that talks only to the stand-in: fake static credentials, no profile, no IMDS. */
export function standInEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp',
    AWS_ACCESS_KEY_ID: 'AKIAEXAMPLESTANDIN', AWS_SECRET_ACCESS_KEY: 'stand-in-secret', AWS_REGION: 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    ...extra,
  };
}
