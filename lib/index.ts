// The public API. This file only re-exports; each module adds its own line.
export * from './direct-connect/bgp-community';
export * from './ip-ranges/ip-ranges';
export * from './direct-connect/connection';
export * from './direct-connect/bgp-auth-key';
export * from './direct-connect/public-virtual-interface';
export * from './connect-endpoints/endpoint-types';
export * from './connect-endpoints/catalog';
export * from './monitoring/direct-connect-monitoring';
