import * as path from 'path';
import * as esbuild from 'esbuild';

/**
 * The engine is bundled into the prefix-list-sync Lambda and the CLI: it must not pull in aws-cdk-lib
 * (importing `lib/private/errors.ts` instead of `lib/private/fail.ts` would make the bundle ~39 MB).
 */
describe('ip-ranges engine bundle', () => {
  test.each([['engine.ts'], ['ip-ranges.ts']])('%s bundles without aws-cdk-lib, under 30 kB', async (file) => {
    // WHEN
    const result = await esbuild.build({
      entryPoints: [path.join(__dirname, '..', '..', 'lib', 'ip-ranges', file)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      minify: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    // THEN
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([]);
    expect(result.outputFiles[0].contents.length).toBeLessThan(30_000);
  });
});
