/** ConnectPrefixLists: what it synthesizes, its validation (one failing case and one token pass-through per rule). */
import { KNOWN_REGIONS } from '../../lib/connect-endpoints/catalog-data';
import { RUN_MARKER_TAG, SYNC_PROBLEMS_METRIC, SYNC_TOKEN_TAG } from '../../lib/handlers/prefix-list-sync/types';
import { App, Duration, Lazy, Stack, Tags, Token, aws_events as events, aws_kms as kms, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AllowListMode } from '../../lib/connect-endpoints/endpoint-types';
import { IpFamily, IpRangesService } from '../../lib/ip-ranges/ip-ranges';
import { ConnectPrefixLists, ConnectPrefixListsProps } from '../../lib/prefix-lists/connect-prefix-lists';
import { sizeFor } from '../../lib/facts/prefix-list-limits';

const AMAZON_IP_SPACE_CHANGED_TOPIC_ARN = ConnectPrefixLists.AMAZON_IP_SPACE_CHANGED_TOPIC_ARN;
import { SIZING, SIZING_COLUMNS } from '../../lib/facts/prefix-list-sizing.generated';
import { expectCfnLintClean, nagFindings } from '../helpers/checks';

function make(props: ConnectPrefixListsProps = {}, region: string | null = 'eu-west-2') {
  const app = new App();
  const stack = new Stack(app, 'Stack', region ? { env: { region } } : {});
  const lists = new ConnectPrefixLists(stack, 'PrefixLists', props);
  return { stack, lists, template: () => Template.fromStack(stack) };
}

const count = (region: string, selector: string) => SIZING[region][(SIZING_COLUMNS as readonly string[]).indexOf(selector)];

