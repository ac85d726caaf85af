/**
 * Which AWS failures stop a CLI run with one line (credentials, an endpoint out of reach) and which belong to one
 * call (access denied to one action, throttling, not found, a server error).
 */
import { credentialSource, runStopper, targetText } from '../../lib/cli/aws-errors';

const target = { region: 'eu-west-2' };
const err = (name: string, message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), { name, ...extra });

describe('runStopper', () => {
  test.each([
    ['no credentials', err('CredentialsProviderError', 'Could not load credentials from any providers'), /^no AWS credentials \((profile \S+|credentials from AWS_ACCESS_KEY_ID), Region eu-west-2\): DescribeLags: Could not load credentials/],
    ['an expired SSO token', err('TokenProviderError', 'The SSO session associated with this profile has expired'), /^no AWS credentials .*SSO session/],
    ['an expired session token', err('ExpiredTokenException', 'The security token included in the request is expired', { $metadata: { httpStatusCode: 400 } }), /^AWS refused the credentials /],
    ['an unknown access key', err('UnrecognizedClientException', 'The security token included in the request is invalid.', { $metadata: { httpStatusCode: 400 } }), /^AWS refused the credentials /],
    ['a bad signature', err('InvalidSignatureException', 'signature does not match', { $metadata: { httpStatusCode: 400 } }), /^AWS refused the credentials /],
    ['a refused connection', err('Error', 'connect ECONNREFUSED 127.0.0.1:9', { code: 'ECONNREFUSED' }), /^cannot reach the Direct Connect endpoint of eu-west-2 \(.*\): DescribeLags: connect ECONNREFUSED/],
    ['a name that does not resolve', err('Error', 'getaddrinfo ENOTFOUND directconnect.eu-west-2.amazonaws.com', { code: 'ENOTFOUND' }), /^cannot reach /],
  ])('%s stops the run', (_name, e, line) => {
    expect(runStopper('DescribeLags', e, target)).toMatch(line);
  });

  test.each([
    ['access denied to one action', err('AccessDeniedException', 'User is not authorized to perform: directconnect:DescribeLags', { $metadata: { httpStatusCode: 400 } })],
    ['throttling', err('ThrottlingException', 'Rate exceeded', { $metadata: { httpStatusCode: 400 } })],
    ['not found', err('DirectConnectClientException', 'dxlag-abcd1234 does not exist', { $metadata: { httpStatusCode: 400 } })],
    ['a server error', err('DirectConnectServerException', 'internal error', { $metadata: { httpStatusCode: 500 } })],
  ])('%s belongs to the call', (_name, e) => {
    expect(runStopper('DescribeLags', e, target)).toBeUndefined();
  });

  test('names the profile, or the key variable, and the endpoint', () => {
    expect(credentialSource({ AWS_PROFILE: 'ops' })).toBe('profile ops');
    expect(credentialSource({})).toBe('profile default');
    expect(credentialSource({ AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_PROFILE: 'ops' })).toBe('credentials from AWS_ACCESS_KEY_ID');
    expect(targetText({ region: 'eu-west-2', endpoint: 'http://127.0.0.1:4566' }, {})).toBe('profile default, Region eu-west-2, endpoint http://127.0.0.1:4566');
  });
});
