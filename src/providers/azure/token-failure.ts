// Why a token could not be had when Entra ID itself did not say: MSAL reports an answer it cannot read (a 404 from
// a host or path with no token endpoint, a proxy's page) as "network_error" or "[object Object]". The credential's
// requests pass a policy that notes the token endpoint's last answer; a failed getToken then names the authority,
// the tenant and that status. The credential's pipeline retries 5xx and throttling only, so a 4xx fails at once.
// Entra ID's own refusals (AADSTS codes) are left as they are (errors.ts words them).

import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

interface Noted {
  url: string;
  status: number;
}

export interface TokenWatch {
  /** Goes into the credential's options. */
  options: { additionalPolicies: { policy: PipelinePolicy; position: 'perCall' }[] };
  /** The credential, whose failures say what the token endpoint answered. */
  explain(credential: TokenCredential): TokenCredential;
}

export class TokenRequestError extends Error {
  override name = 'TokenRequestError';
}

export function watchTokenRequests(authorityHost: string, tenantId: string): TokenWatch {
  let last: Noted | undefined;
  const policy: PipelinePolicy = {
    name: 'tsbuildTokenAnswers',
    async sendRequest(request, next) {
      const response = await next(request);
      last = { url: request.url.split('?')[0]!, status: response.status };
      return response;
    },
  };
  return {
    options: { additionalPolicies: [{ policy, position: 'perCall' }] },
    explain: (credential) => ({
      async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
        last = undefined;
        try {
          return await credential.getToken(scopes, options);
        } catch (e) {
          const answered = last as Noted | undefined;
          if (!answered || answered.status < 400 || /AADSTS\d+/.test(String((e as Error)?.message ?? ''))) throw e;
          throw new TokenRequestError(
            `Could not get an access token from Microsoft Entra ID: the authority ${authorityHost} answered HTTP ${answered.status} for tenant ${tenantId} (${answered.url}); check tenant_id and cloud_environment_name (or the endpoints of a custom cloud)`,
            { cause: e },
          );
        }
      },
    }),
  };
}
