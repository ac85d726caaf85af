/**
 * The choices that decide which Amazon Connect endpoints an allow list needs beyond the Contact Control Panel
 * itself: how agents sign in (`SignInMode`) and which optional features are on (`ConnectFeature`).
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/new-signin-experience.html
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/update-your-connect-domain.html
 */
import { fail, show } from '../private/fail';
import { isUnresolved as isToken } from '../private/unresolved';
import { checkProps } from '../private/prop-types';

/**
 * How the instance's agents sign in. It decides the sign-in hosts of the allow list.
 *
 * ```ts
 * const mode = SignInMode.fromName('SAML');
 * mode.name; // 'SAML'
 * ```
 */
export class SignInMode {
  /**
   * The new sign-in experience (AWS Sign-In hosts `*.signin.aws`, `*.apps.signin.aws`,
   * `*.threat-mitigation.aws.amazon.com` and S3 dual-stack in us-east-1, us-west-2 and the instance Region) on the
   * `{alias}.my.connect.aws` domain. The default for instances that do not use SAML: new instances use it since
   * 7 April 2026 and AWS moves every remaining non-SAML instance by 7 October 2026.
   */
  public static readonly NEW = new SignInMode('NEW');
  /**
   * The earlier sign-in page on the old `{alias}.awsapps.com/connect` domain, for an instance not yet moved: adds
   * the `awsapps.com` hosts beside `{alias}.my.connect.aws` (which AWS redirects to) and no new sign-in hosts.
   */
  public static readonly LEGACY_AWSAPPS = new SignInMode('LEGACY_AWSAPPS');
  /**
   * SAML 2.0 federation: agents sign in at the AWS sign-in endpoint (`signin.aws.amazon.com` or
   * `{region}.signin.aws.amazon.com`; `signin.amazonaws-us-gov.com` in GovCloud) and reach the instance at
   * `{alias}.my.connect.aws`. The new sign-in experience does not apply, nor do the extra static-content hosts AWS
   * lists for instances without SAML.
   */
  public static readonly SAML = new SignInMode('SAML');

  /** Every mode. */
  public static all(): SignInMode[] {
    return [SignInMode.NEW, SignInMode.LEGACY_AWSAPPS, SignInMode.SAML];
  }

  /** The mode with this name (`NEW`, `LEGACY_AWSAPPS` or `SAML`, case-insensitive); throws for anything else. */
  public static fromName(name: string): SignInMode {
    const found = SignInMode.all().find((m) => m.name === String(name).toUpperCase());
    if (!found) fail('signInMode', `must be one of ${SignInMode.all().map((m) => m.name).join(', ')}, got ${show(name)}`);
    return found;
  }

  /** @param name `NEW`, `LEGACY_AWSAPPS` or `SAML` */
  private constructor(public readonly name: string) {}
}

/** Options of `ConnectFeature.globalResiliency`. */
export interface GlobalResiliencyOptions {
  /**
   * The source Region of the Global Resiliency pair (where the instance was created; its replica is in the other
   * Region of the pair). AWS documents the pairs us-east-1 / us-west-2 and eu-central-1 / eu-west-2 (either way
   * round) and ap-northeast-1 -> ap-northeast-3 (Osaka is a replica Region only).
   */
  readonly sourceRegion: string;
  /**
   * The instance id used in the Global Resiliency sign-in domain `{instance-id}.{source-region}.sign-in.connect.aws`:
   * a lower-case UUID, the last part of the instance ARN.
   */
  readonly instanceId: string;
}

/**
 * An optional Amazon Connect feature with its own endpoints. Each adds exactly its rows to the domain list and IP
 * rules; none is on by default.
 *
 * ```ts
 * const features = [
 *   ConnectFeature.VIDEO_CALLING,
 *   ConnectFeature.attachments('my-chat-attachments'),
 *   ConnectFeature.globalResiliency({ sourceRegion: 'us-east-1', instanceId: '12345678-aaaa-bbbb-cccc-123456789012' }),
 * ];
 * ```
 */
