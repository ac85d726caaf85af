/** Shared test fixtures for the firewall tests. */
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ConnectEndpointCatalog } from '../../lib/connect-endpoints/catalog';

export const REGION = 'us-east-1';
export const AGENTS = ['10.20.0.0/16', '2001:db8:20::/48'];

export function newStack(): Stack {
  return new Stack(new App(), 'FirewallRulesStack');
}

export function catalog(): ConnectEndpointCatalog {
  return ConnectEndpointCatalog.forRegion(REGION, { instanceAlias: 'my-contact-centre' });
}

/** One IPv4 and one IPv6 prefix list for a service. */
export function prefixLists(stack: Stack, service: string): ec2.IPrefixList[] {
  return [
    new ec2.PrefixList(stack, `${service}V4`, { addressFamily: ec2.AddressFamily.IP_V4, maxEntries: 100 }),
    new ec2.PrefixList(stack, `${service}V6`, { addressFamily: ec2.AddressFamily.IP_V6, maxEntries: 100 }),
  ];
}
