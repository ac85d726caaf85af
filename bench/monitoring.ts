/**
 * Monitoring benchmarks: size of the bundled BGP status poller (what Lambda loads on a cold start) and the
 * time to turn Direct Connect answers into metric data for many interfaces. Run: `npm run bench`.
 */
import { statSync } from 'fs';
import * as path from 'path';
import { buildMetrics } from '../lib/handlers/bgp-status-poller';
import { InterfaceSummary } from '../lib/handlers/shared/direct-connect-read';

function interfaces(n: number): InterfaceSummary[] {
  const states = ['available', 'down', 'verifying', 'pending'];
  return Array.from({ length: n }, (_, i) => ({
    virtualInterfaceId: `dxvif-${String(i).padStart(8, '0')}`,
    state: states[i % states.length],
    vlan: 100 + i,
    bgpPeers: [
      { bgpPeerId: `dxpeer-a${i}`, addressFamily: 'ipv4', bgpPeerState: 'available', bgpStatus: i % 3 === 0 ? 'down' : 'up' },
      { bgpPeerId: `dxpeer-b${i}`, addressFamily: 'ipv6', bgpPeerState: 'available', bgpStatus: 'up' },
    ],
  }));
}

export async function run(): Promise<void> {
  const asset = path.join(__dirname, '..', 'assets', 'bgp-status-poller', 'index.js');
  try {
    console.log(`poller bundle: ${(statSync(asset).size / 1024).toFixed(1)} KiB (${asset.split(path.sep).slice(-3).join('/')})`);
  } catch {
    console.log('poller bundle: not built (run npm run bundle)');
  }
  const now = new Date();
  for (const n of [10, 100, 1000]) {
    const input = interfaces(n);
    const rounds = n >= 1000 ? 20 : 200;
    buildMetrics('dxcon-fgabc123', input, now); // warm up
    const t0 = process.hrtime.bigint();
    let count = 0;
    for (let r = 0; r < rounds; r++) count = buildMetrics('dxcon-fgabc123', input, now).data.length;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / rounds;
    console.log(`buildMetrics: ${n} interfaces x 2 peers -> ${count} data points in ${ms.toFixed(3)} ms (mean of ${rounds})`);
  }
}
