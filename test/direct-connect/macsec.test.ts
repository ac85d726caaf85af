import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  DedicatedBandwidth, DedicatedConnection, DirectConnectConnection, LinkAggregationGroup, MacsecEncryptionMode, MacsecKey,
  MacsecKeyAssociation,
} from '../../lib';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:dx-macsec-AbCdEf';
const DX_SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:directconnect!prod!us-east-1!abc';

function stack(): Stack {
  return new Stack(new App(), 'Dx', { env: { region: 'us-east-1', account: '111111111111' } });
}

function macsecConnection(s: Stack) {
  return DirectConnectConnection.fromConnectionId(s, 'Conn', 'dxcon-fgabc123', { macsecRequested: true, bandwidth: DedicatedBandwidth.GBPS_10 });
}

describe('MacsecKeyAssociation', () => {
  test('GIVEN an existing MACsec connection and your secret WHEN associated THEN a custom resource names where the key is, never the key', () => {
    // GIVEN
    const s = stack();
    // WHEN
    new MacsecKeyAssociation(s, 'Macsec', {
      connection: macsecConnection(s), key: MacsecKey.fromSecretArn(SECRET_ARN), encryptionMode: MacsecEncryptionMode.MUST_ENCRYPT,
    });
    // THEN
    const t = Template.fromStack(s);
    t.hasResourceProperties('Custom::DirectConnectMacsecKey', {
      ConnectionId: 'dxcon-fgabc123', SecretArn: SECRET_ARN, CknField: 'ckn', CakField: 'cak', EncryptionMode: 'must_encrypt',
    });
    const [custom] = Object.values(t.findResources('Custom::DirectConnectMacsecKey'));
    expect(Object.keys(custom.Properties).sort()).toEqual(['CakField', 'CknField', 'ConnectionId', 'EncryptionMode', 'SecretArn', 'ServiceToken']);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs24.x', Handler: 'index.handler', ReservedConcurrentExecutions: 1 });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    expectCfnLintClean(s);
  });

  test('GIVEN two associations in one stack WHEN synthesized THEN one handler whose policy names both connections and the secret only', () => {
    const s = stack();
    const lag = DirectConnectConnection.fromLagId(s, 'Lag', 'dxlag-ffabc123', { macsecRequested: true });
    new MacsecKeyAssociation(s, 'A', { connection: macsecConnection(s), key: MacsecKey.fromSecretArn(SECRET_ARN) });
    new MacsecKeyAssociation(s, 'B', { connection: lag, key: MacsecKey.fromDirectConnectSecretArn(DX_SECRET_ARN) });
    const t = Template.fromStack(s);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    const policies = JSON.stringify(t.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('dxcon/dxcon-fgabc123');
    expect(policies).toContain('dxlag/dxlag-ffabc123');
    expect(policies).toContain(SECRET_ARN);
    expect(policies).not.toContain(DX_SECRET_ARN); // Direct Connect reads its own secret
    expect(policies).not.toMatch(/"Resource":"\*"/);
    t.hasResourceProperties('Custom::DirectConnectMacsecKey', { ConnectionId: 'dxlag-ffabc123', DirectConnectSecretArn: DX_SECRET_ARN });
  });

  test('GIVEN an ISecret with a customer managed key WHEN associated THEN the handler may read and decrypt it', () => {
    const s = stack();
    const key = new kms.Key(s, 'SecretKey', { enableKeyRotation: true });
    const secret = new secretsmanager.Secret(s, 'Pair', { encryptionKey: key });
    new MacsecKeyAssociation(s, 'Macsec', { connection: macsecConnection(s), key: MacsecKey.fromSecret(secret, { cknField: 'name', cakField: 'key' }) });
    const t = Template.fromStack(s);
    t.hasResourceProperties('Custom::DirectConnectMacsecKey', { CknField: 'name', CakField: 'key' });
    expect(JSON.stringify(t.findResources('AWS::IAM::Policy'))).toContain('secretsmanager:GetSecretValue');
    const keyPolicy = JSON.stringify(t.findResources('AWS::KMS::Key', { Properties: { Description: Match.absent() } }));
    expect(keyPolicy).toContain('kms:Decrypt');
    expect(keyPolicy).toContain('CdkConnectDxMacsecKeyHandlerRole');
  });

  test('GIVEN the association THEN the cdk-nag packs find nothing', () => {
    const s = stack();
    new MacsecKeyAssociation(s, 'Macsec', { connection: macsecConnection(s), key: MacsecKey.fromSecretArn(SECRET_ARN) });
    expect(nagFindings(s)).toEqual([]);
  });

  test('GIVEN a hosted connection THEN refused naming macsecKey', () => {
    const s = stack();
    const hosted = DirectConnectConnection.fromConnectionId(s, 'H', 'dxcon-fh12ab34', { hosted: true });
    expect(() => new MacsecKeyAssociation(s, 'M', { connection: hosted, key: MacsecKey.fromSecretArn(SECRET_ARN) }))
      .toThrow(/^macsecKey cannot be set on a hosted connection \(MACsec is available on dedicated connections only\), got 'dxcon-fh12ab34'/);
  });

  test('GIVEN a connection without MACsec THEN refused naming macsecKey and the fix', () => {
    const s = stack();
    const plain = DirectConnectConnection.fromConnectionId(s, 'P', 'dxcon-fgabc123');
    expect(() => new MacsecKeyAssociation(s, 'M', { connection: plain, key: MacsecKey.fromSecretArn(SECRET_ARN) }))
      .toThrow(/^macsecKey needs a MACsec-capable port: set macsecRequested: true on the import/);
    expect(() => new DedicatedConnection(stack(), 'C', {
      location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10, macsecKey: MacsecKey.fromSecretArn(SECRET_ARN),
    })).toThrow(/^macsecKey needs a MACsec-capable port: set requestMacSec: true/);
  });

  test('GIVEN a secret in another Region THEN refused naming macsecKey and both Regions', () => {
    const s = stack();
    expect(() => new MacsecKeyAssociation(s, 'M', {
      connection: macsecConnection(s), key: MacsecKey.fromSecretArn('arn:aws:secretsmanager:eu-west-2:111111111111:secret:x-AbCdEf'),
    })).toThrow(/^macsecKey must be a secret in the stack's Region us-east-1 .*got one in 'eu-west-2'/);
  });

  test('GIVEN a secret ARN token (an imported secret by name) THEN it passes through', () => {
    const s = stack();
    const secret = secretsmanager.Secret.fromSecretNameV2(s, 'S', 'dx-macsec');
    expect(() => new MacsecKeyAssociation(s, 'M', { connection: macsecConnection(s), key: MacsecKey.fromSecret(secret) })).not.toThrow();
  });

  test.each([
    ['not an ARN', () => MacsecKey.fromSecretArn('dx-macsec'), /^macsecKey must be a Secrets Manager secret ARN/],
    ['a Direct Connect key that is not an ARN', () => MacsecKey.fromDirectConnectSecretArn('abc'), /^macsecKey must be a Secrets Manager secret ARN/],
    ['a JSON key with a space', () => MacsecKey.fromSecretArn(SECRET_ARN, { cknField: 'my ckn' }), /^cknField must be 1 to 256 printable ASCII characters/],
    ['an unknown mode', () => MacsecEncryptionMode.of('always'), /^encryptionMode must be one of no_encrypt, should_encrypt, must_encrypt, got 'always'/],
  ])('GIVEN %s THEN refused naming the prop', (_what, make, message) => {
    expect(make).toThrow(message);
  });

  test('GIVEN encryptionMode without macsecKey on a LAG THEN refused naming encryptionMode', () => {
    expect(() => new LinkAggregationGroup(stack(), 'L', {
      location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_10, requestMacSec: true, encryptionMode: MacsecEncryptionMode.MUST_ENCRYPT,
    })).toThrow(/^encryptionMode is set only with macsecKey .*got 'must_encrypt' without one/);
  });

  test('GIVEN a new MACsec LAG with a key WHEN synthesized THEN associated with the LAG id, with a warning to add the key once the LAG is available', () => {
    const s = stack();
    const lag = new LinkAggregationGroup(s, 'Lag', {
      location: 'EqDC2', connectionsBandwidth: DedicatedBandwidth.GBPS_100, requestMacSec: true,
      macsecKey: MacsecKey.fromSecretArn(SECRET_ARN), encryptionMode: MacsecEncryptionMode.SHOULD_ENCRYPT,
    });
    const t = Template.fromStack(s);
    t.hasResourceProperties('Custom::DirectConnectMacsecKey', {
      ConnectionId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Lag'), 'LagId'] }, EncryptionMode: 'should_encrypt',
    });
    expect(lag.macsecKeyAssociation).toBeDefined();
    const warnings = Annotations.fromStack(s).findWarning('*', Match.stringLikeRegexp('macsecKeyOnNewConnection'));
    expect(warnings).toHaveLength(1);
    expect(JSON.stringify(t.toJSON().Resources)).toMatch(/dxlag\/"/);
  });
});
