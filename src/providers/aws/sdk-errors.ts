// What an AWS SDK error says, for a message: the service's error code and message, the HTTP status and how many
// attempts were made; a network failure by its system code. Credentials never appear in these.

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

export function awsErrorMessage(e: unknown): string {
  const err = (e ?? {}) as SdkError;
  const message = err.message ?? String(e);
  const status = err.$metadata?.httpStatusCode;
  const attempts = err.$metadata?.attempts;
  const details = [status ? `HTTP ${status}` : '', attempts && attempts > 1 ? `after ${attempts} attempts` : ''].filter(Boolean).join(', ');
  const generic = !err.name || err.name === 'Error' || err.name === 'CredentialsProviderError' || message.startsWith(err.name);
  const name = generic ? '' : `${err.name}: `;
  return `${name}${message}${details ? ` (${details})` : ''}`;
}
