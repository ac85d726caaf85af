/**
 * Custom resource handler of MacsecKeyAssociation: associates a MACsec CKN/CAK pair with a dedicated connection or
 * LAG (AssociateMacSecKey), sets its encryption mode (UpdateConnection / UpdateLag `encryptionMode`), and
 * disassociates the key on delete (DisassociateMacSecKey). Bundled by scripts/bundle.mjs into assets/macsec-key.
 *
 * Resource properties (set by the construct; no key material, only where it is):
 *   ConnectionId      dxcon-... or dxlag-...
 *   SecretArn         the customer's secret holding the pair as JSON; read with GetSecretValue, sent as ckn/cak
 *   CknField/CakField the JSON keys of that secret (default ckn, cak)
 *   DirectConnectSecretArn  a key Direct Connect already stores (sent as secretARN; instead of SecretArn)
 *   EncryptionMode    no_encrypt | should_encrypt | must_encrypt (optional)
 *
 * The physical id is `<connection id>|<ARN of the secret Direct Connect keeps the pair in>`: a new key or connection
 * gives a new id, so CloudFormation deletes (disassociates) the old association after the new one is in place.
 *
 * The CKN and CAK are never logged, never returned in Data or a Reason, and never put in an error message.
 */
import { DirectConnectClient, AssociateMacSecKeyCommand, DescribeConnectionsCommand, DescribeLagsCommand, DisassociateMacSecKeyCommand, UpdateConnectionCommand, UpdateLagCommand, MacSecKey } from '@aws-sdk/client-direct-connect';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DX_FACTS } from '../../facts/direct-connect-limits';
import { CfnEvent, isCfnEvent, respond } from '../shared/cfn-response';
import { createDirectConnectClient, isNotFound } from '../shared/direct-connect-read';

/** Environment variables: endpoints of stand-ins (tests only). */
export const ENV = {
  directConnectEndpoint: 'DX_ENDPOINT_URL',
  secretsManagerEndpoint: 'SECRETS_MANAGER_ENDPOINT_URL',
} as const;

/** States in which a connection or LAG takes a key (AWS provisioned the port). */
const READY_STATES = ['available', 'down'];

/** What the construct asks for. */
export interface MacsecRequest {
  readonly connectionId: string;
  readonly secretArn?: string;
  readonly cknField: string;
  readonly cakField: string;
  readonly directConnectSecretArn?: string;
  readonly encryptionMode?: string;
}

/** A failure whose message is safe to log and to send to CloudFormation (it never holds key material). */
export class MacsecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MacsecError';
  }
}

/** Collaborators; tests replace them. */
export interface MacsecDeps {
  readonly dx: DirectConnectClient;
  readonly secrets: SecretsManagerClient;
  readonly log: (record: Record<string, unknown>) => void;
}

/** Reads and checks the resource properties. */
export function requestOf(props: Record<string, unknown> | undefined): MacsecRequest {
  const p = props ?? {};
  const str = (k: string) => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);
  const connectionId = str('ConnectionId');
  if (!connectionId || !/^dx(con|lag)-[a-zA-Z0-9]{8,21}$/.test(connectionId)) {
    throw new MacsecError(`ConnectionId must be a dxcon- or dxlag- id, got '${connectionId ?? ''}'`);
  }
  const secretArn = str('SecretArn');
  const directConnectSecretArn = str('DirectConnectSecretArn');
  if ((secretArn === undefined) === (directConnectSecretArn === undefined)) {
    throw new MacsecError('give exactly one of SecretArn (your secret holding the CKN/CAK) and DirectConnectSecretArn (a key Direct Connect stores)');
  }
  const encryptionMode = str('EncryptionMode');
  if (encryptionMode !== undefined && !DX_FACTS.encryptionModes.values.includes(encryptionMode)) {
    throw new MacsecError(`EncryptionMode must be one of ${DX_FACTS.encryptionModes.values.join(', ')}, got '${encryptionMode}'`);
  }
  return { connectionId, secretArn, directConnectSecretArn, encryptionMode, cknField: str('CknField') ?? 'ckn', cakField: str('CakField') ?? 'cak' };
}

