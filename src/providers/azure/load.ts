// The one door to the Azure SDK: templates that do not use Azure never load it (about 0.8 s at start-up).

/** Loads the Azure clients and tsbuild's code over them. */
export function loadAzure(): Promise<typeof import('./sdk.js')> {
  return import('./sdk.js');
}

/** Loads tsbuild cleanup's Azure cleaner, for a journal that lists an Azure resource. */
export function loadAzureCleaner(): Promise<typeof import('./clean.js')> {
  return import('./clean.js');
}
