/**
 * The MACsec key handler against an in-process stand-in of the Direct Connect and Secrets Manager JSON APIs (and of
 * CloudFormation's response URL) on 127.0.0.1: create, update and delete, their failures, and the rule that the
 * CKN/CAK never reaches a log line, a response or an error.
 */
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, handler, MacsecDeps, redact, requestOf } from '../../lib/handlers/macsec-key/index';
import { createDirectConnectClient } from '../../lib/handlers/shared/direct-connect-read';

const CKN = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
const CAK = 'fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210';
const CUSTOMER_SECRET = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:dx-macsec-AbCdEf';
const HEX64 = /[0-9a-fA-F]{64}/;

interface Key { secretARN: string; ckn: string; state: string }
interface Port { state: string; encryptionMode?: string; keys: Key[] }

/** The stand-in: Direct Connect (OvertureService.*), Secrets Manager (secretsmanager.*), and the response URL. */
class StandIn {
  public readonly ports = new Map<string, Port>();
  public readonly secrets = new Map<string, string>();
  public readonly calls: { op: string; body: Record<string, unknown> }[] = [];
  public readonly responses: Record<string, unknown>[] = [];
  /** Operation -> [HTTP status, error type, message] to fail with. */
  public readonly failures = new Map<string, [number, string, string]>();
  public url = '';
  private server?: http.Server;
  private next = 1;

  public async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        if (req.method === 'PUT') {
          this.responses.push(JSON.parse(text));
          res.end();
          return;
        }
        const target = String(req.headers['x-amz-target'] ?? '');
        const op = target.split('.').pop()!;
        const body = JSON.parse(text || '{}') as Record<string, unknown>;
        this.calls.push({ op, body });
        const fail = this.failures.get(op);
        const send = (status: number, out: unknown) => {
          res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          res.end(JSON.stringify(out));
        };
        if (fail) return send(fail[0], { __type: fail[1], message: fail[2] });
        try {
          send(200, this.answer(op, body));
        } catch (e) {
          send(400, { __type: 'DirectConnectClientException', message: (e as Error).message });
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  public stop(): Promise<void> {
    return new Promise((r) => this.server!.close(() => r()));
  }

  private port(id: string): Port {
    const p = this.ports.get(id);
    if (!p) throw new Error(`Connection ${id} does not exist`);
    return p;
  }

  private answer(op: string, b: Record<string, unknown>): unknown {
    switch (op) {
      case 'GetSecretValue': {
        const v = this.secrets.get(b.SecretId as string);
        if (v === undefined) throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
        return { ARN: b.SecretId, SecretString: v };
      }
      case 'DescribeConnections': {
        const id = b.connectionId as string;
        if (!this.ports.has(id)) throw new Error(`Connection ${id} does not exist`);
        const p = this.port(id);
        return { connections: [{ connectionId: id, connectionState: p.state, encryptionMode: p.encryptionMode, macSecKeys: p.keys }] };
      }
      case 'DescribeLags': {
        const id = b.lagId as string;
        const p = this.port(id);
        return { lags: [{ lagId: id, lagState: p.state, encryptionMode: p.encryptionMode, macSecKeys: p.keys }] };
      }
      case 'AssociateMacSecKey': {
        const id = b.connectionId as string;
        const p = this.port(id);
        let key: Key;
        if (b.secretARN) {
          key = { secretARN: b.secretARN as string, ckn: 'c'.repeat(64), state: 'associating' };
        } else {
          if (!/^[0-9a-fA-F]{64}$/.test(String(b.ckn)) || !/^[0-9a-fA-F]{64}$/.test(String(b.cak))) throw new Error('invalid CKN/CAK');
          key = { secretARN: `arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!prod!us-east-1!${this.next++}`, ckn: b.ckn as string, state: 'associating' };
        }
        p.keys.push(key);
        return { connectionId: id, macSecKeys: p.keys.map((k) => ({ secretARN: k.secretARN, ckn: k.ckn, state: k.state })) };
      }
      case 'DisassociateMacSecKey': {
        const p = this.port(b.connectionId as string);
        const k = p.keys.find((x) => x.secretARN === b.secretARN);
        if (!k) throw new Error(`MACsec key ${String(b.secretARN)} does not exist`);
        k.state = 'disassociated';
        return { connectionId: b.connectionId, macSecKeys: [k] };
      }
      case 'UpdateConnection':
      case 'UpdateLag': {
        const p = this.port((b.connectionId ?? b.lagId) as string);
        p.encryptionMode = b.encryptionMode as string;
        return op === 'UpdateLag' ? { lagId: b.lagId, encryptionMode: p.encryptionMode } : { connectionId: b.connectionId, encryptionMode: p.encryptionMode };
      }
      default:
        throw new Error(`unknown operation ${op}`);
    }
  }
}

const stand = new StandIn();
const logs: Record<string, unknown>[] = [];
let deps: MacsecDeps;

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = 'testing';
  process.env.AWS_SECRET_ACCESS_KEY = 'testing';
  process.env.AWS_REGION = 'us-east-1';
  await stand.start();
  deps = {
    dx: createDirectConnectClient({ endpoint: stand.url, region: 'us-east-1' }),
    secrets: new SecretsManagerClient({ endpoint: stand.url, region: 'us-east-1', maxAttempts: 1 }),
    log: (r) => logs.push(r),
  };
});

