/**
 * The shortest prefix (largest block) each ip-ranges.json service the prefix list sync can own has published: the
 * one table of this fact. The sync's widening guard refuses a file that asks for a shorter prefix than this for a
 * list, so a tampered or broken file cannot put `0.0.0.0/0` or `128.0.0.0/1` into an allow list.
 *
 * Source: https://ip-ranges.amazonaws.com/ip-ranges.json, syncToken 1787411825 (createDate 2026-08-22-15-17-05),
 * read 2026-11-22 (the copy in test/fixtures/ip-ranges.json). Shortest prefix over all Regions per service and
 * family. Should AWS publish a shorter prefix, the sync refuses it with a message naming this table; update the
 * row (with the file that has it) and release.
 */
export const SHORTEST_PUBLISHED_PREFIX: Record<string, { readonly ipv4: number; readonly ipv6: number }> = {
  AMAZON_CONNECT: { ipv4: 19, ipv6: 40 },
  EC2: { ipv4: 11, ipv6: 32 },
  CLOUDFRONT: { ipv4: 14, ipv6: 36 },
};

/** Where the table comes from, for messages. */
export const SHORTEST_PUBLISHED_PREFIX_SOURCE = 'ip-ranges.json syncToken 1787411825 (lib/facts/shortest-prefixes.ts)';