describe('what it creates', () => {
  test('by default: AMAZON_CONNECT IPv4 and IPv6 lists with no entries, sized from the table with headroom', () => {
    const { template, lists } = make();
    const t = template();
    t.resourceCountIs('AWS::EC2::PrefixList', 2);
    t.hasResourceProperties('AWS::EC2::PrefixList', { AddressFamily: 'IPv4', MaxEntries: sizeFor(count('eu-west-2', 'AMAZON_CONNECT-ipv4'), 25), Entries: Match.absent() });
    t.hasResourceProperties('AWS::EC2::PrefixList', { AddressFamily: 'IPv6', MaxEntries: sizeFor(count('eu-west-2', 'AMAZON_CONNECT-ipv6'), 25), Entries: Match.absent() });
    expect(lists.selectors()).toEqual(['AMAZON_CONNECT-ipv4', 'AMAZON_CONNECT-ipv6']);
    expect(lists.ec2PrefixLists).toEqual([]);
    expect(lists.cloudFrontPrefixLists).toEqual([]);
    expect(lists.amazonConnectPrefixLists).toHaveLength(2);
  });

  test('mode IP_RANGES adds EC2 and CLOUDFRONT lists; ipv6 false keeps IPv4 only', () => {
    const { template, lists } = make({ mode: AllowListMode.IP_RANGES, ipv6: false });
    template().resourceCountIs('AWS::EC2::PrefixList', 3);
    expect(lists.selectors()).toEqual(['AMAZON_CONNECT-ipv4', 'EC2-ipv4', 'CLOUDFRONT-ipv4']);
    template().hasResourceProperties('AWS::EC2::PrefixList', { MaxEntries: sizeFor(count('eu-west-2', 'CLOUDFRONT-ipv4'), 25) });
    expect(lists.prefixList(IpRangesService.EC2, IpFamily.IPV6)).toBeUndefined();
    expect(lists.prefixList(IpRangesService.EC2, IpFamily.IPV4)).toBe(lists.ec2PrefixLists[0]);
  });

  test('services picks the lists explicitly', () => {
    const { lists } = make({ services: [IpRangesService.CLOUDFRONT] });
    expect(lists.selectors()).toEqual(['CLOUDFRONT-ipv4', 'CLOUDFRONT-ipv6']);
  });

  test('the exposed lists resolve through the first-fill custom resource, so users deploy after the fill', () => {
    const { stack, lists } = make();
    const id = stack.resolve(lists.amazonConnectPrefixLists[0].prefixListId);
    expect(id).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^PrefixListsFirstFill/), 'AMAZON_CONNECT-ipv4'] });
    expect(lists.entries[0]).toMatchObject({ selector: 'AMAZON_CONNECT-ipv4', service: IpRangesService.AMAZON_CONNECT, family: IpFamily.IPV4 });
  });

  test('the function: Node.js 24, bundled asset, reserved concurrency 1, DLQ, configuration in the environment', () => {
    const t = make({ shrinkGuardPercent: 35 }).template();
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
      DeadLetterConfig: { TargetArn: Match.anyValue() },
      Environment: {
        Variables: Match.objectLike({
          CONNECT_REGIONS: 'eu-west-2',
          SHRINK_GUARD_PERCENT: '35',
          IP_RANGES_URL: 'https://ip-ranges.amazonaws.com/ip-ranges.json',
          PREFIX_LISTS: Match.anyValue(),
        }),
      },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('IAM: Describe on *, everything else only on the lists it owns; no inline or AWS managed policy', () => {
    const t = make({ mode: AllowListMode.IP_RANGES }).template();
    t.resourceCountIs('AWS::IAM::Policy', 0);
    t.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    const policy = Object.values(t.findResources('AWS::IAM::ManagedPolicy'))[0] as { Properties: { PolicyDocument: { Statement: Record<string, unknown>[] } } };
    const st = Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s) => [s.Sid, s]));
    expect(st.DescribeAllowsOnlyStar).toMatchObject({ Action: 'ec2:DescribeManagedPrefixLists', Resource: '*' });
    expect(st.OwnedListsOnly).toMatchObject({ Action: ['ec2:GetManagedPrefixListEntries', 'ec2:ModifyManagedPrefixList'] });
    expect((st.OwnedListsOnly.Resource as unknown[]).length).toBe(6);
    expect(st.OwnedListsOnly.Resource).toEqual(expect.arrayContaining([{ 'Fn::GetAtt': [expect.stringMatching(/^PrefixListsEC2ipv4/), 'Arn'] }]));
    expect(st.SyncTagsOnOwnedLists).toMatchObject({ Action: 'ec2:CreateTags', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['cdk-connect-dx:sync-token', 'cdk-connect-dx:sync-run'] } } });
    const stars = policy.Properties.PolicyDocument.Statement.filter((s) => s.Resource === '*');
    expect(stars.map((s) => s.Sid)).toEqual(['DescribeAllowsOnlyStar']);
  });

  test('triggers: AmazonIpSpaceChanged in us-east-1, a daily schedule, and the first fill', () => {
    const t = make().template();
    t.hasResourceProperties('AWS::SNS::Subscription', { TopicArn: AMAZON_IP_SPACE_CHANGED_TOPIC_ARN, Protocol: 'lambda', Region: 'us-east-1' });
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'sns.amazonaws.com', SourceArn: AMAZON_IP_SPACE_CHANGED_TOPIC_ARN });
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(1 day)' });
    t.hasResourceProperties('Custom::ConnectPrefixListFill', { PrefixLists: Match.anyValue(), ConnectRegions: 'eu-west-2', HandlerHash: Match.stringLikeRegexp('^[0-9a-f]{16}$') });
  });

  test('the first fill carries every list property, tags included, so an update of a list re-fills it in the same deployment', () => {
    const { stack } = make();
    Tags.of(stack).add('team', 'contact-centre');
    const fill = Object.values(Template.fromStack(stack).findResources('Custom::ConnectPrefixListFill'))[0] as { Properties: { ListProperties: unknown[] } };
    expect(fill.Properties.ListProperties).toEqual([
      expect.objectContaining({ AddressFamily: 'IPv4', MaxEntries: sizeFor(count('eu-west-2', 'AMAZON_CONNECT-ipv4'), 25), Tags: [{ key: 'team', value: 'contact-centre' }] }),
      expect.objectContaining({ AddressFamily: 'IPv6', Tags: [{ key: 'team', value: 'contact-centre' }] }),
    ]);
  });

  describe('a changed list is replaced, never updated in place (its entries belong to the sync function)', () => {
    const listIds = (stack: Stack) => Object.keys(Template.fromStack(stack).findResources('AWS::EC2::PrefixList')).sort();

    test('the logical id is stable while nothing CloudFormation would update changes', () => {
      // GIVEN two syntheses of the same lists, one with a different shrink guard (a function setting, not a list property)
      const a = make();
      const b = make({ shrinkGuardPercent: 35 });
      // THEN the lists keep their logical ids (path-derived prefix + property hash)
      expect(listIds(a.stack)).toEqual(listIds(b.stack));
      expect(listIds(a.stack)).toEqual([
        expect.stringMatching(/^PrefixListsAMAZONCONNECTipv4[0-9A-F]{8}[0-9A-F]{8}$/),
        expect.stringMatching(/^PrefixListsAMAZONCONNECTipv6[0-9A-F]{8}[0-9A-F]{8}$/),
      ]);
    });

    test('a tag added anywhere above the lists (even on the App, after the construct) gives them new logical ids', () => {
      // GIVEN the same lists, once untagged and once tagged at the App level after construction
      const plain = make();
      const tagged = make();
      Tags.of(tagged.stack.node.root).add('team', 'contact-centre');
      // THEN every list has a new logical id, so CloudFormation replaces it instead of updating it in place
      const before = listIds(plain.stack);
      const after = listIds(tagged.stack);
      expect(after.some((id) => before.includes(id))).toBe(false);
      // AND everything that names a list (first fill, function environment, IAM policy) follows the new id
      const t = Template.fromStack(tagged.stack);
      const fill = Object.values(t.findResources('Custom::ConnectPrefixListFill'))[0] as { Properties: { PrefixLists: Record<string, unknown> } };
      expect(Object.values(fill.Properties.PrefixLists).map((v) => (v as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]).sort()).toEqual(after);
      expect(JSON.stringify(t.toJSON())).not.toContain(before[0]);
    });

    test('stack tags (which CloudFormation propagates to the lists) and a MaxEntries change also replace the lists', () => {
      // GIVEN a stack with stack-level tags, and lists with another MaxEntries
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { region: 'eu-west-2' }, tags: { costCentre: '42' } });
      new ConnectPrefixLists(stack, 'PrefixLists');
      const base = listIds(make().stack);
      const resized = listIds(make({ maxEntries: [{ service: IpRangesService.AMAZON_CONNECT, family: IpFamily.IPV4, maxEntries: 900 }] }).stack);
      // THEN the stack-tagged lists have new ids; the resized IPv4 list has a new id and the IPv6 list keeps its own
      expect(listIds(stack).some((id) => base.includes(id))).toBe(false);
      expect(resized[0]).not.toEqual(base[0]);
      expect(resized[1]).toEqual(base[1]);
    });
  });

  test('the subscription can be turned off and the schedule changed', () => {
    const t = make({ subscribeToIpSpaceChanged: false, schedule: events.Schedule.rate(Duration.hours(6)) }).template();
    t.resourceCountIs('AWS::SNS::Subscription', 0);
    t.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(6 hours)' });
  });

  test('alarms: errors, dead-letter queue, shrink guard, widening guard, follow lag; wired to the alarm topic when given', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { region: 'us-east-1' } });
    const topic = new sns.Topic(stack, 'Alarms');
    new ConnectPrefixLists(stack, 'PL', { alarmTopic: topic });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 6);
    // The metric the handler publishes when a run leaves a list behind its file (the first fill included)
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: SYNC_PROBLEMS_METRIC, Namespace: 'CdkConnectDx/PrefixListSync', Threshold: 1, AlarmActions: [Match.anyValue()] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ShrinkGuardTripped', Namespace: 'CdkConnectDx/PrefixListSync', AlarmActions: [Match.anyValue()] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', AlarmActions: [Match.anyValue()] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', AlarmActions: [Match.anyValue()] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'FollowLagSeconds', AlarmActions: [Match.anyValue()] });
  });

  test('a Region without Amazon Connect is refused, listing the Regions (every one of them is in the sizing table)', () => {
    expect(() => make({ regions: ['xx-north-9'] }, 'us-east-1')).toThrow(/^regions must be a Region where Amazon Connect runs .*got 'xx-north-9'/);
    expect(() => make({ regions: ['eu-west-3'] }, 'us-east-1')).toThrow(/^regions must be a Region where Amazon Connect runs .*: af-south-1, .*got 'eu-west-3'/);
    for (const r of KNOWN_REGIONS) expect(SIZING[r]).toBeDefined();
  });

  test('wideningGuardPercent: in the environment (default 50), refused below 0; the run-marker tag is allowed; two more alarms', () => {
    const t = Template.fromStack(make({ wideningGuardPercent: 80 }).stack);
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ WIDENING_GUARD_PERCENT: '80' }) }, ReservedConcurrentExecutions: 1 });
    Template.fromStack(make().stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ WIDENING_GUARD_PERCENT: '50' }) } });
    expect(() => make({ wideningGuardPercent: -1 })).toThrow(/^wideningGuardPercent must be a number of 0 or more/);
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
      Action: 'ec2:CreateTags', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': [SYNC_TOKEN_TAG, RUN_MARKER_TAG] } } })]) } });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'WideningGuardTripped', Threshold: 1 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'FollowLagSeconds', Threshold: 259200, Statistic: 'Maximum', Period: 3600 });
  });
});

