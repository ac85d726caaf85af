/**
 * A delaying relay for the latency live test (this kernel has no netem qdisc): it listens on one address for TCP
 * and UDP and forwards to a target, holding every chunk or datagram `delayMs` in each direction, so a round trip
 * through it takes 2 x delayMs more. Order is kept (same delay for every chunk of a direction). Started inside a
 * network namespace by latency.live.test.ts:
 *   node delay-relay.js '{"listen":"10.0.0.1","tcpPort":443,"udpPort":3478,"delayMs":50,"tcpTarget":[host,port],"udpTarget":[host,port]}'
 */
'use strict';
const dgram = require('node:dgram');
const net = require('node:net');

const c = JSON.parse(process.argv[2]);
const later = (f) => setTimeout(f, c.delayMs);

const tcp = net.createServer((client) => {
  const upstream = net.connect({ host: c.tcpTarget[0], port: c.tcpTarget[1] });
  const close = () => { client.destroy(); upstream.destroy(); };
  client.on('data', (d) => later(() => upstream.write(d)));
  upstream.on('data', (d) => later(() => client.write(d)));
  client.on('end', () => later(() => upstream.end()));
  upstream.on('end', () => later(() => client.end()));
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', () => later(() => upstream.destroy()));
  upstream.on('close', () => later(() => client.destroy()));
});

const udp = dgram.createSocket('udp4');
const peers = new Map(); // "addr:port" -> socket to the target
udp.on('message', (msg, from) => {
  const key = `${from.address}:${from.port}`;
  let s = peers.get(key);
  if (!s) {
    s = dgram.createSocket('udp4');
    s.on('message', (answer) => later(() => udp.send(answer, from.port, from.address)));
    s.on('error', () => undefined);
    peers.set(key, s);
  }
  const out = s;
  later(() => out.send(msg, c.udpTarget[1], c.udpTarget[0]));
});

let ready = 0;
const up = () => { if (++ready === 2) process.stdout.write('listening\n'); };
tcp.listen(c.tcpPort, c.listen, up);
udp.bind(c.udpPort, c.listen, up);
process.on('SIGTERM', () => process.exit(0));
