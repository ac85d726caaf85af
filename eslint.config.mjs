// ESLint (flat config): ESLint's and typescript-eslint's recommended rules, without type information (fast: no
// program is built; `npm run typecheck` checks the types). Run: `npm run lint`.
import eslint from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/', 'build/', 'dist/', 'assets/', 'coverage/', 'cdk.out/', 'cdk.out.*/', 'rosetta/',
      'test/.tmp-*/', '**/*.d.ts', '.jsii',
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter a signature requires, a value destructured away)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['test/**', 'bench/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ['test/**'],
    // tests walk synthesized CloudFormation templates and SDK payloads, which are untyped JSON
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js'],
    // the .js files are CommonJS (jest configs and reporter, a fixture server run by node); .mjs files are modules
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
