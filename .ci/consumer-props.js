// Stack props for the CI consumer check: plain JavaScript, as a consumer of the npm tarball would write them.
const { BgpCommunityScope, DedicatedBandwidth } = require('cdk-connect-dx');

module.exports = {
  env: { region: 'eu-central-1' },
  instanceAlias: 'consumer-check',
  newConnection: { location: 'EqFA5', bandwidth: DedicatedBandwidth.GBPS_10 },
  vlan: 200,
  asn: 64512,
  customerAddress: '198.51.100.3/31',
  amazonAddress: '198.51.100.2/31',
  routeFilterPrefixes: ['203.0.113.0/24'],
  communityScope: BgpCommunityScope.REGION,
  agentCidrs: ['10.20.0.0/16'],
};