/**
 * The CKN and CAK from the customer's secret: a JSON object with the two fields, each 64 hexadecimal characters.
 * Errors name the secret and the field, never the value.
 */
export async function readPair(deps: MacsecDeps, req: MacsecRequest): Promise<{ ckn: string; cak: string }> {
  let text: string | undefined;
  try {
    text = (await deps.secrets.send(new GetSecretValueCommand({ SecretId: req.secretArn }))).SecretString;
  } catch (e) {
    throw new MacsecError(`GetSecretValue on ${req.secretArn} failed: ${(e as Error).name}`);
  }
  if (text === undefined) throw new MacsecError(`secret ${req.secretArn} has no SecretString (a binary secret cannot hold the CKN/CAK JSON)`);
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new MacsecError(`secret ${req.secretArn} must be a JSON object {"${req.cknField}": "...", "${req.cakField}": "..."}; its value is not JSON (not shown)`);
  }
  const field = (name: string, rule: RegExp): string => {
    const v = json?.[name];
    if (typeof v !== 'string') throw new MacsecError(`secret ${req.secretArn} has no string field "${name}"`);
    if (!rule.test(v)) {
      const why = v.length !== 64 ? `${v.length} characters` : 'characters other than 0-9, a-f';
      throw new MacsecError(`field "${name}" of secret ${req.secretArn} must be ${DX_FACTS.macsecKey.text}, got ${why} (value not shown)`);
    }
    return v;
  };
  return { ckn: field(req.cknField, DX_FACTS.macsecKey.ckn), cak: field(req.cakField, DX_FACTS.macsecKey.cak) };
}

const isLag = (id: string) => id.startsWith('dxlag-');

