import {
  DescribeConnectionsCommand, DescribeLagsCommand, DescribeLocationsCommand, DescribeVirtualInterfacesCommand, DirectConnectClient,
} from '@aws-sdk/client-direct-connect';
import { mockClient } from 'aws-sdk-client-mock';
import { main } from '../../lib/cli';
import { runLocationsWith } from '../../lib/cli/commands/locations';
import { runStatus } from '../../lib/cli/commands/status';
import { recorder } from '../helpers/cli-io';

// moto_server (5.2) has no DescribeLocations and no DescribeVirtualInterfaces: both are mocked at the SDK client.
const dxMock = mockClient(DirectConnectClient);
beforeEach(() => dxMock.reset());

const client = (region: string) => new DirectConnectClient({ region, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

describe('cdk-connect-dx locations', () => {
  test('lists the snapshot with the associated Region, filtered by Region', async () => {
    const r = recorder();
    expect(await main(['locations', '--region', 'eu-west-2'], r.io)).toBe(0);
    expect(r.stdout()).toMatch(/^Direct Connect locations \(snapshot 2026-02-17/);
    expect(r.stdout()).toMatch(/^THNO2 +eu-west-2 +1Gbps,10Gbps,100Gbps +10Gbps,100Gbps +Telehouse/m);
    expect(r.stdout()).not.toContain('EqLD5');
  });

  test('--code is case-insensitive; --json', async () => {
    const r = recorder();
    expect(await main(['locations', '--code', 'eqld5', '--json'], r.io)).toBe(0);
    const doc = JSON.parse(r.stdout());
    expect(doc.locations).toEqual([{ code: 'EqLD5', name: 'Equinix LD5 - London, Slough, GB', region: 'eu-west-1', portSpeeds: ['1Gbps', '10Gbps', '100Gbps'], macsecPortSpeeds: ['10Gbps', '100Gbps'] }]);
  });

  test.each([
    [['--region', 'London'], /--region must be an AWS Region code/],
    [['--code', 'Eq LD5'], /--code must be a Direct Connect location code/],
    [['--code', 'NOPE1'], /--code 'NOPE1' is not in the location snapshot of 2026-02-17/],
    [['--endpoint-url', 'http://127.0.0.1:1'], /--endpoint-url is used only with --live/],
  ])('%j exits 2 with one line', async (argv, message) => {
    const r = recorder();
    expect(await main(['locations', ...argv], r.io)).toBe(2);
    expect(r.stderr()).toMatch(message);
    expect(r.stderr().trim().split('\n')).toHaveLength(1);
  });

  test('--live prints the differences from the snapshot (new site, changed speeds, removed site)', async () => {
    // GIVEN AWS lists eu-west-2 with a new site, THNO2 with 400G added, and no EqMA3
    dxMock.on(DescribeLocationsCommand).resolves({
      locations: [
        { locationCode: 'THNO2', locationName: 'Telehouse - London (Docklands West), London, GB', region: 'eu-west-2', availablePortSpeeds: ['1G', '10G', '100G', '400G'], availableMacSecPortSpeeds: ['10G', '100G'] },
        { locationCode: 'NewLD9', locationName: 'New London site', region: 'eu-west-2', availablePortSpeeds: ['10G'], availableMacSecPortSpeeds: [] },
      ],
    });
    const r = recorder();
    // WHEN
    const code = await runLocationsWith(['--live', '--region', 'eu-west-2'], r.io, { clientFor: client });
    // THEN
    expect(code).toBe(0);
    expect(r.stdout().split('\n')).toEqual([
      'DescribeLocations in 1 Region(s) against the snapshot of 2026-02-17: 2 live, 2 in the snapshot, 3 difference(s)',
      '~ THNO2: port speeds 1Gbps,10Gbps,100Gbps -> 1Gbps,10Gbps,100Gbps,400Gbps',
      '+ NewLD9 (eu-west-2) is new: New London site; ports 10Gbps, MACsec -', // as AWS spells it
      '- EqMA3 (eu-west-2) is no longer listed: Equinix MA3 - Manchester, Manchester, GB',
      '',
    ]);
  });

  test('--live asks every Region of the aws partition; a failing Region is named and the exit code is 1', async () => {
    // GIVEN every Region answers with the snapshot's EqLD5, except ap-south-1, whose call is refused
    dxMock.on(DescribeLocationsCommand).resolves({ locations: [
      { locationCode: 'EqLD5', locationName: 'Equinix LD5 - London, Slough, GB', region: 'eu-west-1', availablePortSpeeds: ['1G', '10G', '100G'], availableMacSecPortSpeeds: ['10G', '100G'] },
    ] });
    const asked: string[] = [];
    const refusing = { send: async () => { throw Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }); } } as unknown as DirectConnectClient;
    const r = recorder();
    // WHEN
    const code = await runLocationsWith(['--live', '--code', 'EqLD5'], r.io, {
      clientFor: (region) => { asked.push(region); return region === 'ap-south-1' ? refusing : client(region); },
    });
    // THEN the 32 Regions of the aws partition in the snapshot were asked (not cn-*, not eusc-*)
    expect(asked).toHaveLength(32);
    expect(asked.filter((a) => a.startsWith('cn-') || a.startsWith('eusc-'))).toEqual([]);
    expect(code).toBe(1);
    expect(r.stdout()).toMatch(/^DescribeLocations in 32 Region\(s\) .*0 difference\(s\)\n$/);
    expect(r.stderr()).toMatch(/^cdk-connect-dx locations: ap-south-1: .*DescribeLocations/);
  });
});

describe('cdk-connect-dx status: the location and its Region', () => {
  const CONNECTION = { connectionId: 'dxcon-fgabc123', connectionState: 'available' as const, bandwidth: '10Gbps', location: 'EqLD5' };
  const vif = (community?: string) => ({
    virtualInterfaceId: 'dxvif-ffabc123', virtualInterfaceType: 'public', virtualInterfaceState: 'available' as const, vlan: 101,
    connectionId: 'dxcon-fgabc123', bgpPeers: [], tags: community ? [{ key: 'bgp-community-scope', value: community }] : [],
  });
  const given = (community?: string) => {
    dxMock.on(DescribeConnectionsCommand).resolves({ connections: [CONNECTION] });
    dxMock.on(DescribeLagsCommand).resolves({ lags: [] });
    dxMock.on(DescribeVirtualInterfacesCommand).resolves({ virtualInterfaces: [vif(community)] });
  };

  test('prints the location with its Region; without --connect-region nothing is checked', async () => {
    given('7224:9100');
    const r = recorder();
    expect(await runStatus(['--region', 'eu-west-2'], r.io, { client: client('eu-west-2') })).toBe(0);
    expect(r.stdout()).toContain('location EqLD5 (associated with eu-west-1)');
    expect(r.stdout()).toContain('community 7224:9100 (bgp-community-scope tag)');
    expect(r.stderr()).toBe('');
  });

  test('--connect-region warns when the community cannot reach the Connect Region', async () => {
    given('7224:9100');
    const r = recorder();
    expect(await runStatus(['--region', 'eu-west-2', '--connect-region', 'eu-west-2'], r.io, { client: client('eu-west-2') })).toBe(0);
    expect(r.stdout()).toContain('Region pair: location Region eu-west-1, Connect Region eu-west-2 (same continent');
    expect(r.stdout()).toMatch(/! community REGION \(7224:9100\) does not reach Amazon Connect Region eu-west-2 from location EqLD5 \(associated with eu-west-1\).*use CONTINENT/);
    expect(r.stderr()).toMatch(/^cdk-connect-dx status: warning: dxvif-ffabc123: community REGION/);
  });

  test('--connect-region is quiet when the community reaches it', async () => {
    given('7224:9200');
    const r = recorder();
    await runStatus(['--region', 'eu-west-2', '--connect-region', 'eu-west-2'], r.io, { client: client('eu-west-2') });
    expect(r.stderr()).toBe('');
  });

  test('a malformed --connect-region is refused', async () => {
    const r = recorder();
    expect(await main(['status', '--connect-region', 'eu-west-2,London'], r.io)).toBe(2);
    expect(r.stderr()).toMatch(/--connect-region must be a Region where Amazon Connect runs: .*got 'London'/);
  });
});
