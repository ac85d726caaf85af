/** Small helpers shared by the Direct Connect constructs (not exported from the package). */
import { Tags } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A default resource name derived from the construct path plus an 8-character hash of it, unique within the app.
 * It uses only a-z, 0-9 and `-`, at most 100 characters, so it satisfies both the connection/LAG name pattern and
 * the stricter virtual interface name rule.
 */
export function defaultName(scope: Construct): string {
  const path = scope.node.path.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  const suffix = scope.node.addr.slice(0, 8);
  const head = path.slice(0, 100 - suffix.length - 1).replace(/-+$/, '');
  return head ? `${head}-${suffix}` : suffix;
}

/** Applies user tags to a construct and everything under it. */
export function applyTags(scope: Construct, tags: Record<string, string> | undefined): void {
  for (const [k, v] of Object.entries(tags ?? {})) Tags.of(scope).add(k, v);
}
