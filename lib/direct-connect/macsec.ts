/**
 * MACsec on a dedicated connection or LAG: where the CKN/CAK pair comes from (`MacsecKey`), the encryption mode
 * (`MacsecEncryptionMode`), and the custom resource that associates the key and sets the mode
 * (`MacsecKeyAssociation`; CloudFormation has no resource for either). The handler is lib/handlers/macsec-key,
 * bundled into assets/macsec-key.
 */
import * as path from 'node:path';
import { Arn, ArnFormat, CustomResource, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeInlinePolicy, acknowledgeLambdaOutsideVpc } from '../private/acknowledge';
import { enterConstruct, fail, isToken, leaveConstruct, show, warn } from '../private/errors';
import { createManagedKey, encryptedLogGroup } from '../private/kms';
import { checkProps } from '../private/prop-types';
import { ConnectionKind, IDirectConnectConnection } from './connection';
import { DX_FACTS } from '../facts/direct-connect-limits';

/**
 * The MACsec encryption mode of a connection or LAG (UpdateConnection / UpdateLag `encryptionMode`).
 *
 * ```ts
 * MacsecEncryptionMode.MUST_ENCRYPT.value; // 'must_encrypt'
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_UpdateConnection.html
 */
export class MacsecEncryptionMode {
  /** Encrypt when the MACsec key agreement succeeds; otherwise traffic flows unencrypted. */
  public static readonly SHOULD_ENCRYPT = new MacsecEncryptionMode('should_encrypt');
  /** Traffic flows only encrypted: without a working MACsec session the port stays down. */
  public static readonly MUST_ENCRYPT = new MacsecEncryptionMode('must_encrypt');
  /** No MACsec encryption. */
  public static readonly NO_ENCRYPT = new MacsecEncryptionMode('no_encrypt');

  /** The mode from its API spelling (`should_encrypt`, `must_encrypt`, `no_encrypt`); throws for anything else. */
  public static of(value: string): MacsecEncryptionMode {
    const found = [MacsecEncryptionMode.SHOULD_ENCRYPT, MacsecEncryptionMode.MUST_ENCRYPT, MacsecEncryptionMode.NO_ENCRYPT].find((m) => m.value === value);
    if (!found) fail('encryptionMode', `must be one of ${DX_FACTS.encryptionModes.values.join(', ')}, got ${show(value)}`);
    return found;
  }

  /** @param value the API spelling */
  private constructor(public readonly value: string) {}
}

/** Options of `MacsecKey.fromSecret` and `MacsecKey.fromSecretArn`. */
export interface MacsecSecretOptions {
  /**
   * JSON key of the CKN in the secret.
   * @default 'ckn'
   */
  readonly cknField?: string;
  /**
   * JSON key of the CAK in the secret.
   * @default 'cak'
   */
  readonly cakField?: string;
}

/**
 * Where the MACsec CKN/CAK pair comes from: a Secrets Manager secret you own holding the pair as JSON
 * (`{"ckn": "<64 hex>", "cak": "<64 hex>"}`), or a key Direct Connect already stores (the `secretARN` that
 * DescribeConnections / DescribeLags list, e.g. to reuse the key of another connection). The pair never appears in
 * the template: the handler reads your secret at deploy time and hands the pair to AssociateMacSecKey.
 *
 * ```ts
 * import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
 * declare const secret: secretsmanager.ISecret;
 * const key = MacsecKey.fromSecret(secret);
 * const byArn = MacsecKey.fromSecretArn('arn:aws:secretsmanager:us-east-1:111122223333:secret:dx-macsec-AbCdEf');
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/APIReference/API_AssociateMacSecKey.html
 */
export class MacsecKey {
  /** Your secret holding the CKN and CAK as JSON fields. */
  public static fromSecret(secret: secretsmanager.ISecret, options: MacsecSecretOptions = {}): MacsecKey {
    checkProps('MacsecSecretOptions', options);
    checkField('cknField', options.cknField);
    checkField('cakField', options.cakField);
    return new MacsecKey(secret.secretArn, secret, false, options.cknField ?? 'ckn', options.cakField ?? 'cak');
  }

