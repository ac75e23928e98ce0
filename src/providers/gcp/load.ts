// The one door to @google-cloud/compute: templates that do not use Google Cloud never load it.

/** Loads the Compute Engine driver (src/providers/gcp/sdk.ts) and its clients. */
export async function loadGcp(): Promise<typeof import('./sdk.js')> {
  return import('./sdk.js');
}
