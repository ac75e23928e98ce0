// Azure clouds by Packer's cloud_environment_name, and tsbuild's endpoint override. Loads no SDK.
//
// TSBUILD_AZURE_ENDPOINT=https://host:port points Resource Manager and the Entra ID authority at one other HTTPS
// endpoint (an emulator, a private cloud's front): tokens are then asked for the scope `<endpoint>/.default`, and
// the credential skips instance discovery (which only login.microsoftonline.com answers). Its certificate must be
// trusted: NODE_EXTRA_CA_CERTS names a CA file to add.

type Env = Readonly<Record<string, string | undefined>>;

export interface AzureCloud {
  /** Packer's name for it: AzurePublicCloud... */
  name: string;
  resourceManager: string;
  authorityHost: string;
  /** Set when the endpoints came from TSBUILD_AZURE_ENDPOINT. */
  custom: boolean;
}

const CLOUDS: Record<string, Omit<AzureCloud, 'custom'>> = {
  AzurePublicCloud: { name: 'AzurePublicCloud', resourceManager: 'https://management.azure.com', authorityHost: 'https://login.microsoftonline.com' },
  AzureChinaCloud: { name: 'AzureChinaCloud', resourceManager: 'https://management.chinacloudapi.cn', authorityHost: 'https://login.chinacloudapi.cn' },
  AzureUSGovernmentCloud: { name: 'AzureUSGovernmentCloud', resourceManager: 'https://management.usgovcloudapi.net', authorityHost: 'https://login.microsoftonline.us' },
};

/** Packer's spellings (case-insensitive) of each cloud; the German cloud was closed in 2021. */
const NAMES: Record<string, string> = {
  PUBLIC: 'AzurePublicCloud',
  PUBLICCLOUD: 'AzurePublicCloud',
  AZUREPUBLICCLOUD: 'AzurePublicCloud',
  CHINA: 'AzureChinaCloud',
  CHINACLOUD: 'AzureChinaCloud',
  AZURECHINACLOUD: 'AzureChinaCloud',
  USGOVERNMENT: 'AzureUSGovernmentCloud',
  USGOVERNMENTCLOUD: 'AzureUSGovernmentCloud',
  AZUREUSGOVERNMENTCLOUD: 'AzureUSGovernmentCloud',
};

const GERMAN = new Set(['GERMAN', 'GERMANCLOUD', 'AZUREGERMANCLOUD', 'GERMANY', 'GERMANYCLOUD', 'AZUREGERMANYCLOUD']);

/** The problem with a cloud_environment_name, as Packer words it (and the German cloud, which no longer exists). */
export function checkCloudName(name: string | undefined): string | undefined {
  if (name === undefined || name === '') return undefined;
  const key = name.toUpperCase();
  if (GERMAN.has(key)) return `cloud_environment_name '${name}': the Azure Germany cloud was closed in October 2021; use Public`;
  if (!NAMES[key]) return `There is no cloud environment matching the name '${name}'!`;
  return undefined;
}

/** The cloud a run talks to: TSBUILD_AZURE_ENDPOINT when set, else cloud_environment_name (Public by default). */
export function cloudOf(name: string | undefined, env: Env): AzureCloud {
  const override = env.TSBUILD_AZURE_ENDPOINT?.replace(/\/+$/, '');
  if (override) {
    if (!override.startsWith('https://')) throw new Error(`TSBUILD_AZURE_ENDPOINT must be an https:// URL (Azure's SDK sends tokens over HTTPS only); got ${override}`);
    return { name: 'custom', resourceManager: override, authorityHost: override, custom: true };
  }
  return { ...CLOUDS[NAMES[(name || 'Public').toUpperCase()] ?? 'AzurePublicCloud']!, custom: false };
}
