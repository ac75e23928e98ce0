// What an Azure SDK error says, for a message: ARM's (or Entra ID's) code and message and the HTTP status. The
// request, which carries the bearer token, never appears. Loads no SDK.

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  statusCode?: number;
}

export function azureErrorMessage(e: unknown): string {
  const err = (e ?? {}) as SdkError;
  const message = err.message ?? String(e);
  // Entra ID's answers come as JSON text in the credential's message: keep its description.
  const aad = /"error_description":\s*"((?:[^"\\]|\\.)*)"/.exec(message);
  if (aad) return `Authentication with Microsoft Entra ID failed: ${JSON.parse(`"${aad[1]}"`) as string}`;
  // MSAL's wording: "invalid_client: Error(s): 7000215 - Timestamp: ... - Description: AADSTS7000215: ... - Correlation ID: ...".
  const description = /Description: (AADSTS\d+: .*?)(?: - Correlation ID|\n|$)/.exec(message)?.[1];
  if (description) return `Authentication with Microsoft Entra ID failed: ${description}`;
  if (err.name === 'AuthenticationError' || err.name === 'CredentialUnavailableError') return `Authentication with Microsoft Entra ID failed: ${message.split('\nTrace ID')[0]!.trim()}`;
  const code = err.code && !message.startsWith(err.code) ? `${err.code}: ` : '';
  const status = err.statusCode ? ` (HTTP ${err.statusCode})` : '';
  return `${code}${message}${status}`;
}

/** Whether ARM said the resource (or its group) is not there (a 404 for an unknown route is not that). */
export function isNotFound(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  return err.statusCode === 404 && /NotFound$/.test(err.code ?? '');
}
