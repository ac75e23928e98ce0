// `required_plugins` entries for the HashiCorp-maintained plugins, recognised by the prefix of a component's
// type (`amazon-ebs` -> amazon), as Packer's hcl2_upgrade does.

import type { RawTemplate } from '../json-template/raw.js';

const KNOWN_PLUGINS: Readonly<Record<string, string>> = {
  amazon: 'github.com/hashicorp/amazon',
  ansible: 'github.com/hashicorp/ansible',
  azure: 'github.com/hashicorp/azure',
  docker: 'github.com/hashicorp/docker',
  googlecompute: 'github.com/hashicorp/googlecompute',
  qemu: 'github.com/hashicorp/qemu',
  vagrant: 'github.com/hashicorp/vagrant',
  virtualbox: 'github.com/hashicorp/virtualbox',
  vmware: 'github.com/hashicorp/vmware',
  vsphere: 'github.com/hashicorp/vsphere',
};

/** Plugin sources the template's components come from, sorted. */
export function requiredPlugins(t: RawTemplate): string[] {
  const types = [...t.builders, ...t.provisioners, ...t.postProcessors.flat()].map((c) => c.type);
  const sources = new Set<string>();
  for (const type of types) {
    const prefix = Object.keys(KNOWN_PLUGINS).find((p) => type.startsWith(p));
    if (prefix) sources.add(KNOWN_PLUGINS[prefix]!);
  }
  return [...sources].sort();
}

/** The `packer {}` block, or '' when there is nothing to require. */
export function renderPackerBlock(t: RawTemplate): string {
  const plugins = requiredPlugins(t);
  if (!t.minVersion && plugins.length === 0) return '';
  const lines = ['packer {'];
  if (t.minVersion) lines.push(`  required_version = ${JSON.stringify(`>= ${t.minVersion.value}`)}`);
  if (plugins.length > 0) {
    lines.push('  required_plugins {');
    for (const source of plugins) {
      lines.push(`    ${source.replace('github.com/hashicorp/', '')} = {`, `      source  = "${source}"`, '      version = "~> 1"', '    }');
    }
    lines.push('  }');
  }
  return lines.join('\n') + '\n}\n';
}
