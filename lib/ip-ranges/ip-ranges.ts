import * as fs from 'fs';
import { fail, show } from '../private/fail';
import {
  IpRangesDocument,
  parseIpRangesDocument,
  selectionRuleOf,
  selectPrefixes,
} from './engine';

/**
 * An ip-ranges.json service that an Amazon Connect agent network must allow, with its Region rule
 * (Amazon Connect Administrator Guide, "Set up your network", Option 2).
 *
 * ```ts
 * const service = IpRangesService.of('AMAZON_CONNECT');
 * console.log(service.regionRule); // GLOBAL entries and the entries of the instance Region (both)
 * ```
 *
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/ccp-networking.html
 */
export class IpRangesService {
  /** `AMAZON_CONNECT`: GLOBAL entries and the entries of the instance Region, both (softphone media, UDP 3478). */
  public static readonly AMAZON_CONNECT = new IpRangesService('AMAZON_CONNECT');

  /** `EC2`: entries of the instance Region; GLOBAL only when the Region has none (TCP 443). */
  public static readonly EC2 = new IpRangesService('EC2');

  /** `CLOUDFRONT`: every entry, whatever its Region (static content, TCP 443). */
  public static readonly CLOUDFRONT = new IpRangesService('CLOUDFRONT');

  /**
   * The service with this ip-ranges.json `service` name. Refuses names other than the known ones.
   *
   * @param name `AMAZON_CONNECT`, `EC2` or `CLOUDFRONT`
   */
  public static of(name: string): IpRangesService {
    const known = [IpRangesService.AMAZON_CONNECT, IpRangesService.EC2, IpRangesService.CLOUDFRONT];
    for (const s of known) if (s.name === name) return s;
    return fail('service', `must be one of ${known.map((s) => s.name).join(', ')}, got ${show(name)}`);
  }

  /** The `service` value in ip-ranges.json. */
  public readonly name: string;

  /** Which entries are selected for an instance Region, in plain language. */
  public readonly regionRule: string;

  private constructor(name: string) {
    this.name = name;
    this.regionRule = selectionRuleOf(name).description;
  }

  /** The service name. */
  public toString(): string {
    return this.name;
  }
}

/** An IP address family. */
export enum IpFamily {
  /** IPv4 (`prefixes` in ip-ranges.json). */
  IPV4 = 'ipv4',
  /** IPv6 (`ipv6_prefixes` in ip-ranges.json). */
  IPV6 = 'ipv6',
}

/**
 * A parsed and validated AWS ip-ranges.json, from which the prefixes an Amazon Connect agent network needs
 * are selected per service, Region and family, de-duplicated and aggregated to the minimal CIDR set.
 *
 * ```ts
 * const ranges = IpRanges.fromFile('ip-ranges.json');
 * const media = ranges.prefixesFor(IpRangesService.AMAZON_CONNECT, 'us-east-1', IpFamily.IPV4);
 * // e.g. ['15.193.0.0/19', '52.55.191.224/27']
 * ```
 *
 * @see https://docs.aws.amazon.com/vpc/latest/userguide/aws-ip-ranges.html
 */
export class IpRanges {
  /**
   * Parses the text of ip-ranges.json. Throws on the first invalid entry, naming it
   * (e.g. `ip-ranges.json prefixes[17].ip_prefix must be an IPv4 CIDR, got '10.0.0.300/24'`).
   *
   * @param json the file's text
   */
  public static parse(json: string): IpRanges {
    return new IpRanges(parseIpRangesDocument(json));
  }

  /**
   * Reads and parses an ip-ranges.json file.
   *
   * @param path path of the file
   */
  public static fromFile(path: string): IpRanges {
    let text: string;
    try {
      text = fs.readFileSync(path, 'utf8');
    } catch (e) {
      return fail('ip-ranges.json file', `could not be read from ${show(path)}: ${(e as Error).message}`);
    }
    return IpRanges.parse(text);
  }

  /** Publication time in Unix seconds (the file's `syncToken`). */
  public readonly syncToken: string;

  /** Publication time `YYYY-MM-DD-hh-mm-ss` UTC (the file's `createDate`). */
  public readonly createDate: string;

  /** Number of entries in `prefixes` (IPv4), all services. */
  public readonly ipv4PrefixCount: number;

  /** Number of entries in `ipv6_prefixes`, all services. */
  public readonly ipv6PrefixCount: number;

  private readonly doc: IpRangesDocument;

  private constructor(doc: IpRangesDocument) {
    this.doc = doc;
    this.syncToken = doc.syncToken;
    this.createDate = doc.createDate;
    this.ipv4PrefixCount = doc.ipv4.length;
    this.ipv6PrefixCount = doc.ipv6.length;
  }

  /**
   * The prefixes of `service` for an Amazon Connect instance in `region`, aggregated to the exact minimal
   * CIDR set covering the same addresses, sorted by address, in canonical text (IPv6 per RFC 5952).
   *
   * @param service the ip-ranges.json service
   * @param region the Amazon Connect instance Region, e.g. `us-east-1`
   * @param family the address family
   */
  public prefixesFor(service: IpRangesService, region: string, family: IpFamily): string[] {
    return selectPrefixes(this.doc, service.name, region, familyNumber(family));
  }
}

function familyNumber(family: IpFamily): 4 | 6 {
  if (family === IpFamily.IPV4) return 4;
  if (family === IpFamily.IPV6) return 6;
  return fail('family', `must be IpFamily.IPV4 or IpFamily.IPV6, got ${show(family)}`);
}
