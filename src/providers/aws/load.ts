// The one door to the AWS SDK: templates that do not use AWS never load it (about half a second at start-up).

/** Loads the SDK and tsbuild's code over it. */
export async function loadAws(): Promise<typeof import('./sdk.js')> {
  // The SDK's notice that its 2027 releases will need Node 22 is for tsbuild's maintainers, not its users.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return import('./sdk.js');
}
