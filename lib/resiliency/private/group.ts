/**
 * The `AWS::DirectConnect::ResiliencyGroup` that records a resiliency model, shared by `ResilientDirectConnect` (a
 * model in one stack) and `ConnectDirectConnectStage` (a model split over the stacks of several Regions). Not
 * exported from the package.
 *
 * May a group hold connections of several Regions? AWS's pages, read 2026-12-07, say it by the group's ARN: its
 * pattern is `arn:(aws|aws-cn|aws-us-gov):directconnect::[0-9]{12}:dx-resiliency-group/dxrg-...`, with an empty
 * Region field (a global resource, like a Direct Connect gateway), while the connections it takes are named by their
 * ARNs (`ConnectionArns`, up to 50; `AssociateConnectionsToResiliencyGroup` takes "the IDs or ARNs of the
 * connections"), which carry each connection's Region. No page limits a group to the connections of one Region.
 * So one group records the whole model, whatever Regions its locations are associated with.
 * Sources: https://docs.aws.amazon.com/directconnect/latest/APIReference/API_ResiliencyGroup.html,
 * https://docs.aws.amazon.com/directconnect/latest/APIReference/API_AssociateConnectionsToResiliencyGroup.html,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-directconnect-resiliencygroup.html
 * (all read 2026-12-07).
 */
import { Validations } from 'aws-cdk-lib';
import * as dx from 'aws-cdk-lib/aws-directconnect';
import { Construct } from 'constructs';
import { fail, isToken, show } from '../../private/errors';
import { ResiliencyModel } from '../resiliency-model';

/** The largest `ConnectionArns` of a resiliency group (CloudFormation's `Maximum: 50`, read 2026-12-07). */
export const MAX_GROUP_CONNECTIONS = 50;

/** A group name derived from a construct path (letters, digits, `-`, `_`; up to 255). */
export function groupNameFromPath(path: string): string {
  return path.replace(/[^A-Za-z0-9_-]/g, '-').slice(-255);
}

/** Records `model` over the connections in a resiliency group named `name` (checked here). */
export function recordResiliencyGroup(scope: Construct, id: string, model: ResiliencyModel, name: string, connectionArns: string[]): dx.CfnResiliencyGroup {
  if (model.resiliencyGroupModel === undefined) {
    fail('model', `${model.name} has no resiliency group value (AWS documents none for it); only MAXIMUM and HIGH are recorded in a group`);
  }
  if (!isToken(name) && !/^[A-Za-z0-9_-]{1,255}$/.test(name)) {
    fail('resiliencyGroupName', `must be 1 to 255 letters, digits, '-' or '_', got ${show(name)}`);
  }
  if (connectionArns.length > MAX_GROUP_CONNECTIONS) {
    fail('locations', `give a resiliency group at most ${MAX_GROUP_CONNECTIONS} connections (CloudFormation's ConnectionArns maximum), got ${connectionArns.length}`);
  }
  const group = new dx.CfnResiliencyGroup(scope, id, {
    resiliencyGroupName: name,
    intendedResiliencyModel: model.resiliencyGroupModel,
    connectionArns,
  });
  // cfn-lint 1.51 (the version these templates are checked with) and the resource schemas behind CDK's template
  // validation predate AWS::DirectConnect::ResiliencyGroup: both report the type as unknown (cfn-lint E3006, CDK
  // F3006). CloudFormation and aws-cdk-lib 2.276 (CfnResiliencyGroup) know it. This is the one place that check is
  // switched off, and only for this resource.
  const reason = 'AWS::DirectConnect::ResiliencyGroup is newer than the resource specification of cfn-lint 1.51 and of CDK\'s template validation; CloudFormation and aws-cdk-lib 2.276 (CfnResiliencyGroup) support it';
  group.addMetadata('cfn-lint', { config: { ignore_checks: ['E3006'] } });
  Validations.of(group).acknowledge({ id: 'CloudFormation-Validate::F3006', reason });
  return group;
}
