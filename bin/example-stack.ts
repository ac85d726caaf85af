/**
 * The example app's stack from its parsed context (`lib/example-app`), and the one line a refusal ends the synth
 * with. Apart from `app.ts` so that tests build the same stack in-process, without running the app.
 */
import { App } from 'aws-cdk-lib';
import { ContextError, contextKeyOf, ExampleConfig } from './context';
import {
  AllowListMode, BgpCommunityScope, ConnectDirectConnectStack, ConnectDirectConnectStackProps, ConnectDirectConnectStage, ConnectFeature,
  DedicatedBandwidth, DirectConnectLocation, EndpointSet, HostedBandwidth, MacsecEncryptionMode, MacsecKey, RateLimit, ResiliencyModel, SignInMode,
} from '../lib';
import { ConnectDxValidationError } from '../lib/private/fail';

/** The id of the example app's stack, or of its stage when the locations span Regions (its stacks: `ConnectDirectConnect-UsEast1`, ...). */
export const EXAMPLE_ID = 'ConnectDirectConnect';

/**
 * The Regions of a resiliency model's locations (in location order, distinct), or undefined when the config has no
 * model or a location the snapshot lacks (one stack then, as before).
 */
export function locationRegionsOf(config: ExampleConfig): string[] | undefined {
  if (config.resiliency === undefined || config.locations === undefined) return undefined;
  const known = config.locations.map((code) => DirectConnectLocation.tryOf(code));
  if (known.some((l) => l === undefined)) return undefined;
  return [...new Set(known.map((l) => l!.region))];
}

/**
 * The example app's stacks: one ConnectDirectConnectStack with the parsed context (ids and outputs as always), or,
 * when a resiliency model's locations are associated with more than one Region, a ConnectDirectConnectStage with one
 * stack per location Region.
 */
export function buildExample(app: App, config: ExampleConfig): ConnectDirectConnectStack[] {
  const regions = locationRegionsOf(config);
  if (regions === undefined || regions.length < 2) return [buildExampleStack(app, config)];
  const props = exampleProps(config);
  const stage = new ConnectDirectConnectStage(app, EXAMPLE_ID, {
    settings: {
      ...props,
      env: { account: config.account },
      // the Amazon Connect Region set every stack reaches (connectRegions, else region; with Global Resiliency its pair)
      connectRegions: config.connectRegions ?? (config.globalResiliencySource === undefined ? [config.region] : undefined),
      resiliency: undefined, newConnection: undefined, customerAddress: undefined, amazonAddress: undefined, locationRegion: undefined,
    },
    resiliency: props.resiliency,
  });
  return stage.stacks;
}

/** The example app's stack: ConnectDirectConnectStack with the parsed context. */
export function buildExampleStack(app: App, config: ExampleConfig): ConnectDirectConnectStack {
  return new ConnectDirectConnectStack(app, EXAMPLE_ID, exampleProps(config));
}

/** The stack props the parsed context gives. */
function exampleProps(config: ExampleConfig): ConnectDirectConnectStackProps {
  return {
    env: { region: config.region, account: config.account },
    description: 'Amazon Connect agent traffic over AWS Direct Connect (cdk-connect-dx example app)',
    instanceAlias: config.instanceAlias,
    existingConnectionId: config.connectionId,
    existingConnectionBandwidth: config.connectionId !== undefined && config.bandwidth !== undefined && !config.hosted
      ? DedicatedBandwidth.fromString(config.bandwidth) : undefined,
    hosted: config.hosted || undefined,
    existingConnectionHostedBandwidth: config.hosted && config.bandwidth !== undefined ? HostedBandwidth.fromString(config.bandwidth) : undefined,
    acknowledgeLocationOutsideStackRegion: config.acknowledgeLocationOutsideStackRegion || undefined,
    firewallVpcCidr: config.firewallVpcCidr,
    newConnection: config.connectionId === undefined && config.resiliency === undefined
      ? { location: config.location!, bandwidth: DedicatedBandwidth.fromString(config.bandwidth!), requestMacSec: config.macsec }
      : undefined,
    resiliency: config.resiliency === undefined ? undefined : {
      model: ResiliencyModel.fromName(config.resiliency),
      locations: config.locations ?? [],
      bandwidth: DedicatedBandwidth.fromString(config.bandwidth!),
      requestMacSec: config.macsec,
      peerAddressPool: config.peerAddressPool,
      acknowledgeCrossContinent: config.acknowledgeCrossContinent,
    },
    vlan: config.vlan,
    asn: config.asn,
    customerAddress: config.resiliency === undefined ? config.customerAddress : undefined,
    amazonAddress: config.resiliency === undefined ? config.amazonAddress : undefined,
    routeFilterPrefixes: config.routeFilterPrefixes,
    ipv6: config.ipv6,
    communityScope: config.communityScope === undefined ? undefined : BgpCommunityScope.fromName(config.communityScope),
    locationRegion: config.locationRegion,
    connectRegions: config.connectRegions,
    replicaAlias: config.replicaAlias,
    macsecKey: config.macsecKey === undefined ? undefined : MacsecKey.fromSecretArn(config.macsecKey),
    macsecEncryptionMode: config.macsecEncryptionMode === undefined ? undefined : MacsecEncryptionMode.of(config.macsecEncryptionMode),
    rateLimit: config.rateLimit === undefined ? undefined : RateLimit.fromString(config.rateLimit),
    allowListMode: AllowListMode.fromName(config.allowListMode),
    agentCidrs: config.agentCidrs,
    statelessFirewall: config.statelessFirewall,
    deployFirewall: config.deployFirewall,
    signInMode: SignInMode.fromName(config.signInMode),
    endpointSets: config.endpointSets as EndpointSet[],
    features: [
      ...config.features.map((f) => ConnectFeature.fromName(f)),
      ...(config.attachmentsBucket !== undefined ? [ConnectFeature.attachments(config.attachmentsBucket)] : []),
      ...(config.globalResiliencySource !== undefined ? [ConnectFeature.globalResiliency({
        sourceRegion: config.globalResiliencySource, instanceId: config.globalResiliencyInstanceId!,
      })] : []),
    ],
  };
}

/**
 * The one line a refusal ends the synth with, naming the context key: a context error as it is, a construct's
 * refusal traced to the key that fed it (`context key 'macsec' (with bandwidth=1Gbps): requestMacSec ...`).
 * Undefined for any other error (a defect: it keeps its stack trace).
 */
export function refusalLine(e: unknown, config: ExampleConfig | undefined): string | undefined {
  if (e instanceof ContextError) return `cdk-connect-dx example app: ${e.message}`;
  if (!(e instanceof ConnectDxValidationError)) return undefined;
  // with resiliency, the connections' locations come from 'locations'
  const key = contextKeyOf(e.message) === 'location' && config?.resiliency !== undefined ? 'locations' : contextKeyOf(e.message);
  const detail = key === 'macsec' && config ? ` (with bandwidth=${config.bandwidth})` : '';
  return `cdk-connect-dx example app: ${key === undefined ? '' : `context key '${key}'${detail}: `}${e.message}`;
}
