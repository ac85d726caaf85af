/**
 * The first fill: a custom resource backed by the sync function that fills the lists at deploy, before anything
 * that references them (their ids resolve through it), and again whenever a list is replaced.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CustomResource, Lazy, aws_ec2 as ec2, aws_iam as iam, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** What the first fill is built from. */
export interface FirstFillInput {
  readonly fn: lambda.IFunction;
  readonly policy: iam.ManagedPolicy;
  readonly lists: ec2.PrefixList[];
  readonly listMap: Record<string, string>;
  readonly regions: string[];
  readonly assetDir: string;
}

/** Creates the `FirstFill` custom resource in `scope`. */
export function createFirstFill(scope: Construct, props: FirstFillInput): CustomResource {
  const fn = props.fn;
  const fill = new CustomResource(scope, 'FirstFill', {
    serviceToken: fn.functionArn,
    resourceType: 'Custom::ConnectPrefixListFill',
    properties: {
      PrefixLists: props.listMap,
      ConnectRegions: props.regions.join(','),
      // Every property of every list, tags included (resolved after aspects such as Tags.of() ran). A changed
      // list is replaced (new id in PrefixLists); should CloudFormation still update one in place (deploy-time
      // tags) and reset its entries to the template's (none), this resource changes too when the change is in
      // the template, and the same deployment fills the list again right after.
      ListProperties: props.lists.map((l) => {
        const cfn = l.node.defaultChild as ec2.CfnPrefixList;
        return {
          Name: cfn.prefixListName,
          AddressFamily: cfn.addressFamily,
          MaxEntries: cfn.maxEntries,
          Tags: Lazy.any({ produce: () => cfn.tags.renderTags() ?? [] }),
        };
      }),
      HandlerHash: handlerHash(props.assetDir),
    },
  });
  // The first fill runs only once the function may modify the lists.
  fill.node.addDependency(props.policy);
  return fill;
}

function handlerHash(assetDir: string): string {
  const file = path.join(assetDir, 'index.js');
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16) : 'unbundled';
}
