/**
 * The managed prefix lists themselves: created without entries (the sync function owns them), and never updated in
 * place (a changed list gets a new logical id, see {@link ReplaceListsInsteadOfUpdating}).
 */
import { createHash } from 'node:crypto';
import { AspectPriority, Aspects, IAspect, Stack, aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { IpFamily } from '../ip-ranges/ip-ranges';
import type { ListSpec } from './list-specs';

/** Creates one list per spec in `scope` (construct id = the selector). */
export function createPrefixLists(scope: Construct, specs: ListSpec[]): ec2.PrefixList[] {
  // The lists. No Entries in CloudFormation: the sync function owns them (see README, "What CloudFormation does").
  const lists = specs.map((s) => {
    const list = new ec2.PrefixList(scope, s.selector, {
      addressFamily: s.family === IpFamily.IPV4 ? ec2.AddressFamily.IP_V4 : ec2.AddressFamily.IP_V6,
      maxEntries: s.maxEntries,
    });
    // The L2 writes `Entries: []`; leave the property out so the template claims no entries at all.
    (list.node.defaultChild as ec2.CfnPrefixList).addPropertyDeletionOverride('Entries');
    return list;
  });
  // Never update a list in place: a changed list gets a new logical id, so CloudFormation replaces it (see
  // ReplaceListsInsteadOfUpdating). Runs after the tag aspects, so it sees the tags as rendered.
  Aspects.of(scope).add(new ReplaceListsInsteadOfUpdating(lists.map((l) => l.node.defaultChild as ec2.CfnPrefixList)),
    { priority: AspectPriority.READONLY });
  return lists;
}

/**
 * Gives each prefix list a logical id that ends in a hash of every property CloudFormation could update in place
 * (address family, MaxEntries, name, the list's tags as rendered and the stack's tags, which CloudFormation
 * propagates to the list). A change to any of them therefore replaces the list instead of updating it:
 *
 * - An in-place update runs the AWS::EC2::PrefixList update handler, which reconciles the live entries with the
 *   template's `Entries` (here none, since the sync function owns them) and sends a MaxEntries change together with
 *   entry changes, which the EC2 API refuses (`InvalidParameterCombination`). A referenced list could be left
 *   empty until the first fill ran again, or the update, and its rollback, could fail.
 * - A replacement creates the new list, the first fill (whose properties name the new id) fills it, the resources
 *   that reference the lists move to it (they read the ids from the first fill), and only in the cleanup phase is
 *   the old list, never modified and no longer referenced, deleted. A rollback returns to the untouched old list.
 */
class ReplaceListsInsteadOfUpdating implements IAspect {
  constructor(private readonly lists: ec2.CfnPrefixList[]) {}

  public visit(node: IConstruct): void {
    const cfn = this.lists.find((l) => l === node);
    if (!cfn) return;
    const stack = Stack.of(cfn);
    const identity = stack.resolve({
      addressFamily: cfn.addressFamily,
      maxEntries: cfn.maxEntries,
      name: cfn.prefixListName ?? null,
      tags: cfn.tags.renderTags() ?? [],
      stackTags: stack.tags.renderTags() ?? [],
    });
    const hash = createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 8).toUpperCase();
    cfn.overrideLogicalId(`${stack.getLogicalId(cfn)}${hash}`);
  }
}
