/** The CloudFormation custom resource event and its response (a PUT to the pre-signed URL), shared by the handlers. */
import * as http from 'node:http';
import * as https from 'node:https';

/** The fields of a custom resource event the handlers read. */
export interface CfnEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties?: Record<string, unknown>;
  readonly OldResourceProperties?: Record<string, unknown>;
}

/** True for a custom resource event. */
export function isCfnEvent(e: unknown): e is CfnEvent {
  const x = e as Partial<CfnEvent>;
  return typeof x?.RequestType === 'string' && typeof x.ResponseURL === 'string';
}

/**
 * PUTs the custom resource response to the pre-signed URL CloudFormation gave, giving up after `timeoutMs` in all
 * (connect, send and answer together). The prefix list sync passes the time its invocation has left; the MACsec key
 * handler the default.
 */
export function respond(
  event: CfnEvent, status: 'SUCCESS' | 'FAILED', physicalId: string, reason: string, data: Record<string, string>, timeoutMs = 30000,
): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  const url = new URL(event.ResponseURL);
  const lib = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`response PUT returned HTTP ${res.statusCode}`))));
      },
    );
    const timer = setTimeout(() => req.destroy(new Error(`response PUT to CloudFormation did not complete within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end(body);
  });
}
