/**
 * Where the Direct Connect resources live vs where Amazon Connect runs. Direct Connect creates a connection in the
 * Region its location is associated with (DX_FACTS.connectionInLocationRegion), so a London instance (eu-west-2)
 * on EqLD5 (eu-west-1) deploys the stack in eu-west-1 with connectRegions ['eu-west-2'].
 */
import { App, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import {
  ConnectDirectConnectStack, ConnectDirectConnectStackProps, DedicatedBandwidth, DirectConnectConnection, PublicVirtualInterface,
  ResiliencyModel,
} from '../../lib';
import { BASE_STACK_PROPS } from '../helpers/stack-props';

const LONDON: ConnectDirectConnectStackProps = {
  ...BASE_STACK_PROPS,
  env: { region: 'eu-west-1' },
  connectRegions: ['eu-west-2'],
  newConnection: { location: 'EqLD5', bandwidth: DedicatedBandwidth.GBPS_10 },
};

function build(overrides: Partial<ConnectDirectConnectStackProps> = {}) {
  const stack = new ConnectDirectConnectStack(new App(), 'Dx', { ...LONDON, ...overrides });
  return { stack, template: Template.fromStack(stack), annotations: Annotations.fromStack(stack) };
}

const OUTSIDE = Match.stringLikeRegexp('cdk-connect-dx:locationOutsideStackRegion');

test('EqLD5 in eu-west-1 for an instance in eu-west-2: connection in eu-west-1, catalog, lists and scope for eu-west-2', () => {
  const { stack, template, annotations } = build();
  expect(stack.connectRegions).toEqual(['eu-west-2']);
  expect(stack.catalog.region).toBe('eu-west-2');
  // CONTINENT: the location's Region (eu-west-1) and the Connect Region (eu-west-2) share a continent group
  expect(stack.virtualInterface.communityScope.name).toBe('CONTINENT');
  template.hasResourceProperties('AWS::DirectConnect::PublicVirtualInterface', {
    Tags: Match.arrayWith([{ Key: 'bgp-community-scope', Value: '7224:9200' }]),
  });
  template.hasResourceProperties('AWS::DirectConnect::Connection', { Location: 'EqLD5' });
  template.hasResourceProperties('AWS::Lambda::Function', {
    Environment: { Variables: Match.objectLike({ CONNECT_REGIONS: 'eu-west-2' }) },
  });
  expect(annotations.findWarning('*', OUTSIDE)).toEqual([]);
});

test('the same location from a stack in eu-west-2 is refused naming both Regions and the fix; acknowledged, the LAG and the connection warn', () => {
  expect(() => build({ env: { region: 'eu-west-2' }, connectRegions: undefined })).toThrow(
    /^location must be associated with this stack's Region eu-west-2, got 'EqLD5', associated with eu-west-1: .*To fix it, deploy the Direct Connect resources in eu-west-1 \(env.region.*ConnectDirectConnectStage/);
  const { annotations } = build({ env: { region: 'eu-west-2' }, connectRegions: undefined, acknowledgeLocationOutsideStackRegion: true });
  const found = annotations.findWarning('*', OUTSIDE);
  expect(found.map((w) => w.id).sort()).toEqual(['/Dx/Connection', '/Dx/Lag']);
  expect(JSON.stringify(found[0].entry.data)).toMatch(/location 'EqLD5', associated with eu-west-1, is outside this stack's Region eu-west-2 \(acknowledged/);
});

test('connectRegions equal to the stack Region changes nothing; a Region without Amazon Connect or a token is refused naming it', () => {
  const same = build({ env: { region: 'eu-west-2' }, connectRegions: ['eu-west-2'], newConnection: { location: 'THNO2', bandwidth: DedicatedBandwidth.GBPS_10 } });
  expect(same.stack.virtualInterface.communityScope.name).toBe('REGION');
  expect(build({ env: { region: 'us-east-1' }, connectRegions: undefined, newConnection: undefined, existingConnectionId: 'dxcon-fgq3d2ab' }).stack.connectRegions).toEqual(['us-east-1']);
  expect(same.annotations.findWarning('*', OUTSIDE)).toEqual([]);
  expect(() => build({ connectRegions: ['eu-west-3'] })).toThrow(/^connectRegions must be a Region where Amazon Connect runs: .*eu-west-2.*; got 'eu-west-3'/);
  expect(() => build({ connectRegions: [Lazy.string({ produce: () => 'eu-west-2' })] })).toThrow(/^connectRegions must be a literal Region code/);
  expect(() => build({ connectRegions: ['eu-west-2', 'eu-west-2'] })).toThrow(/^connectRegions must list each Region once, got 'eu-west-2' twice/);
  expect(() => build({ connectRegions: [] })).toThrow(/^connectRegions must name at least one Amazon Connect Region/);
  expect(() => build({ env: { region: 'eu-west-1' }, connectRegions: undefined })).toThrow(/^env.region must be a Region where Amazon Connect runs: .*got 'eu-west-1'/);
});

test('an imported connection with a locationRegion other than the stack\'s is refused by the interface unless acknowledged', () => {
  const vif = (stack: Stack, acknowledgeLocationOutsideStackRegion?: boolean) => new PublicVirtualInterface(stack, 'Vif', {
    connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgq3d2ab'), vlan: 101, asn: 65000,
    customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', routeFilterPrefixes: ['203.0.113.0/24'],
    locationRegion: 'eu-west-1', acknowledgeLocationOutsideStackRegion,
  });
  expect(() => vif(new Stack(new App(), 'S', { env: { region: 'eu-west-2' } })))
    .toThrow(/^locationRegion must be associated with this stack's Region eu-west-2, got 'eu-west-1': .*deploy the Direct Connect resources in eu-west-1/);
  const stack = new Stack(new App(), 'S', { env: { region: 'eu-west-2' } });
  vif(stack, true);
  const found = Annotations.fromStack(stack).findWarning('*', OUTSIDE);
  expect(found.map((w) => w.id)).toEqual(['/S/Vif']);
  expect(JSON.stringify(found[0].entry.data)).toMatch(/locationRegion 'eu-west-1', is outside this stack's Region eu-west-2/);

  const home = new Stack(new App(), 'H', { env: { region: 'eu-west-1' } });
  new PublicVirtualInterface(home, 'Vif', {
    connection: DirectConnectConnection.fromConnectionId(home, 'C', 'dxcon-fgq3d2ab'), vlan: 101, asn: 65000,
    customerAddress: '198.51.100.1/31', amazonAddress: '198.51.100.0/31', routeFilterPrefixes: ['203.0.113.0/24'],
    locationRegion: 'eu-west-1', connectRegions: ['eu-west-2'],
  });
  expect(Annotations.fromStack(home).findWarning('*', OUTSIDE)).toEqual([]);
});

test('resiliency: connectRegions reach every interface and the shared scope', () => {
  const { stack, annotations } = build({
    newConnection: undefined, customerAddress: undefined, amazonAddress: undefined,
    resiliency: { model: ResiliencyModel.HIGH, locations: ['EqLD5', 'TCSH'], bandwidth: DedicatedBandwidth.GBPS_10, peerAddressPool: '198.51.100.0/29' },
  });
  expect(stack.resilient!.virtualInterfaces.map((v) => v.communityScope.name)).toEqual(['CONTINENT', 'CONTINENT']);
  expect(stack.resilient!.virtualInterfaces.map((v) => v.regionPair?.connectRegions)).toEqual([['eu-west-2'], ['eu-west-2']]);
  expect(annotations.findWarning('*', OUTSIDE)).toEqual([]);
});
