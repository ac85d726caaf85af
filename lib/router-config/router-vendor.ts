/** The router operating systems a configuration can be rendered for (public; re-exported by `router-configuration.ts`). */
import { fail } from '../private/fail';

/**
 * A router operating system the configuration can be rendered for.
 *
 * ```ts
 * const vendor = RouterVendor.fromName('cisco-ios-xe');
 * vendor.defaultInterfaceName; // 'TenGigabitEthernet0/0/0'
 * ```
 */
export class RouterVendor {
  /** FRRouting 8 or later (Linux): `vtysh` integrated configuration. */
  public static readonly FRR = new RouterVendor('frr', 'FRRouting 8+', 'eth0');
  /** Cisco IOS XE: configuration mode commands. */
  public static readonly CISCO_IOS_XE = new RouterVendor('cisco-ios-xe', 'Cisco IOS XE', 'TenGigabitEthernet0/0/0');
  /** Juniper Junos OS: a hierarchy for `load merge terminal`. */
  public static readonly JUNOS = new RouterVendor('junos', 'Juniper Junos OS', 'xe-0/0/0');

  /** Every vendor. */
  public static all(): RouterVendor[] {
    return [RouterVendor.FRR, RouterVendor.CISCO_IOS_XE, RouterVendor.JUNOS];
  }

  /** The vendor with this name: `frr`, `cisco-ios-xe` or `junos`. Throws with the allowed names for anything else. */
  public static fromName(name: string): RouterVendor {
    const found = RouterVendor.all().find((v) => v.name === name);
    if (!found) fail('vendor', `must be one of ${RouterVendor.all().map((v) => v.name).join(', ')}, got '${name}'`);
    return found;
  }

  /**
   * @param name identifier used by `fromName` and the CLI, e.g. `frr`
   * @param displayName the product name, e.g. `FRRouting 8+`
   * @param defaultInterfaceName the parent interface used when `interfaceName` is not given
   */
  private constructor(
    public readonly name: string,
    public readonly displayName: string,
    public readonly defaultInterfaceName: string,
  ) {}
}