export class ConnectFeature {
  /**
   * In-app, web and video calling: `*.chime.aws` (TCP 443) and the Amazon Chime SDK media subnet 99.77.128.0/18
   * (UDP 3478, and TCP 443 in IP_RANGES mode) as a CIDR rule.
   *
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/videocalling-networking-requirements.html
   */
  public static readonly VIDEO_CALLING = new ConnectFeature('VIDEO_CALLING');
  /**
   * Screen recording: `{alias}.my.connect.aws/taps/client/auth` (client application),
   * `connect-recording-staging-*.s3.dualstack.{region}.amazonaws.com` (uploads) and `screenrecording.connect.aws`
   * (endpoint list and browser extension updates).
   *
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/sr-system-req.html
   */
  public static readonly SCREEN_RECORDING = new ConnectFeature('SCREEN_RECORDING');
  /**
   * Agent scheduling uploads of time-off balances and allowances (two `bm-prod-{region}-cell-N-uploadservice-staging`
   * S3 hosts).
   */
  public static readonly SCHEDULING_UPLOADS = new ConnectFeature('SCHEDULING_UPLOADS');

  /**
   * Global Resiliency: `{instance-id}.{source-region}.sign-in.connect.aws` and
   * `*.{source-region}.region-discovery.connect.aws`, for a documented pair. The catalog's Region must be the source
   * Region or its replica Region.
   *
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/setup-connect-global-resiliency.html
   */
  public static globalResiliency(options: GlobalResiliencyOptions): ConnectFeature {
    checkProps('GlobalResiliencyOptions', options);
    const instanceId = options.instanceId;
    // An instance id is a UUID; it becomes one DNS label here.
    if (!isToken(instanceId) && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(instanceId)) {
      fail('globalResiliency.instanceId', 'must be an Amazon Connect instance id (a lower-case UUID such as ' +
        `'12345678-aaaa-bbbb-cccc-123456789012', the last part of the instance ARN), got ${show(instanceId)}`);
    }
    if (isToken(options.sourceRegion)) {
      fail('globalResiliency.sourceRegion', 'must be a literal Region (the pair is checked at synth time), got an unresolved token');
    }
    return new ConnectFeature('GLOBAL_RESILIENCY', { 'source-region': options.sourceRegion, 'instance-id': instanceId });
  }

  /**
   * Chat attachments in your S3 bucket: `{bucket}.s3.{region}.amazonaws.com`.
   *
   * @param bucket the S3 bucket that holds the attachments
   */
  public static attachments(bucket: string): ConnectFeature {
    if (!isToken(bucket) && (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || /\.\.|^\d+\.\d+\.\d+\.\d+$/.test(bucket))) {
      // General purpose bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
      fail('attachments.bucket', 'must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens, ' +
        `starting and ending with a letter or digit), got ${show(bucket)}`);
    }
    return new ConnectFeature('ATTACHMENTS', { bucket });
  }

  /** The names `fromName` accepts (features that take no value). */
  public static simpleNames(): string[] {
    return [ConnectFeature.VIDEO_CALLING, ConnectFeature.SCREEN_RECORDING, ConnectFeature.SCHEDULING_UPLOADS].map((f) => f.name);
  }

  /**
   * The feature with this name, for the features that take no value (`VIDEO_CALLING`, `SCREEN_RECORDING`,
   * `SCHEDULING_UPLOADS`; case-insensitive). Use `attachments()` and `globalResiliency()` for the others.
   */
  public static fromName(name: string): ConnectFeature {
    const upper = String(name).toUpperCase();
    const found = [ConnectFeature.VIDEO_CALLING, ConnectFeature.SCREEN_RECORDING, ConnectFeature.SCHEDULING_UPLOADS]
      .find((f) => f.name === upper);
    if (found) return found;
    const hint = upper === 'ATTACHMENTS' ? ' (ATTACHMENTS needs its bucket: ConnectFeature.attachments(bucket))'
      : upper === 'GLOBAL_RESILIENCY' ? ' (GLOBAL_RESILIENCY needs its pair: ConnectFeature.globalResiliency({...}))' : '';
    return fail('features', `must name one of ${ConnectFeature.simpleNames().join(', ')}, got ${show(name)}${hint}`);
  }

  /**
   * @param name the feature name
   * @param values the placeholder values the feature fills in (`bucket`, `source-region`, `instance-id`)
   */
  private constructor(public readonly name: string, private readonly values: Record<string, string> = {}) {}

  /** The value of one placeholder this feature fills in, e.g. `bucket` for ATTACHMENTS; undefined when none. */
  public placeholderValue(placeholder: string): string | undefined {
    return this.values[placeholder];
  }
}
