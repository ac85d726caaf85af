/** Shared fast-check generators for the fuzz suites (seed 11): strings rich in the characters that matter. */
import * as fc from 'fast-check';

export const SEED = 11;

/** Quotes, separators, comment and block characters of the router languages, control characters, token markers. */
export const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom('"', "'", ';', '\\', '\n', '\r', '\t', '=', '+', '-', '@', '|', ',', '${Token[', ' ', 'a', '1', '.',
    '/', '\u001b', '\u2028', '!', '#', '{', '}', '/*', '*/', 'neighbor 192.0.2.9 remote-as 666', 'set protocols bgp', 'exit',
    'end', '__proto__', '":"', '[', ']'), { maxLength: 20 }).map((a) => a.join('')),
);

/** The message of what `f` throws, or undefined when it returns. */
export function refusalOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

/** Mostly text a field's rule may accept (so the property sees rendered output), with quotes and spaces, or nasty text. */
export const textish = fc.oneof(
  { arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,_:/+()'"#!;{}-]{0,30}$/), weight: 2 },
  { arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/), weight: 1 },
  { arbitrary: nasty, weight: 2 },
);
