/** The example app's context parser lives in lib/example-app (pure, shared with the CLI's handoff); bin/ stays thin. */
export * from '../lib/example-app/context';
