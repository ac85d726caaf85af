/**
 * Failures that stop a whole CLI run that calls AWS: no credentials, credentials AWS refuses, an endpoint that
 * cannot be reached. Each is said once, on one line naming the cause and the profile, Region (and endpoint) used,
 * with exit 1 (the dispatcher prints a thrown error that way), instead of once per call or per Region.
 * Shared by `status`, `locations --live`, `failover-test` and `sync`.
 */

/** The SDK client part these helpers read: its credential provider. */
export interface CredentialedClient {
  readonly config: { credentials: () => Promise<unknown> };
}

/** Where the calls went: Region and, for emulators and VPC endpoints, the endpoint. */
export interface AwsTarget {
  readonly region: string;
  readonly endpoint?: string;
}

/** Error names (SDK and AWS) that mean the credentials are missing, expired or not accepted. */
const CREDENTIAL_ERRORS = /^(CredentialsProviderError|TokenProviderError|ExpiredToken(Exception)?|InvalidClientTokenId|UnrecognizedClientException|InvalidSignatureException|SignatureDoesNotMatch|AuthFailure|IncompleteSignature(Exception)?|MissingAuthenticationToken|TokenRefreshRequired)$/;

/** Node error codes for an endpoint that cannot be reached (nothing was received). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);

/** Which credentials the SDK's default chain uses, as a user would name them. */
export function credentialSource(env: Readonly<Record<string, string | undefined>> = process.env): string {
  if (env.AWS_ACCESS_KEY_ID) return 'credentials from AWS_ACCESS_KEY_ID';
  return `profile ${env.AWS_PROFILE || env.AWS_DEFAULT_PROFILE || 'default'}`;
}

/** `profile default, Region eu-west-1` (with `, endpoint URL` when one was given). */
export function targetText(target: AwsTarget, env?: Readonly<Record<string, string | undefined>>): string {
  return `${credentialSource(env)}, Region ${target.region}${target.endpoint ? `, endpoint ${target.endpoint}` : ''}`;
}

function firstLine(e: unknown): string {
  const err = e as { message?: string };
  return String(err?.message ?? e).split('\n')[0].replace(/\s+/g, ' ').trim().slice(0, 300);
}

/** True when the error says the credentials are missing or refused. */
export function isCredentialError(e: unknown): boolean {
  const name = (e as { name?: string })?.name ?? '';
  return CREDENTIAL_ERRORS.test(name) || /Could not load credentials from any providers/.test(firstLine(e));
}

/** True when no answer came back because the endpoint could not be reached (refused, not found, reset, timed out). */
export function isNetworkError(e: unknown): boolean {
  const err = e as { code?: string; name?: string; errno?: string; $metadata?: { httpStatusCode?: number } };
  if (err?.$metadata?.httpStatusCode !== undefined) return false;
  const code = err?.code ?? err?.errno;
  return (code !== undefined && NETWORK_CODES.has(code)) || err?.name === 'TimeoutError'
    || /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|ETIMEDOUT)\b/.test(firstLine(e));
}

/**
 * The one line for a failure that stops the run (credentials or endpoint), or undefined when the failure belongs to
 * one call (access denied to one action, a throttled call, a missing resource).
 */
export function runStopper(call: string, e: unknown, target: AwsTarget): string | undefined {
  if (isCredentialError(e)) {
    const what = /ProviderError$/.test((e as { name?: string }).name ?? '') ? 'no AWS credentials' : 'AWS refused the credentials';
    return `${what} (${targetText(target)}): ${call}: ${firstLine(e)}; set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run aws sso login`;
  }
  if (isNetworkError(e)) {
    const where = target.endpoint ?? `the Direct Connect endpoint of ${target.region}`;
    return `cannot reach ${where} (${targetText(target)}): ${call}: ${firstLine(e)}`;
  }
  return undefined;
}

/** Thrown for a failure that stops the run; the dispatcher prints its message on one line, exit 1. */
export class AwsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwsUnavailableError';
  }
}

/**
 * Resolves the client's credentials before the first call, so a run without credentials fails once, naming the
 * profile and Region, before anything is read or written.
 */
export async function requireCredentials(client: CredentialedClient, target: AwsTarget): Promise<void> {
  try {
    await client.config.credentials();
  } catch (e) {
    throw new AwsUnavailableError(runStopper('resolving credentials', e, target)
      ?? `no AWS credentials (${targetText(target)}): ${firstLine(e)}`);
  }
}
