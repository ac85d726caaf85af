import { App, Stack } from 'aws-cdk-lib';
import { BgpCommunityScope, DirectConnectConnection, PublicVirtualInterface, RouterConfiguration, RouterVendor } from '../../lib';

describe('PublicVirtualInterface.renderRouterConfiguration', () => {
  test('renders the same configuration as RouterConfiguration.fromVirtualInterface, from the interface\'s own values', () => {
    // GIVEN
    const stack = new Stack(new App(), 'S');
    const vif = new PublicVirtualInterface(stack, 'Vif', {
      connection: DirectConnectConnection.fromConnectionId(stack, 'C', 'dxcon-fgq3d2ab'),
      vlan: 321, asn: 64600, customerAddress: '198.51.100.9/31', amazonAddress: '198.51.100.8/31',
      routeFilterPrefixes: ['203.0.113.0/24'], communityScope: BgpCommunityScope.CONTINENT,
    });
    // WHEN
    const text = vif.renderRouterConfiguration({ vendor: RouterVendor.CISCO_IOS_XE });
    // THEN
    expect(text).toBe(RouterConfiguration.fromVirtualInterface(vif, { vendor: RouterVendor.CISCO_IOS_XE }));
    expect(text).toContain('.321');
    expect(text).toContain('7224:9200');
    expect(text).toContain('198.51.100.8');
    expect(text).toContain('64600');
  });
});