/** State and associated keys of the connection or LAG. */
async function describe(deps: MacsecDeps, id: string): Promise<{ state?: string; keys: MacSecKey[] } | undefined> {
  try {
    if (isLag(id)) {
      const lag = (await deps.dx.send(new DescribeLagsCommand({ lagId: id }))).lags?.find((l) => l.lagId === id);
      return lag ? { state: lag.lagState, keys: lag.macSecKeys ?? [] } : undefined;
    }
    const c = (await deps.dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections?.find((x) => x.connectionId === id);
    return c ? { state: c.connectionState, keys: c.macSecKeys ?? [] } : undefined;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

async function setMode(deps: MacsecDeps, id: string, mode: string): Promise<void> {
  if (isLag(id)) await deps.dx.send(new UpdateLagCommand({ lagId: id, encryptionMode: mode }));
  else await deps.dx.send(new UpdateConnectionCommand({ connectionId: id, encryptionMode: mode }));
}

/** An AWS error in words, without anything from the request. */
function apiError(call: string, id: string, e: unknown): MacsecError {
  const err = e as { name?: string; message?: string };
  return new MacsecError(`${call} on ${id} failed: ${err.name ?? 'Error'}: ${redact(err.message ?? '').slice(0, 300)}`);
}

/** Removes anything shaped like a CKN or CAK (64 hex digits) from a text taken from elsewhere. */
export function redact(text: string): string {
  return text.replace(/[0-9a-fA-F]{64}/g, '<redacted>');
}

/** Associates the key and sets the mode; returns the ARN of the secret Direct Connect keeps the pair in. */
export async function associate(deps: MacsecDeps, req: MacsecRequest): Promise<string> {
  const id = req.connectionId;
  const current = await describe(deps, id);
  if (!current) throw new MacsecError(`${id} does not exist in this account and Region`);
  if (!READY_STATES.includes(current.state ?? '')) {
    throw new MacsecError(`${id} is '${current.state}': a MACsec key is associated once AWS provisioned the port (available or down). `
      + 'Deploy without macsecKey until `cdk-connect-dx status` shows the connection available, then add it');
  }
  const input = req.directConnectSecretArn
    ? { connectionId: id, secretARN: req.directConnectSecretArn }
    : { connectionId: id, ...(await readPair(deps, req)) };
  let keys: MacSecKey[];
  try {
    keys = (await deps.dx.send(new AssociateMacSecKeyCommand(input))).macSecKeys ?? [];
  } catch (e) {
    throw apiError('AssociateMacSecKey', id, e);
  }
  // The response lists the connection's keys; the new one is not disassociated (several may exist during a rotation).
  const fresh = req.directConnectSecretArn
    ? keys.find((k) => k.secretARN === req.directConnectSecretArn)
    : keys.find((k) => k.ckn === (input as { ckn: string }).ckn) ?? keys[keys.length - 1];
  if (!fresh?.secretARN) throw new MacsecError(`AssociateMacSecKey on ${id} returned no secretARN for the key`);
  deps.log({ level: 'info', msg: 'key associated', connectionId: id, secretARN: fresh.secretARN, state: fresh.state });
  if (req.encryptionMode) {
    try {
      await setMode(deps, id, req.encryptionMode);
    } catch (e) {
      // A failed create leaves nothing behind: CloudFormation's rollback gets no association to remove.
      const failed = apiError(isLag(id) ? 'UpdateLag' : 'UpdateConnection', id, e);
      try {
        await deps.dx.send(new DisassociateMacSecKeyCommand({ connectionId: id, secretARN: fresh.secretARN }));
        throw new MacsecError(`${failed.message} (the key just associated was disassociated again)`);
      } catch (undo) {
        if (undo instanceof MacsecError) throw undo;
        throw new MacsecError(`${failed.message}; disassociating the key just associated failed too (${(undo as Error).name}): `
          + `remove it with aws directconnect disassociate-mac-sec-key --connection-id ${id} --secret-arn ${fresh.secretARN}`);
      }
    }
    deps.log({ level: 'info', msg: 'encryption mode set', connectionId: id, encryptionMode: req.encryptionMode });
  }
  return fresh.secretARN;
}

/**
 * Disassociates the key of a physical id. Already gone (connection, LAG or key) counts as done. When the mode was
 * must_encrypt and no key is left, the mode goes back to should_encrypt first: must_encrypt without a key keeps the
 * port down. (During a key rotation the new key is already associated, so the mode is left alone.)
 */
export async function disassociate(deps: MacsecDeps, physicalId: string, req: MacsecRequest | undefined): Promise<string> {
  const [id, secretArn] = physicalId.split('|');
  if (!id || !secretArn || !/^dx(con|lag)-/.test(id)) return 'nothing was associated';
  const current = await describe(deps, id);
  if (!current) return `${id} no longer exists`;
  const ours = current.keys.find((k) => k.secretARN === secretArn);
  if (!ours || ours.state === 'disassociated' || ours.state === 'disassociating') return 'key already disassociated';
  const others = current.keys.filter((k) => k.secretARN !== secretArn && (k.state === 'associated' || k.state === 'associating'));
  if (req?.encryptionMode === 'must_encrypt' && others.length === 0) {
    try {
      await setMode(deps, id, 'should_encrypt');
    } catch (e) {
      throw apiError(isLag(id) ? 'UpdateLag' : 'UpdateConnection', id, e);
    }
    deps.log({ level: 'info', msg: 'encryption mode relaxed before removing the last key', connectionId: id, encryptionMode: 'should_encrypt' });
  }
  try {
    await deps.dx.send(new DisassociateMacSecKeyCommand({ connectionId: id, secretARN: secretArn }));
  } catch (e) {
    if (isNotFound(e)) return 'key already disassociated';
    throw apiError('DisassociateMacSecKey', id, e);
  }
  deps.log({ level: 'info', msg: 'key disassociated', connectionId: id, secretARN: secretArn });
  return `key ${secretArn} disassociated from ${id}`;
}

/** What the key source is, for comparing two property sets. */
const keySource = (r: MacsecRequest) => [r.connectionId, r.secretArn, r.cknField, r.cakField, r.directConnectSecretArn].join('|');

/** One custom resource event: returns the response it sent. */
export async function onEvent(event: CfnEvent, deps: MacsecDeps): Promise<{ status: 'SUCCESS' | 'FAILED'; physicalId: string; reason: string }> {
  let physicalId = event.PhysicalResourceId ?? `${event.LogicalResourceId}-not-associated`;
  let reason: string;
  let status: 'SUCCESS' | 'FAILED' = 'SUCCESS';
  const data: Record<string, string> = {};
  try {
    if (event.RequestType === 'Delete') {
      let req: MacsecRequest | undefined;
      try {
        req = requestOf(event.ResourceProperties);
      } catch {
        req = undefined;
      }
      reason = await disassociate(deps, physicalId, req);
    } else {
      const req = requestOf(event.ResourceProperties);
      const old = event.RequestType === 'Update' ? safeRequest(event.OldResourceProperties) : undefined;
      if (old && keySource(old) === keySource(req) && physicalId.includes('|')) {
        // Only the mode changed: the association stays.
        if (req.encryptionMode && req.encryptionMode !== old.encryptionMode) {
          try {
            await setMode(deps, req.connectionId, req.encryptionMode);
          } catch (e) {
            throw apiError(isLag(req.connectionId) ? 'UpdateLag' : 'UpdateConnection', req.connectionId, e);
          }
        }
        reason = `encryption mode ${req.encryptionMode ?? 'unchanged'}`;
      } else {
        const secretArn = await associate(deps, req);
        physicalId = `${req.connectionId}|${secretArn}`;
        reason = `key associated with ${req.connectionId}`;
      }
      data.SecretArn = physicalId.split('|')[1] ?? '';
      data.ConnectionId = req.connectionId;
    }
  } catch (e) {
    status = 'FAILED';
    // Only MacsecError messages are built here (no key material); anything else is reported by name and message.
    const err = e as Error;
    reason = redact(e instanceof MacsecError ? err.message : `${err.name}: ${err.message}`).slice(0, 3500);
    deps.log({ level: 'error', msg: `${event.RequestType} failed`, error: reason });
    if (event.RequestType === 'Create') physicalId = `${event.LogicalResourceId}-not-associated`;
  }
  await respond(event, status, physicalId, reason, status === 'SUCCESS' ? data : {});
  return { status, physicalId, reason };
}

function safeRequest(props: Record<string, unknown> | undefined): MacsecRequest | undefined {
  try {
    return requestOf(props);
  } catch {
    return undefined;
  }
}

/** Writes one JSON log line (never with key material: callers pass ids, ARNs, states and messages only). */
export function jsonLog(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
}

/** Lambda entry point. */
export async function handler(event: unknown, _context: unknown = {}, deps: Partial<MacsecDeps> = {}): Promise<unknown> {
  if (!isCfnEvent(event)) throw new Error('the MACsec key handler only takes CloudFormation custom resource events');
  const dxEndpoint = process.env[ENV.directConnectEndpoint];
  const smEndpoint = process.env[ENV.secretsManagerEndpoint];
  const dx = deps.dx ?? createDirectConnectClient(dxEndpoint ? { endpoint: dxEndpoint } : {});
  const secrets = deps.secrets ?? new SecretsManagerClient({ maxAttempts: 3, ...(smEndpoint ? { endpoint: smEndpoint } : {}) });
  try {
    return await onEvent(event, { dx, secrets, log: deps.log ?? jsonLog });
  } finally {
    if (!deps.dx) dx.destroy();
    if (!deps.secrets) secrets.destroy();
  }
}