afterAll(async () => {
  deps.dx.destroy();
  deps.secrets.destroy();
  await stand.stop();
});

beforeEach(() => {
  stand.ports.clear();
  stand.secrets.clear();
  stand.calls.length = 0;
  stand.responses.length = 0;
  stand.failures.clear();
  logs.length = 0;
  stand.ports.set('dxcon-fgq3d2ab', { state: 'available', keys: [] });
  stand.ports.set('dxlag-ffabc123', { state: 'available', keys: [] });
  stand.secrets.set(CUSTOMER_SECRET, JSON.stringify({ ckn: CKN, cak: CAK }));
});

function event(type: 'Create' | 'Update' | 'Delete', props: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    RequestType: type, ResponseURL: `${stand.url}/response?sig=1`, StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/s/1',
    RequestId: 'r1', LogicalResourceId: 'MacsecKey', ResourceProperties: { ServiceToken: 'x', ...props }, ...extra,
  };
}

const LAG_PROPS = { ConnectionId: 'dxlag-ffabc123', SecretArn: CUSTOMER_SECRET, CknField: 'ckn', CakField: 'cak', EncryptionMode: 'must_encrypt' };

/** Nothing the handler wrote or sent holds the pair. */
function expectNoKeyMaterial(): void {
  const everything = JSON.stringify([logs, stand.responses]);
  expect(everything).not.toContain(CKN);
  expect(everything).not.toContain(CAK);
  expect(everything).not.toMatch(HEX64);
}

