// An empty CDK app: one empty stack. The baseline for bench/synth-time.ts.
import { App, Stack } from 'aws-cdk-lib';

const app = new App();
new Stack(app, 'Empty', { env: { region: 'us-east-1' } });
app.synth();
