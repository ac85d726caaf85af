/** Unit and integration tests. CDK's built-in template validation is switched off here for speed;
 * `cdk synth` in CI runs it (as errors, see cdk.json) and test/validation.test.ts runs it once. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
  testTimeout: 120000,
  setupFiles: ['<rootDir>/test/setup-env.js'],
  // the default reporter, plus a summary of tests skipped because a tool (cfn-lint, moto_server, ...) is missing
  reporters: ['default', '<rootDir>/test/helpers/skip-reporter.js'],
};