describe('create', () => {
  test('GIVEN an available LAG and the customer secret WHEN created THEN the pair is associated as ckn/cak, the mode set, the response names the Direct Connect secret', async () => {
    // WHEN
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { status: string; physicalId: string };
    // THEN
    expect(r.status).toBe('SUCCESS');
    const assoc = stand.calls.find((c) => c.op === 'AssociateMacSecKey')!;
    expect(assoc.body).toEqual({ connectionId: 'dxlag-ffabc123', ckn: CKN, cak: CAK });
    expect(stand.calls.find((c) => c.op === 'UpdateLag')!.body).toEqual({ lagId: 'dxlag-ffabc123', encryptionMode: 'must_encrypt' });
    expect(stand.ports.get('dxlag-ffabc123')!.encryptionMode).toBe('must_encrypt');
    expect(r.physicalId).toMatch(/^dxlag-ffabc123\|arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!prod!us-east-1!\d+$/);
    expect(stand.responses).toEqual([expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: r.physicalId,
      Data: { SecretArn: r.physicalId.split('|')[1], ConnectionId: 'dxlag-ffabc123' } })]);
    expectNoKeyMaterial();
  });

  test('GIVEN a key Direct Connect stores WHEN created on a connection THEN it is passed as secretARN and the secret is never read', async () => {
    const dxSecret = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!prod!us-east-1!abc';
    const r = await handler(event('Create', { ConnectionId: 'dxcon-fgq3d2ab', DirectConnectSecretArn: dxSecret }), {}, deps) as { physicalId: string };
    expect(stand.calls.find((c) => c.op === 'AssociateMacSecKey')!.body).toEqual({ connectionId: 'dxcon-fgq3d2ab', secretARN: dxSecret });
    expect(stand.calls.some((c) => c.op === 'GetSecretValue' || c.op === 'UpdateConnection')).toBe(false);
    expect(r.physicalId).toBe(`dxcon-fgq3d2ab|${dxSecret}`);
  });

  test.each([
    ['a CAK of 63 characters', JSON.stringify({ ckn: CKN, cak: CAK.slice(1) }), /field "cak" .* must be 64 hexadecimal characters .*got 63 characters \(value not shown\)/],
    ['a CKN with a non-hex character', JSON.stringify({ ckn: `${CKN.slice(1)}g`, cak: CAK }), /field "ckn" .*got characters other than 0-9, a-f/],
    ['no cak field', JSON.stringify({ ckn: CKN }), /has no string field "cak"/],
    ['a value that is not JSON', `${CKN}:${CAK}`, /its value is not JSON \(not shown\)/],
  ])('GIVEN a secret with %s WHEN created THEN FAILED naming the field, AWS never called, the value never shown', async (_what, value, reason) => {
    stand.secrets.set(CUSTOMER_SECRET, value);
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { status: string; reason: string };
    expect(r.status).toBe('FAILED');
    expect(r.reason).toMatch(reason);
    expect(stand.calls.some((c) => c.op === 'AssociateMacSecKey')).toBe(false);
    expect(stand.responses[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'MacsecKey-not-associated' });
    expectNoKeyMaterial();
  });

  test('GIVEN a LAG still requested WHEN created THEN FAILED saying to deploy the key once it is available', async () => {
    stand.ports.get('dxlag-ffabc123')!.state = 'requested';
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { status: string; reason: string };
    expect(r.status).toBe('FAILED');
    expect(r.reason).toMatch(/dxlag-ffabc123 is 'requested'.*Deploy without macsecKey until `cdk-connect-dx status` shows the connection available/);
  });

  test('GIVEN AssociateMacSecKey refused (an error echoing the key) WHEN created THEN FAILED with the API error, the key redacted', async () => {
    stand.failures.set('AssociateMacSecKey', [400, 'DirectConnectClientException', `Key ${CKN} is not valid for this connection`]);
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { status: string; reason: string };
    expect(r.status).toBe('FAILED');
    expect(r.reason).toMatch(/^AssociateMacSecKey on dxlag-ffabc123 failed: DirectConnectClientException: Key <redacted> is not valid/);
    expectNoKeyMaterial();
  });

  test('GIVEN UpdateLag refused after the key was associated WHEN created THEN the key is disassociated again and FAILED says so', async () => {
    stand.failures.set('UpdateLag', [400, 'DirectConnectClientException', 'encryption mode cannot be changed now']);
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { status: string; reason: string; physicalId: string };
    expect(r.status).toBe('FAILED');
    expect(r.reason).toMatch(/UpdateLag on dxlag-ffabc123 failed: .*encryption mode cannot be changed now \(the key just associated was disassociated again\)/);
    expect(stand.ports.get('dxlag-ffabc123')!.keys.map((k) => k.state)).toEqual(['disassociated']);
    expect(stand.responses[0]).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'MacsecKey-not-associated' });
  });

  test('GIVEN UpdateLag and the undo both refused WHEN created THEN FAILED says how to remove the key by hand', async () => {
    stand.failures.set('UpdateLag', [400, 'DirectConnectClientException', 'not now']);
    stand.failures.set('DisassociateMacSecKey', [400, 'DirectConnectClientException', 'busy']);
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { reason: string };
    expect(r.reason).toMatch(/disassociating the key just associated failed too \(DirectConnectClientException\): remove it with aws directconnect disassociate-mac-sec-key --connection-id dxlag-ffabc123 --secret-arn arn:aws:secretsmanager:.*directconnect!/);
    expectNoKeyMaterial();
  });

  test('GIVEN the secret cannot be read WHEN created THEN FAILED naming the secret and the error', async () => {
    stand.secrets.clear();
    const r = await handler(event('Create', LAG_PROPS), {}, deps) as { status: string; reason: string };
    expect(r).toMatchObject({ status: 'FAILED' });
    expect(r.reason).toContain(`GetSecretValue on ${CUSTOMER_SECRET} failed`);
  });

  test('GIVEN a connection that does not exist WHEN created THEN FAILED naming it', async () => {
    const r = await handler(event('Create', { ...LAG_PROPS, ConnectionId: 'dxlag-gone1234' }), {}, deps) as { reason: string };
    expect(r.reason).toBe('dxlag-gone1234 does not exist in this account and Region');
  });
});

