/**
 * AWS's Direct Connect resiliency models, in ONE table: what each model promises (service level) and how it is laid
 * out (locations, connections per location, devices). `ResiliencyModel`, the `ResilientDirectConnect` construct,
 * the monitoring's redundancy alarm and the README read these rows; nothing else restates them.
 *
 * Pure data (no aws-cdk-lib import). Not exported from the package index.
 */

/** Where a row comes from and when it was read. */
export interface ResiliencySource {
  readonly url: string;
  readonly read: string;
}

/** One resiliency model as AWS's Resiliency Toolkit defines it. */
export interface ResiliencyModelFact {
  /** Identifier used by `ResiliencyModel.fromName` and the example app's `resiliency` context key. */
  readonly name: 'MAXIMUM' | 'HIGH' | 'DEVELOPMENT';
  /** AWS's name for the model in the Resiliency Toolkit. */
  readonly awsName: string;
  /** The service level AWS offers for the model, as AWS words it. */
  readonly serviceLevel: string;
  /** Availability percentage of the service level; undefined when the model has none. */
  readonly slaPercent?: number;
  /** AWS's description of the layout. */
  readonly layout: string;
  /** What the layout survives, as AWS words it. */
  readonly survives: string;
  /** Fewest distinct Direct Connect locations the model needs. */
  readonly minLocations: number;
  /** Most distinct locations the model takes (undefined: no upper bound). */
  readonly maxLocations?: number;
  /** Dedicated connections to order at each location (each on its own AWS device). */
  readonly connectionsPerLocation: number;
  /**
   * `IntendedResiliencyModel` of `AWS::DirectConnect::ResiliencyGroup` for this model; undefined when AWS documents
   * no matching value (the API's third value, `basic-resiliency`, is not described as the Development and Test model).
   */
  readonly resiliencyGroupModel?: 'maximum-resiliency' | 'high-resiliency';
  readonly sources: ResiliencySource[];
}

const READ = '2026-12-01';
const TOOLKIT = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/resiliency_toolkit.html';
const SLA = 'https://aws.amazon.com/directconnect/sla/';
const MAXIMUM = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/maximum_resiliency.html';
const HIGH = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/high_resiliency.html';
const DEV = 'https://docs.aws.amazon.com/directconnect/latest/UserGuide/dev-test-resiliency.html';
const GROUP = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-resiliencygroup.html';

/** The three models of the Resiliency Toolkit (the "Classic" ordering path is not a resiliency model). */
export const RESILIENCY_MODELS: readonly ResiliencyModelFact[] = [
  {
    name: 'MAXIMUM',
    awsName: 'Maximum Resiliency',
    serviceLevel: '99.99% (Direct Connect SLA, multi-site redundant)',
    slaPercent: 99.99,
    layout: 'separate connections that terminate on separate devices in more than one location',
    survives: 'device, connectivity and complete location failures',
    minLocations: 2,
    connectionsPerLocation: 2,
    resiliencyGroupModel: 'maximum-resiliency',
    sources: [{ url: TOOLKIT, read: READ }, { url: MAXIMUM, read: READ }, { url: SLA, read: READ }, { url: GROUP, read: READ }],
  },
  {
    name: 'HIGH',
    awsName: 'High Resiliency',
    serviceLevel: '99.9% (Direct Connect SLA, multi-site non-redundant)',
    slaPercent: 99.9,
    layout: 'one connection at each of two (or more) locations',
    survives: 'connectivity failures caused by a fiber cut or a device failure, and a complete location failure',
    minLocations: 2,
    connectionsPerLocation: 1,
    resiliencyGroupModel: 'high-resiliency',
    sources: [{ url: TOOLKIT, read: READ }, { url: HIGH, read: READ }, { url: SLA, read: READ }, { url: GROUP, read: READ }],
  },
  {
    name: 'DEVELOPMENT',
    awsName: 'Development and Test',
    serviceLevel: 'no service level agreement',
    layout: 'separate connections that terminate on separate devices in one location',
    survives: 'a device failure, but not a location failure',
    minLocations: 1,
    maxLocations: 1,
    connectionsPerLocation: 2,
    sources: [{ url: TOOLKIT, read: READ }, { url: DEV, read: READ }, { url: GROUP, read: READ }],
  },
];
