// The one door to the AWS SDK: templates that do not use AWS never load it (about half a second at start-up), and
// each service's client loads only when a template uses that service.

/** The SDK's notice that its 2027 releases will need Node 22 is for tsbuild's maintainers, not its users. */
function quietSdk(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

/** Loads the EC2 client and tsbuild's code over it. */
export async function loadAws(): Promise<typeof import('./sdk.js')> {
  quietSdk();
  return import('./sdk.js');
}

/** Loads the Systems Manager client and the parameter lookup. */
export async function loadSsm(): Promise<typeof import('./ssm.js')> {
  quietSdk();
  return import('./ssm.js');
}

/** Loads the Secrets Manager client and the secret lookup. */
export async function loadSecretsManager(): Promise<typeof import('./secrets-manager.js')> {
  quietSdk();
  return import('./secrets-manager.js');
}

/** Loads tsbuild cleanup's EC2 cleaners (src/journal/clean-ec2/), for a journal that lists an EC2 resource. */
export async function loadEc2Cleaners(): Promise<typeof import('../../journal/clean-ec2/index.js')> {
  quietSdk();
  return import('../../journal/clean-ec2/index.js');
}