describe('update', () => {
  async function created(): Promise<string> {
    return ((await handler(event('Create', LAG_PROPS), {}, deps)) as { physicalId: string }).physicalId;
  }

  test('GIVEN only the mode changes WHEN updated THEN UpdateLag runs, no new association, same physical id', async () => {
    const id = await created();
    stand.calls.length = 0;
    const r = await handler(event('Update', { ...LAG_PROPS, EncryptionMode: 'should_encrypt' }, { PhysicalResourceId: id, OldResourceProperties: LAG_PROPS }), {}, deps) as { physicalId: string; status: string };
    expect(r).toMatchObject({ status: 'SUCCESS', physicalId: id });
    expect(stand.calls.map((c) => c.op)).toEqual(['UpdateLag']);
  });

  test('GIVEN a new secret (rotation) WHEN updated THEN the new pair is associated under a new physical id (CloudFormation then deletes the old one)', async () => {
    const id = await created();
    const rotated = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:dx-macsec-2-XyZxYz';
    stand.secrets.set(rotated, JSON.stringify({ ckn: CAK, cak: CKN }));
    const r = await handler(event('Update', { ...LAG_PROPS, SecretArn: rotated }, { PhysicalResourceId: id, OldResourceProperties: LAG_PROPS }), {}, deps) as { physicalId: string };
    expect(r.physicalId).not.toBe(id);
    expect(stand.ports.get('dxlag-ffabc123')!.keys).toHaveLength(2);
    // THEN the old association is removed by CloudFormation's Delete, and must_encrypt stays (a key remains)
    stand.calls.length = 0;
    await handler(event('Delete', LAG_PROPS, { PhysicalResourceId: id }), {}, deps);
    expect(stand.calls.map((c) => c.op)).toEqual(['DescribeLags', 'DisassociateMacSecKey']);
    expectNoKeyMaterial();
  });

  test('GIVEN UpdateLag refused WHEN only the mode changes THEN FAILED, the physical id kept', async () => {
    const id = await created();
    stand.failures.set('UpdateLag', [400, 'DirectConnectClientException', 'not now']);
    const r = await handler(event('Update', { ...LAG_PROPS, EncryptionMode: 'no_encrypt' }, { PhysicalResourceId: id, OldResourceProperties: LAG_PROPS }), {}, deps) as { status: string; physicalId: string; reason: string };
    expect(r).toMatchObject({ status: 'FAILED', physicalId: id });
    expect(r.reason).toMatch(/UpdateLag on dxlag-ffabc123 failed/);
  });

  test('GIVEN the new secret is malformed WHEN updated THEN FAILED, the old association kept (same physical id)', async () => {
    const id = await created();
    const bad = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:bad-AbCdEf';
    stand.secrets.set(bad, JSON.stringify({ ckn: 'abc', cak: CAK }));
    const r = await handler(event('Update', { ...LAG_PROPS, SecretArn: bad }, { PhysicalResourceId: id, OldResourceProperties: LAG_PROPS }), {}, deps) as { status: string; physicalId: string };
    expect(r).toMatchObject({ status: 'FAILED', physicalId: id });
    expect(stand.ports.get('dxlag-ffabc123')!.keys).toHaveLength(1);
  });
});

