/**
 * The lab's HTTPS side: one TLS server on 0.0.0.0:443 that picks its certificate by the local address the
 * client connected to (the "AWS" chain by default, another CA's chain on the inspection address). It completes
 * the handshake and closes. Started by lab.ts inside the lab's AWS namespace:
 *   node tls-server.js CONFIG.json   (CONFIG: { "port": 443, "default": {cert, key}, "byAddress": {ip: {cert, key}} })
 */
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const context = (c) => tls.createSecureContext({ cert: fs.readFileSync(c.cert), key: fs.readFileSync(c.key) });
const byAddress = new Map(Object.entries(config.byAddress || {}).map(([ip, c]) => [ip, context(c)]));
const fallback = context(config.default);

const server = net.createServer((socket) => {
  socket.on('error', () => socket.destroy());
  const local = (socket.localAddress || '').replace(/^::ffff:/, '');
  const secure = new tls.TLSSocket(socket, { isServer: true, secureContext: byAddress.get(local) || fallback });
  secure.on('error', () => secure.destroy());
  secure.on('secure', () => secure.end());
});
server.listen(config.port, '0.0.0.0', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => process.exit(0));