  /**
   * Your secret, by full ARN (with its random suffix), holding the CKN and CAK as JSON fields. A secret encrypted
   * with a customer managed key needs `fromSecret` with the imported key (the handler must decrypt it).
   */
  public static fromSecretArn(secretArn: string, options: MacsecSecretOptions = {}): MacsecKey {
    checkProps('MacsecSecretOptions', options);
    checkSecretArn('macsecKey', secretArn);
    checkField('cknField', options.cknField);
    checkField('cakField', options.cakField);
    return new MacsecKey(secretArn, undefined, false, options.cknField ?? 'ckn', options.cakField ?? 'cak');
  }

  /**
   * A key Direct Connect already stores in Secrets Manager (the `secretARN` of a `macSecKeys` entry of
   * DescribeConnections or DescribeLags), passed to AssociateMacSecKey as `secretARN`: Direct Connect reads it itself.
   */
  public static fromDirectConnectSecretArn(secretArn: string): MacsecKey {
    checkSecretArn('macsecKey', secretArn);
    return new MacsecKey(secretArn, undefined, true, 'ckn', 'cak');
  }

  private constructor(
    /** ARN of the secret. */
    public readonly secretArn: string,
    private readonly secret: secretsmanager.ISecret | undefined,
    /** True for a key Direct Connect stores (sent as secretARN), false for your secret (read and sent as ckn/cak). */
    public readonly managedByDirectConnect: boolean,
    private readonly cknField: string,
    private readonly cakField: string,
  ) {}

  /** @internal the custom resource properties (where the key is, never the key) */
  public _properties(): Record<string, string> {
    return this.managedByDirectConnect
      ? { DirectConnectSecretArn: this.secretArn }
      : { SecretArn: this.secretArn, CknField: this.cknField, CakField: this.cakField };
  }

  /** @internal lets the handler read the secret (and decrypt it with its key) */
  public _grantRead(role: iam.IRole): void {
    if (this.managedByDirectConnect) return; // Direct Connect reads its own secret (service-linked role)
    if (this.secret) {
      this.secret.grantRead(role);
      return;
    }
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ReadMacsecSecret', actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [this.secretArn],
    }));
  }
}

function checkField(property: string, value: string | undefined): void {
  if (value === undefined || isToken(value)) return;
  if (!/^[\x21-\x7e]{1,256}$/.test(value)) fail(property, `must be 1 to 256 printable ASCII characters without spaces (a JSON key), got ${show(value)}`);
}

function checkSecretArn(property: string, arn: string): void {
  if (isToken(arn)) return;
  if (!/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$/.test(arn)) {
    fail(property, `must be a Secrets Manager secret ARN (arn:aws:secretsmanager:<region>:<account>:secret:<name>-<suffix>), got ${show(arn)}`);
  }
}

/** Properties of a `MacsecKeyAssociation`. */
export interface MacsecKeyAssociationProps {
  /** The dedicated connection or LAG (MACsec requested on it; never a hosted connection). */
  readonly connection: IDirectConnectConnection;
  /** Where the CKN/CAK pair comes from. */
  readonly key: MacsecKey;
  /**
   * The encryption mode to set once the key is associated.
   * @default - the mode is left as it is (AWS's default for a MACsec-capable port)
   */
  readonly encryptionMode?: MacsecEncryptionMode;
  /**
   * How long the handler's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Key that encrypts the handler's logs.
   * @default - a customer managed key created for them (one per stack)
   */
  readonly logEncryptionKey?: kms.IKey;
}

/**
 * Associates a MACsec CKN/CAK pair with a dedicated connection or LAG and sets its encryption mode, with a custom
 * resource (CloudFormation has no resource for either); removing it disassociates the key. A new key (rotation)
 * is associated before the old one is removed.
 *
 * ```ts
 * import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
 * declare const lag: LinkAggregationGroup; // requestMacSec: true
 * declare const secret: secretsmanager.ISecret;
 * new MacsecKeyAssociation(this, 'Macsec', {
 *   connection: lag,
 *   key: MacsecKey.fromSecret(secret),
 *   encryptionMode: MacsecEncryptionMode.MUST_ENCRYPT,
 * });
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-mac-sec-getting-started.html
 */
