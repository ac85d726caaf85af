/**
 * Which continent group each AWS Region belongs to, for the BGP communities 7224:9200 (your prefixes reach every
 * Region of the location Region's continent) and 7224:8200 (AWS's routes from that continent).
 *
 * AWS names three groups and no Regions: North America; Asia Pacific; Europe, the Middle East and Africa. The table
 * places Regions in them by geography (us-*, ca-*, mx-*; ap-*; eu-*, me-*, il-*, af-*). Where AWS's documents do
 * not settle a Region's group it is `OTHER`: nothing but itself counts as "same continent", so a pair that involves
 * it derives GLOBAL and accepts untagged routes, which always works. Each row says why.
 *
 * Sources, read 2026-12-01:
 * - AWS Direct Connect User Guide, "Routing policies and BGP communities":
 *   https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html
 * - AWS whitepaper "AWS Direct Connect for Amazon Connect", "Scope BGP communities" (names the three groups):
 *   https://docs.aws.amazon.com/whitepapers/latest/aws-direct-connect-for-amazon-connect/scope-bgp-communities.html
 */

/** Where the continent groups come from. */
export const CONTINENT_GROUP_SOURCES = [
  'https://docs.aws.amazon.com/directconnect/latest/UserGuide/routing-and-bgp.html',
  'https://docs.aws.amazon.com/whitepapers/latest/aws-direct-connect-for-amazon-connect/scope-bgp-communities.html',
] as const;

/** Date the sources were read. */
export const CONTINENT_GROUP_READ = '2026-12-01';

/** The names of the groups (the `ContinentGroup` constants). */
export type ContinentGroupName = 'NORTH_AMERICA' | 'ASIA_PACIFIC' | 'EUROPE_MIDDLE_EAST_AFRICA' | 'OTHER';

const NA: ContinentGroupName = 'NORTH_AMERICA';
const AP: ContinentGroupName = 'ASIA_PACIFIC';
const EMEA: ContinentGroupName = 'EUROPE_MIDDLE_EAST_AFRICA';
const OTHER: ContinentGroupName = 'OTHER';
const GEO = 'geography: AWS names the group, the Region lies in it';
const SOUTH_AMERICA = 'South America is none of the three groups AWS names; assumed other continent';
const GOVCLOUD = 'AWS GovCloud (US) partition: the documents do not say whether it shares North America with the commercial Regions; assumed other continent';
const CHINA = 'aws-cn partition (its prefixes are advertised only in the China Regions): not placed in Asia Pacific by the documents; assumed other continent';
const EUSC = 'AWS European Sovereign Cloud partition: not placed in a group by the documents; assumed other continent';

/** Region -> [group, reason]. Every Region of the location snapshot is here, and the Connect Regions. */
export const REGION_GROUPS: Record<string, readonly [ContinentGroupName, string]> = {
  'us-east-1': [NA, GEO], 'us-east-2': [NA, GEO], 'us-west-1': [NA, GEO], 'us-west-2': [NA, GEO],
  'ca-central-1': [NA, GEO], 'ca-west-1': [NA, GEO], 'mx-central-1': [NA, GEO],
  'ap-east-1': [AP, GEO], 'ap-east-2': [AP, GEO], 'ap-northeast-1': [AP, GEO], 'ap-northeast-2': [AP, GEO],
  'ap-northeast-3': [AP, GEO], 'ap-south-1': [AP, GEO], 'ap-south-2': [AP, GEO], 'ap-southeast-1': [AP, GEO],
  'ap-southeast-2': [AP, GEO], 'ap-southeast-3': [AP, GEO], 'ap-southeast-4': [AP, GEO], 'ap-southeast-5': [AP, GEO],
  'ap-southeast-6': [AP, GEO], 'ap-southeast-7': [AP, GEO],
  'eu-central-1': [EMEA, GEO], 'eu-central-2': [EMEA, GEO], 'eu-north-1': [EMEA, GEO], 'eu-south-1': [EMEA, GEO],
  'eu-south-2': [EMEA, GEO], 'eu-west-1': [EMEA, GEO], 'eu-west-2': [EMEA, GEO], 'eu-west-3': [EMEA, GEO],
  'me-south-1': [EMEA, GEO], 'me-central-1': [EMEA, GEO], 'il-central-1': [EMEA, GEO], 'af-south-1': [EMEA, GEO],
  'sa-east-1': [OTHER, SOUTH_AMERICA],
  'us-gov-west-1': [OTHER, GOVCLOUD], 'us-gov-east-1': [OTHER, GOVCLOUD],
  'cn-north-1': [OTHER, CHINA], 'cn-northwest-1': [OTHER, CHINA],
  'eusc-de-east-1': [OTHER, EUSC],
};
