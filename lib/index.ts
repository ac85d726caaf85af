// The public API. This file only re-exports; each module adds its own line.
export * from './direct-connect/bgp-community';
export * from './ip-ranges/ip-ranges';
export * from './direct-connect/connection';
export * from './direct-connect/bgp-auth-key';
export * from './direct-connect/public-virtual-interface';
export * from './connect-endpoints/endpoint-types';
export * from './connect-endpoints/catalog';
export * from './monitoring/direct-connect-monitoring';
export * from './firewall/limits';
export * from './firewall/domain-allow-list';
export * from './firewall/ip-rule-group';
export * from './firewall/stateless-return-rules';
export * from './firewall/firewall-policy';
export * from './firewall/firewall';
export * from './firewall/firewall-rules';
export * from './prefix-lists/connect-prefix-lists';