describe('delete', () => {
  test('GIVEN the only key with must_encrypt WHEN deleted THEN the mode goes to should_encrypt first, then the key is disassociated', async () => {
    const { physicalId } = await handler(event('Create', LAG_PROPS), {}, deps) as { physicalId: string };
    stand.calls.length = 0;
    const r = await handler(event('Delete', LAG_PROPS, { PhysicalResourceId: physicalId }), {}, deps) as { status: string };
    expect(r.status).toBe('SUCCESS');
    expect(stand.calls.map((c) => c.op)).toEqual(['DescribeLags', 'UpdateLag', 'DisassociateMacSecKey']);
    expect(stand.calls[1].body).toEqual({ lagId: 'dxlag-ffabc123', encryptionMode: 'should_encrypt' });
    expect(stand.ports.get('dxlag-ffabc123')!.keys[0].state).toBe('disassociated');
  });

  test.each([
    ['a failed create (nothing associated)', 'MacsecKey-not-associated', () => undefined],
    ['a connection that no longer exists', 'dxcon-gone1234|arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!x', () => undefined],
    ['a key already disassociated', 'dxcon-fgq3d2ab|arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!x', () => {
      stand.ports.get('dxcon-fgq3d2ab')!.keys.push({ secretARN: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!x', ckn: 'c'.repeat(64), state: 'disassociated' });
    }],
  ])('GIVEN %s WHEN deleted THEN SUCCESS without DisassociateMacSecKey', async (_what, physicalId, arrange) => {
    arrange();
    const r = await handler(event('Delete', { ConnectionId: 'dxcon-fgq3d2ab', SecretArn: CUSTOMER_SECRET }, { PhysicalResourceId: physicalId }), {}, deps) as { status: string };
    expect(r.status).toBe('SUCCESS');
    expect(stand.calls.some((c) => c.op === 'DisassociateMacSecKey')).toBe(false);
    expect(stand.responses[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: physicalId });
  });

  test('GIVEN DisassociateMacSecKey fails (server error) WHEN deleted THEN FAILED (CloudFormation keeps the resource and says why)', async () => {
    const { physicalId } = await handler(event('Create', { ...LAG_PROPS, EncryptionMode: 'should_encrypt' }), {}, deps) as { physicalId: string };
    stand.failures.set('DisassociateMacSecKey', [400, 'DirectConnectClientException', 'the connection is being updated']);
    const r = await handler(event('Delete', { ...LAG_PROPS, EncryptionMode: 'should_encrypt' }, { PhysicalResourceId: physicalId }), {}, deps) as { status: string; reason: string };
    expect(r.status).toBe('FAILED');
    expect(r.reason).toMatch(/DisassociateMacSecKey on dxlag-ffabc123 failed: DirectConnectClientException: the connection is being updated/);
    expect(stand.ports.get('dxlag-ffabc123')!.encryptionMode).toBe('should_encrypt');
  });
});

describe('properties and the environment', () => {
  test('GIVEN bad properties THEN requestOf refuses naming them', () => {
    expect(() => requestOf({ ConnectionId: 'dxvif-abc12345', SecretArn: CUSTOMER_SECRET })).toThrow(/ConnectionId must be a dxcon- or dxlag- id/);
    expect(() => requestOf({ ConnectionId: 'dxcon-fgq3d2ab' })).toThrow(/exactly one of SecretArn .* and DirectConnectSecretArn/);
    expect(() => requestOf({ ConnectionId: 'dxcon-fgq3d2ab', SecretArn: CUSTOMER_SECRET, EncryptionMode: 'always' })).toThrow(/EncryptionMode must be one of no_encrypt, should_encrypt, must_encrypt, got 'always'/);
  });

  test('GIVEN a text with a 64-hex run THEN redact hides it', () => {
    expect(redact(`ckn ${CKN} and ${CAK.toUpperCase()}`)).toBe('ckn <redacted> and <redacted>');
  });

  test('GIVEN the endpoint variables WHEN the handler builds its own clients THEN it reaches the stand-in', async () => {
    process.env[ENV.directConnectEndpoint] = stand.url;
    process.env[ENV.secretsManagerEndpoint] = stand.url;
    try {
      const r = await handler(event('Create', LAG_PROPS), {}, { log: (x) => logs.push(x) }) as { status: string };
      expect(r.status).toBe('SUCCESS');
    } finally {
      delete process.env[ENV.directConnectEndpoint];
      delete process.env[ENV.secretsManagerEndpoint];
    }
  });

  test('GIVEN an event that is not a custom resource event THEN it throws', async () => {
    await expect(handler({ source: 'aws.events' }, {}, deps)).rejects.toThrow(/only takes CloudFormation custom resource events/);
  });
});
