/** The stack props most stack tests start from: a new 10 Gbps connection at EqDC2 for an instance in us-east-1. */
import { ConnectDirectConnectStackProps, DedicatedBandwidth } from '../../lib';

export const BASE_STACK_PROPS: ConnectDirectConnectStackProps = {
  env: { region: 'us-east-1' },
  instanceAlias: 'my-contact-centre',
  newConnection: { location: 'EqDC2', bandwidth: DedicatedBandwidth.GBPS_10 },
  vlan: 101,
  asn: 65000,
  customerAddress: '198.51.100.1/31',
  amazonAddress: '198.51.100.0/31',
  routeFilterPrefixes: ['203.0.113.0/24'],
  agentCidrs: ['10.20.0.0/16'],
};
