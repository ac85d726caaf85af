/**
 * Unit tests (`npm test`): every `*.test.ts` under test/ except the live suites (`*.live.test.ts`, run by
 * `npm run test:live` with jest.live.config.js). CDK's built-in template validation is switched off here for speed
 * (test/setup-env.js); `cdk synth` in CI runs it (as errors, see cdk.json) and test/validation.test.ts runs it once.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.live\\.test\\.ts$'],
  // TypeScript is stripped file by file by swc, without type checking (`npm run typecheck` checks the types)
  transform: {
    '^.+\\.tsx?$': ['@swc/jest', {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    }],
  },
  // both cores: the runner itself is idle while the workers run
  maxWorkers: 2,
  testTimeout: 120000,
  setupFiles: ['<rootDir>/test/setup-env.js'],
  // the default reporter, plus a summary of tests skipped because a tool (cfn-lint, moto_server, ...) is missing
  reporters: ['default', '<rootDir>/test/helpers/skip-reporter.js'],
};