export class MacsecKeyAssociation extends Construct {
  /** The custom resource. */
  public readonly resource: CustomResource;
  /** ARN of the secret Direct Connect keeps the associated pair in (known after deployment). */
  public readonly directConnectSecretArn: string;
  /** The encryption mode set, if any. */
  public readonly encryptionMode?: MacsecEncryptionMode;

  constructor(scope: Construct, id: string, props: MacsecKeyAssociationProps) {
    super(scope, id);
    enterConstruct(this);
    checkProps('MacsecKeyAssociationProps', props);
    checkMacsecTarget(props.connection);
    checkSecretRegion(this, props.key);
    if (props.connection.createdInThisStack) {
      warn(this, 'macsecKeyOnNewConnection', `the MACsec key is associated at deploy time, but ${props.connection.node.path} is created in this app: `
        + 'a new connection or LAG stays \'requested\' until AWS provisions the port, and the key association then fails (the handler refuses it). '
        + 'Deploy without macsecKey first, and add it once `cdk-connect-dx status` shows the connection available.');
    }
    this.encryptionMode = props.encryptionMode;

    const provider = MacsecKeyProvider.of(this, props);
    provider.allow(props.connection, props.key);
    this.resource = new CustomResource(this, 'Resource', {
      serviceToken: provider.fn.functionArn,
      resourceType: 'Custom::DirectConnectMacsecKey',
      properties: {
        ConnectionId: connectionIdOf(props.connection),
        ...props.key._properties(),
        ...(props.encryptionMode ? { EncryptionMode: props.encryptionMode.value } : {}),
      },
    });
    this.resource.node.addDependency(provider.role);
    this.directConnectSecretArn = this.resource.getAttString('SecretArn');
    leaveConstruct(this);
  }
}

/** MACsec only on a dedicated connection or LAG that requested it (the port's speed and location were checked then). */
function checkMacsecTarget(connection: IDirectConnectConnection): void {
  if (connection.kind === ConnectionKind.HOSTED) {
    fail('macsecKey', `cannot be set on a hosted connection (MACsec is available on dedicated connections only), got ${show(connection.connectionId)}`);
  }
  if (!connection.macsecRequested) {
    const fix = connection.createdInThisStack ? 'requestMacSec: true' : 'macsecRequested: true on the import';
    fail('macsecKey', `needs a MACsec-capable port: set ${fix} (a ${DX_FACTS.macsecGbps.values.map((g) => `${g}Gbps`).join(', ')} dedicated port `
      + `at a location that offers MACsec), got a connection without MACsec: ${show(connection.node.path)}`);
  }
}

/** The secret must be in the stack's Region: the handler and Direct Connect read it there. */
function checkSecretRegion(scope: IConstruct, key: MacsecKey): void {
  const region = Stack.of(scope).region;
  if (isToken(key.secretArn) || isToken(region)) return;
  const secretRegion = Arn.split(key.secretArn, ArnFormat.COLON_RESOURCE_NAME).region;
  if (secretRegion !== region) {
    fail('macsecKey', `must be a secret in the stack's Region ${region} (where the connection lives and AssociateMacSecKey runs), `
      + `got one in ${show(secretRegion)}: ${show(key.secretArn)}; replicate the secret to ${region} and name the replica`);
  }
}

/** The `dxcon-`/`dxlag-` id (the handler takes ids); an ARN is cut to its id. */
function connectionIdOf(connection: IDirectConnectConnection): string {
  const id = connection.connectionId;
  if (Token.isUnresolved(id) || !id.startsWith('arn:')) return id;
  return id.split('/').pop()!;
}

