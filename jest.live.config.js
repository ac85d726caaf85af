/**
 * Live tests (`npm run test:live`): the `*.live.test.ts` suites, which run real daemons (FRR, BIRD, coturn, dnsmasq
 * in network namespaces they create; moto_server on 127.0.0.1). They install nothing: `.ci/run` installs the tools.
 * A missing tool is a named skip, and a failure under CI=true.
 */
const unit = require('./jest.config');

module.exports = {
  ...unit,
  testMatch: ['**/*.live.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  // the labs hold network namespaces and daemons: one suite at a time
  maxWorkers: 1,
};
