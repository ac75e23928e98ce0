// The region of a run: the option, then AWS_REGION and AWS_DEFAULT_REGION, then the `region` of the profile in the
// shared config file (AWS_CONFIG_FILE, or ~/.aws/config), as the AWS SDKs look for it.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** `region` of `[profile NAME]` (or `[default]`) in an INI text. */
export function profileRegion(ini: string, profile: string): string | undefined {
  const section = profile === 'default' ? /^(default|profile default)$/ : new RegExp(`^profile\\s+${profile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  let inSection = false;
  for (const raw of ini.split(/\r?\n/)) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const header = /^\[(.*)\]$/.exec(line);
    if (header) inSection = section.test(header[1]!.trim());
    else if (inSection) {
      const m = /^region\s*=\s*(\S+)$/.exec(line);
      if (m) return m[1];
    }
  }
  return undefined;
}

export function resolveRegion(option: string | undefined, profile: string, env: Env): string | undefined {
  if (option) return option;
  if (env.AWS_REGION) return env.AWS_REGION;
  if (env.AWS_DEFAULT_REGION) return env.AWS_DEFAULT_REGION;
  const file = env.AWS_CONFIG_FILE || join(env.HOME || homedir(), '.aws', 'config');
  try {
    return profileRegion(readFileSync(file, 'utf8'), profile);
  } catch {
    return undefined;
  }
}
