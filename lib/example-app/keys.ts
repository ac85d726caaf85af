/**
 * The example app's context keys as keys: which construct property traces back to which key, and the keys a user
 * gave that the app does not know (a misspelling is an error, anything else a warning). Pure: no aws-cdk-lib.
 */
import { CONTEXT_KEYS, ContextKey } from './defaults';
import { ContextError } from './values';

/**
 * Construct properties whose name differs from the context key that feeds them. The constructs validate the
 * values the context parser passes through (VLAN range, MACsec speed, ...) and name their own property.
 */
const PROPERTY_TO_KEY: Record<string, ContextKey> = {
  'env.region': 'region',
  'existingConnectionId': 'connectionId',
  'requestMacSec': 'macsec',
  'connectionsBandwidth': 'bandwidth',
  'encryptionMode': 'macsecEncryptionMode',
  'attachments.bucket': 'attachmentsBucket',
  'globalResiliency.sourceRegion': 'globalResiliencySource',
  'globalResiliency.instanceId': 'globalResiliencyInstanceId',
  'regions': 'connectRegions',
};

function keyOfProperty(property: string): ContextKey | undefined {
  if (property in PROPERTY_TO_KEY) return PROPERTY_TO_KEY[property];
  return (CONTEXT_KEYS as readonly string[]).includes(property) ? property as ContextKey : undefined;
}

/**
 * The context key behind a construct's validation message (`vlan must be ...`, `agentCidrs[0] must be ...`,
 * `requestMacSec can be true only ...`, `newConnection.location ...`), or undefined when no context key fed it.
 * A rule about a property no key feeds that names a key it conflicts with (`amazonConnectCidrs share no address
 * family with agentCidrs`) is traced to that key; only camel-case keys are looked for in the text, so that prose
 * such as "the local AWS Region" does not count.
 */
export function contextKeyOf(message: string): ContextKey | undefined {
  const property = message.split(' ', 1)[0].replace(/\[\d+\]$/, '');
  const direct = keyOfProperty(property) ?? keyOfProperty(property.slice(property.lastIndexOf('.') + 1));
  if (direct !== undefined) return direct;
  for (const word of message.match(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g) ?? []) {
    const key = keyOfProperty(word);
    if (key !== undefined) return key;
  }
  return undefined;
}

/**
 * Context keys that belong to the CDK and its tools, never to this app: feature flags (`@aws-cdk/...`), the CLI's
 * own settings (`aws:cdk:...`, `aws-cdk:...`), cached lookups (`availability-zones:account=...:region=...`, every
 * provider key has a colon), `cdk-...` keys and acknowledged notices. They pass silently.
 */
export function isCdkContextKey(key: string): boolean {
  return key.startsWith('@') || key.includes(':') || key.startsWith('cdk-') || key.startsWith('cdk:')
    || key === 'acknowledged-issue-numbers';
}

/** Levenshtein distance of two strings, compared without case. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length];
}

/** The largest edit distance at which an unknown key is taken as a misspelt known key (an error, not a warning). */
export const MAX_MISSPELLING_DISTANCE = 3;

/** A given context key that is not one of CONTEXT_KEYS nor the CDK's. */
export interface UnknownContextKey {
  readonly key: string;
  /** The known key it is closest to, when it differs only by case or by at most MAX_MISSPELLING_DISTANCE edits. */
  readonly didYouMean?: ContextKey;
}

/** Sorts the given keys that this app does not know (CDK's own keys are left out), with the nearest known key. */
export function unknownContextKeys(given: Iterable<string>): UnknownContextKey[] {
  const known = CONTEXT_KEYS as readonly string[];
  const out: UnknownContextKey[] = [];
  for (const key of given) {
    if (known.includes(key) || isCdkContextKey(key)) continue;
    let best: { key: ContextKey; distance: number } | undefined;
    for (const k of CONTEXT_KEYS) {
      const d = editDistance(key, k); // case-insensitive: a key that differs only by case has distance 0
      if (d <= MAX_MISSPELLING_DISTANCE && (best === undefined || d < best.distance)) best = { key: k, distance: d };
    }
    out.push({ key, didYouMean: best?.key });
  }
  return out;
}

/** Raised when a given context key looks like a misspelling of a known key. */
export class MisspeltContextKeyError extends ContextError {
  constructor(misspelt: UnknownContextKey[]) {
    super(misspelt[0].key, undefined, '');
    this.message = misspelt.map((u) => `context key '${u.key}' is not a key of this app; did you mean '${u.didYouMean}'? (-c ${u.didYouMean}=...)`).join('; ')
      + `. Known keys: ${CONTEXT_KEYS.join(', ')}`;
    this.name = 'MisspeltContextKeyError';
  }
}

/**
 * Checks the keys of every context value given to the app (`app.node.getAllContext()`): a key that differs from a
 * known key only by case or by up to MAX_MISSPELLING_DISTANCE edits is an error naming the key meant; other unknown
 * keys are returned, for a warning each. CDK's own keys pass silently.
 */
export function checkContextKeys(given: Iterable<string>): string[] {
  const unknown = unknownContextKeys(given);
  const misspelt = unknown.filter((u) => u.didYouMean !== undefined);
  if (misspelt.length > 0) throw new MisspeltContextKeyError(misspelt);
  return unknown.map((u) => u.key);
}
