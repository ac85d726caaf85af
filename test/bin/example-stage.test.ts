/**
 * The example app with a resiliency model over locations of two Regions builds a ConnectDirectConnectStage (one stack
 * per location Region, no location/Region warning); a single-Region topology stays the one ConnectDirectConnect stack
 * with its output ids. Built in-process as bin/app.ts builds it.
 */
import { App, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { readExampleConfig } from '../../bin/context';
import { buildExample, EXAMPLE_ID } from '../../bin/example-stack';

const build = (ctx: Record<string, string>) => buildExample(new App(), readExampleConfig((key) => ctx[key]));
const OUTSIDE = Match.stringLikeRegexp('cdk-connect-dx:locationOutsideStackRegion');

test('-c locations=EqDC2,EqSE2 -c resiliency=HIGH: two stacks, us-east-1 and us-west-2, in one stage, no location/Region warning', () => {
  // GIVEN / WHEN
  const stacks = build({ locations: 'EqDC2,EqSE2', resiliency: 'HIGH' });
  // THEN
  expect(stacks.map((s) => [s.stackName, s.region, s.virtualInterface.communityScope.community]))
    .toEqual([['ConnectDirectConnect-UsEast1', 'us-east-1', '7224:9100'], ['ConnectDirectConnect-UsWest2', 'us-west-2', '7224:9200']]);
  expect(Stage.of(stacks[0])?.node.id).toBe(EXAMPLE_ID);
  // every stack reaches the app's Amazon Connect Region (region, us-east-1)
  expect(stacks.map((s) => s.connectRegions)).toEqual([['us-east-1'], ['us-east-1']]);
  for (const s of stacks) expect(Annotations.fromStack(s).findWarning('*', OUTSIDE)).toHaveLength(0);
  Template.fromStack(stacks[0]).resourceCountIs('AWS::DirectConnect::ResiliencyGroup', 1);
});

test('a single-Region topology stays one ConnectDirectConnect stack with the same output ids', () => {
  const contexts: Array<Record<string, string>> = [{}, { locations: 'EqDC2,CSVA1', resiliency: 'HIGH' }];
  for (const ctx of contexts) {
    const stacks = build(ctx);
    expect(stacks.map((s) => s.stackName)).toEqual([EXAMPLE_ID]);
    expect(Stage.of(stacks[0])?.node.id).toBe(''); // the app itself: no stage
    const outputs = Object.keys(Template.fromStack(stacks[0]).findOutputs('*'));
    expect(outputs).toEqual(expect.arrayContaining(['VirtualInterfaceId', 'ConnectionId', 'BgpCommunity', 'BgpAuthKeySecretArn', 'FirewallPolicyArn']));
  }
});