describe('validation', () => {
  test('region: refuses an environment-agnostic stack without region', () => {
    expect(() => make({}, null)).toThrow(/env.region must be a concrete Region code .*set `regions` or the stack's env.region/);
  });
  test('region: refuses a token and a malformed code; accepts an explicit Region in an agnostic stack', () => {
    expect(() => make({ regions: [Lazy.string({ produce: () => 'us-east-1' })] })).toThrow(/regions must be a concrete Region code/);
    expect(() => make({ regions: ['US-EAST-1'] })).toThrow(/regions must be an AWS Region code such as 'us-east-1', got 'US-EAST-1'/);
    expect(() => make({ regions: ['us-west-2'] }, null)).not.toThrow();
  });

  test('mode and services are alternatives; services must be non-empty and distinct', () => {
    expect(() => make({ mode: AllowListMode.DOMAINS, services: [IpRangesService.EC2] })).toThrow(/services and mode are alternatives/);
    expect(() => make({ services: [] })).toThrow(/services must name at least one/);
    expect(() => make({ services: [IpRangesService.EC2, IpRangesService.EC2] })).toThrow(/services must not repeat a service, got EC2 twice/);
  });

  test('maxEntries: 1 to 1000, at least today\'s count, only for lists it creates, once each', () => {
    const c = IpRangesService.CLOUDFRONT;
    const svc = { services: [c] };
    expect(() => make({ ...svc, maxEntries: [{ service: c, family: IpFamily.IPV4, maxEntries: 0 }] })).toThrow(/maxEntries for CLOUDFRONT-ipv4 must be an integer from 1 to 1000/);
    expect(() => make({ ...svc, maxEntries: [{ service: c, family: IpFamily.IPV4, maxEntries: 1001 }] })).toThrow(/from 1 to 1000/);
    expect(() => make({ ...svc, maxEntries: [{ service: c, family: IpFamily.IPV4, maxEntries: 10 }] })).toThrow(
      new RegExp(`maxEntries for CLOUDFRONT-ipv4 \\(10\\) is smaller than the ${count('eu-west-2', 'CLOUDFRONT-ipv4')} prefixes currently published`),
    );
    expect(() => make({ ...svc, maxEntries: [{ service: IpRangesService.EC2, family: IpFamily.IPV4, maxEntries: 100 }] })).toThrow(/names EC2-ipv4, which this construct does not create/);
    expect(() => make({ ...svc, maxEntries: [{ service: c, family: IpFamily.IPV6, maxEntries: 100 }, { service: c, family: IpFamily.IPV6, maxEntries: 100 }] })).toThrow(/names CLOUDFRONT-ipv6 twice/);
  });

  test('maxEntries: an override is used as given; a token passes through', () => {
    const c = IpRangesService.CLOUDFRONT;
    const { template } = make({ services: [c], ipv6: false, maxEntries: [{ service: c, family: IpFamily.IPV4, maxEntries: 900 }] });
    template().hasResourceProperties('AWS::EC2::PrefixList', { MaxEntries: 900 });
    const tok = Token.asNumber(Lazy.number({ produce: () => 950 }));
    const t2 = make({ services: [c], ipv6: false, maxEntries: [{ service: c, family: IpFamily.IPV4, maxEntries: tok }] }).template();
    t2.hasResourceProperties('AWS::EC2::PrefixList', { MaxEntries: 950 });
  });

  test('headroomPercent: 0 to 500; a token is refused because MaxEntries is computed at synth', () => {
    expect(() => make({ headroomPercent: 501 })).toThrow(/headroomPercent must be an integer from 0 to 500, got 501/);
    expect(() => make({ headroomPercent: Token.asNumber(Lazy.number({ produce: () => 10 })) })).toThrow(/headroomPercent must be a concrete number/);
    make({ headroomPercent: 0 }).template().hasResourceProperties('AWS::EC2::PrefixList', { MaxEntries: sizeFor(count('eu-west-2', 'AMAZON_CONNECT-ipv4'), 0) });
    expect(sizeFor(180, 25)).toBe(225);
    expect(sizeFor(1, 25)).toBe(10);
    expect(sizeFor(990, 25)).toBe(1000);
  });

  test('shrinkGuardPercent: 0 to 100; a token passes through to the environment', () => {
    expect(() => make({ shrinkGuardPercent: 101 })).toThrow(/shrinkGuardPercent must be a number from 0 to 100.*got 101/);
    expect(() => make({ shrinkGuardPercent: -1 })).toThrow(/shrinkGuardPercent/);
    const t = make({ shrinkGuardPercent: Token.asNumber(Lazy.number({ produce: () => 40 })) }).template();
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ SHRINK_GUARD_PERCENT: '40' }) } });
  });
});

describe('checks', () => {
  test.each([
    ['default', {} as ConnectPrefixListsProps],
    ['IP_RANGES', { mode: AllowListMode.IP_RANGES } as ConnectPrefixListsProps],
  ])('cdk-nag: no unacknowledged finding, cfn-lint: clean (%s)', (_name, props) => {
    const { stack } = make(props);
    expect(nagFindings(stack)).toEqual([]);
    expectCfnLintClean(stack);
  });

  test('cdk-nag with an alarm topic: no unacknowledged finding', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: { region: 'us-east-1' } });
    const topic = new sns.Topic(stack, 'Alarms', { enforceSSL: true, masterKey: new kms.Key(stack, 'TopicKey', { enableKeyRotation: true }) });
    new ConnectPrefixLists(stack, 'PL', { alarmTopic: topic });
    expect(nagFindings(stack)).toEqual([]);
  });
});
