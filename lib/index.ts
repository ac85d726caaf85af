// The public API. This file only re-exports; each module adds its own line.
export * from './direct-connect/bgp-community';
export * from './ip-ranges/ip-ranges';
