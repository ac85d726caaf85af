/** The rate limit (bandwidth allocation) of a virtual interface. */
import { fail, show } from '../private/fail';
import { DX_FACTS } from '../facts/direct-connect-limits';

/**
 * A virtual interface rate limit: the most bandwidth the interface may use on its dedicated connection or LAG, in
 * both directions; Direct Connect drops what exceeds it. Only the values AWS offers are accepted (50 Mbps to
 * 1.6 Tbps, see `RateLimit.allowed()`), and never more than the parent connection's or LAG's bandwidth.
 *
 * ```ts
 * const limit = RateLimit.mbps(500);
 * limit.value; // '500Mbps'
 * RateLimit.gbps(1).mbpsValue; // 1000
 * ```
 * @see https://docs.aws.amazon.com/directconnect/latest/UserGuide/vif-rate-limiters.html
 */
export class RateLimit {
  /** A limit in Mbps (50, 100, 200, 300, 400 or 500; larger values are written in Gbps but accepted here too). */
  public static mbps(value: number): RateLimit {
    return RateLimit.checked(value, 'Mbps', value);
  }

  /** A limit in Gbps (1, 2, 5, 10, 25, 100, 200, 400, 800 or 1600). */
  public static gbps(value: number): RateLimit {
    return RateLimit.checked(value * 1000, 'Gbps', value);
  }

  /**
   * A limit written the way CloudFormation and the API write it: `50Mbps`, `1Gbps`, `1.6Tbps`. Throws for any other
   * text or an unsupported value.
   */
  public static fromString(text: string): RateLimit {
    const m = /^([0-9]+(?:\.[0-9]+)?)(Mbps|Gbps|Tbps)$/.exec(typeof text === 'string' ? text.trim() : '');
    if (!m) fail('rateLimit', `must be a bandwidth such as 500Mbps, 1Gbps or 10Gbps (${RateLimit.allowedText()}), got ${show(text)}`);
    const factor = m[2] === 'Mbps' ? 1 : m[2] === 'Gbps' ? 1000 : 1000000;
    return RateLimit.checked(Math.round(Number(m[1]) * factor), m[2], Number(m[1]));
  }

  /** Every value AWS offers, slowest first. */
  public static allowed(): RateLimit[] {
    return DX_FACTS.rateLimit.mbps.map((m) => new RateLimit(m));
  }

  private static allowedText(): string {
    return RateLimit.allowed().map((r) => r.value).join(', ');
  }

  private static checked(mbps: number, unit: string, given: number): RateLimit {
    if (typeof given !== 'number' || !Number.isFinite(given) || !DX_FACTS.rateLimit.mbps.includes(mbps)) {
      fail('rateLimit', `must be one of the bandwidths AWS offers for a virtual interface rate limit: ${RateLimit.allowedText()}; got ${show(given)} ${unit}`);
    }
    return new RateLimit(mbps);
  }

  /** The limit in Mbps. */
  public readonly mbpsValue: number;
  /** The limit as CloudFormation writes it, e.g. `500Mbps`, `10Gbps`, `1.6Tbps`. */
  public readonly value: string;

  private constructor(mbps: number) {
    this.mbpsValue = mbps;
    this.value = mbps < 1000 ? `${mbps}Mbps` : mbps < 1000000 ? `${mbps / 1000}Gbps` : `${mbps / 1000000}Tbps`;
  }

  /** The limit in Gbps (0.5 for 500 Mbps). */
  public get gbpsValue(): number {
    return this.mbpsValue / 1000;
  }
}
