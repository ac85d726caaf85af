/**
 * The example app's stack from its parsed context (`lib/example-app`), and the one line a refusal ends the synth
 * with. Apart from `app.ts` so that tests build the same stack in-process, without running the app.
 */
import { App } from 'aws-cdk-lib';
import { ContextError, contextKeyOf, ExampleConfig } from './context';
import {
  AllowListMode, BgpCommunityScope, ConnectDirectConnectStack, ConnectFeature, DedicatedBandwidth, EndpointSet, ResiliencyModel, SignInMode,
} from '../lib';
import { ConnectDxValidationError } from '../lib/private/fail';

/** The example app's stack: ConnectDirectConnectStack with the parsed context. */
export function buildExampleStack(app: App, config: ExampleConfig): ConnectDirectConnectStack {
  return new ConnectDirectConnectStack(app, 'ConnectDirectConnect', {
    env: { region: config.region, account: config.account },
    description: 'Amazon Connect agent traffic over AWS Direct Connect (cdk-connect-dx example app)',
    instanceAlias: config.instanceAlias,
    existingConnectionId: config.connectionId,
    existingConnectionBandwidth: config.connectionId !== undefined && config.bandwidth !== undefined
      ? DedicatedBandwidth.fromString(config.bandwidth) : undefined,
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
    connectRegions: config.connectRegionsGiven ? config.connectRegions : undefined,
    replicaAlias: config.replicaAlias,
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
  });
}

/**
 * The one line a refusal ends the synth with, naming the context key: a context error as it is, a construct's
 * refusal traced to the key that fed it (`context key 'macsec' (with bandwidth=1Gbps): requestMacSec ...`).
 * Undefined for any other error (a defect: it keeps its stack trace).
 */
export function refusalLine(e: unknown, config: ExampleConfig | undefined): string | undefined {
  if (e instanceof ContextError) return `cdk-connect-dx example app: ${e.message}`;
  if (!(e instanceof ConnectDxValidationError)) return undefined;
  const key = contextKeyOf(e.message);
  const detail = key === 'macsec' && config ? ` (with bandwidth=${config.bandwidth})` : '';
  return `cdk-connect-dx example app: ${key === undefined ? '' : `context key '${key}'${detail}: `}${e.message}`;
}
