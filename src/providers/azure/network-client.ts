// The network client on its own: @azure/arm-network takes over a second to load, so it loads (through a dynamic
// import of this module, which the bundle keeps lazy) only when a build makes or reads network resources.

import type { TokenCredential } from '@azure/core-auth';
import { NetworkManagementClient } from '@azure/arm-network';

export function makeNetworkClient(credential: TokenCredential, subscriptionId: string, options: { endpoint: string; credentialScopes: string[]; userAgentOptions: { userAgentPrefix: string } }): NetworkManagementClient {
  return new NetworkManagementClient(credential, subscriptionId, options);
}