/** The connection's or LAG's ARN, for the IAM statements. */
function connectionArnOf(scope: IConstruct, connection: IDirectConnectConnection): string {
  const id = connection.connectionId;
  if (!Token.isUnresolved(id) && id.startsWith('arn:')) return id;
  const lag = connection.kind === ConnectionKind.LAG;
  return Stack.of(scope).formatArn({ service: 'directconnect', resource: lag ? 'dxlag' : 'dxcon', resourceName: id, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

/** One handler function per stack, with a statement per connection and secret it may touch. */
class MacsecKeyProvider extends Construct {
  public static of(scope: IConstruct, props: MacsecKeyAssociationProps): MacsecKeyProvider {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(MacsecKeyProvider.ID) as MacsecKeyProvider | undefined;
    return existing ?? new MacsecKeyProvider(stack, MacsecKeyProvider.ID, props);
  }

  private static readonly ID = 'CdkConnectDxMacsecKeyHandler';
  public readonly fn: lambda.Function;
  public readonly role: iam.Role;
  private readonly connectionArns: string[] = [];
  private readonly dxStatement: iam.PolicyStatement;

  private constructor(scope: Construct, id: string, props: MacsecKeyAssociationProps) {
    super(scope, id);
    const key = props.logEncryptionKey ?? createManagedKey(this, 'LogKey', {
      description: 'Encrypts the logs of the cdk-connect-dx MACsec key handler',
      cloudWatchLogs: true,
    });
    const logGroup = encryptedLogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR, encryptionKey: key });
    // Execution role: no source conditions, for the reason given at the sync function's role (prefix-lists/sync-function.ts).
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'cdk-connect-dx MACsec key handler: associates keys with the named connections and LAGs only',
    });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [logGroup.logGroupArn],
    }));
    this.dxStatement = new iam.PolicyStatement({
      sid: 'MacsecOnNamedConnections',
      actions: [
        'directconnect:AssociateMacSecKey', 'directconnect:DisassociateMacSecKey',
        'directconnect:DescribeConnections', 'directconnect:DescribeLags',
        'directconnect:UpdateConnection', 'directconnect:UpdateLag',
      ],
    });
    this.role.addToPrincipalPolicy(this.dxStatement);
    const stack = Stack.of(this);
    // AssociateMacSecKey keeps the pair in a secret Direct Connect manages in this account (DX_FACTS.macsecServiceSecret)
    // and reads it through its service-linked role, which the first association creates.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'DirectConnectServiceLinkedRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [stack.formatArn({
        service: 'iam', region: '', resource: 'role',
        resourceName: `aws-service-role/${DX_FACTS.macsecServiceSecret.servicePrincipal}/${DX_FACTS.macsecServiceSecret.serviceLinkedRole}`,
      })],
      conditions: { StringLike: { 'iam:AWSServiceName': DX_FACTS.macsecServiceSecret.servicePrincipal } },
    }));
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*]',
      reason: 'Not a wildcard grant: the log statement names the handler\'s own log group; CloudWatch Logs appends ":*" to a log group ARN for its streams.',
    });
    acknowledgeInlinePolicy(this.role, 'the handler\'s own log group, the MACsec secrets and the Direct Connect connections and LAGs it is given');

    this.fn = new lambda.Function(this, 'Function', {
      description: 'cdk-connect-dx: associates MACsec keys with Direct Connect connections and LAGs (custom resource)',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'macsec-key')),
      role: this.role,
      memorySize: 256,
      timeout: Duration.minutes(2),
      reservedConcurrentExecutions: 1,
      logGroup,
      loggingFormat: lambda.LoggingFormat.TEXT,
      environment: { NODE_OPTIONS: '--enable-source-maps' },
    });
    acknowledgeLambdaOutsideVpc(this.fn, 'the regional Direct Connect and Secrets Manager APIs');
    for (const id of ['NIST.800.53.R5-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'PCI.DSS.321-LambdaDLQ', 'cdk-validator-cfnguard::lambda_dlq_check']) {
      Validations.of(this.fn).acknowledge({
        id, reason: 'A custom resource handler is invoked synchronously by CloudFormation, which receives every failure in the response; a dead-letter queue only serves asynchronous invocations.',
      });
    }
  }

  /** Adds a connection or LAG and the secret to what the handler may use. */
  public allow(connection: IDirectConnectConnection, key: MacsecKey): void {
    const arn = connectionArnOf(this, connection);
    if (!this.connectionArns.includes(arn)) this.connectionArns.push(arn);
    this.dxStatement.addResources(arn);
    key._grantRead(this.role);
  }
}

