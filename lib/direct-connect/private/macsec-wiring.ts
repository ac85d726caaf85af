/** The MACsec key association a new connection or LAG makes for its props (internal). */
import { fail, show } from '../../private/errors';
import type { IDirectConnectConnection } from '../connection';
import { MacsecEncryptionMode, MacsecKey, MacsecKeyAssociation } from '../macsec';

/**
 * The association a new connection or LAG makes for its `macsecKey` prop (undefined without one); an
 * `encryptionMode` without a key is refused.
 */
export function associateMacsecKey(scope: IDirectConnectConnection, key: MacsecKey | undefined, encryptionMode: MacsecEncryptionMode | undefined): MacsecKeyAssociation | undefined {
  if (key === undefined) {
    if (encryptionMode !== undefined) fail('encryptionMode', `is set only with macsecKey (the mode takes effect with a key), got ${show(encryptionMode.value)} without one`);
    return undefined;
  }
  return new MacsecKeyAssociation(scope, 'MacsecKey', { connection: scope, key, encryptionMode });
}
