/** Sizing rule for the managed prefix lists (internal; not exported from the package). */

/**
 * EC2 hard limit on entries per customer-managed prefix list (not adjustable).
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-prefix-lists
 */
export const MAX_ENTRIES_LIMIT = 1000;

/** Headroom, in percent of the published count, that MaxEntries leaves by default (`headroomPercent`). */
export const DEFAULT_HEADROOM_PERCENT = 25;

/**
 * MaxEntries for `count` prefixes with `headroomPercent` headroom: at least 5 spare entries, rounded up to a
 * multiple of 5 (so small changes of the published data do not change the template), at most 1000.
 */
export function sizeFor(count: number, headroomPercent: number): number {
  const raw = Math.max(count + 5, Math.ceil((count * (100 + headroomPercent)) / 100));
  return Math.min(MAX_ENTRIES_LIMIT, Math.ceil(raw / 5) * 5);
}
