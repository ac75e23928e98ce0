import { describe, expect, it } from 'vitest';
import { PLUGIN_CATALOG } from '../../src/plugins/catalog-data.js';
import { isKnownPluginType, PACKER_PLUGIN_TYPES, parseCatalog, type PluginKind } from '../../src/plugins/catalog.js';
import { pluginTable } from '../../src/plugins/table.js';
import { suggestName } from '../../src/diag/suggest.js';

const entries = parseCatalog(PLUGIN_CATALOG);

describe('the plugin catalog', () => {
  it('lists each type of a kind once', () => {
    const seen = new Map<string, string>();
    const repeated: string[] = [];
    for (const e of entries) {
      const key = `${e.kind} ${e.type}`;
      if (seen.has(key)) repeated.push(`${key} (plugins ${seen.get(key)} and ${e.plugin})`);
      seen.set(key, e.plugin);
    }
    expect(repeated).toEqual([]);
  });

  it("names each plugin's components <plugin>-<component>, or <plugin> for the default one", () => {
    const misnamed = entries.filter((e) => e.plugin !== 'packer' && e.type !== e.plugin && !e.type.startsWith(`${e.plugin}-`));
    expect(misnamed).toEqual([]);
  });

  it('knows every plugin tsbuild implements', () => {
    const t = pluginTable();
    const ours: [PluginKind, string[]][] = [
      ['builder', Object.keys(t.builders)],
      ['provisioner', Object.keys(t.provisioners)],
      ['post-processor', Object.keys(t.postProcessors)],
      ['data', Object.keys(t.dataSources)],
    ];
    for (const [kind, types] of ours) for (const type of types) expect(isKnownPluginType(kind, type), `${kind} ${type}`).toBe(true);
  });

  it('knows the real plugins that real templates name (issue: they were reported as unknown types)', () => {
    expect(isKnownPluginType('builder', 'oxide-instance')).toBe(true);
    expect(isKnownPluginType('builder', 'powervs')).toBe(true);
    expect(isKnownPluginType('provisioner', 'azure-dtlartifact')).toBe(true);
    expect(isKnownPluginType('data', 'googlecompute-parametermanager')).toBe(true);
    expect(isKnownPluginType('data', 'googlecompute-secretsmanager')).toBe(true);
    expect(isKnownPluginType('data', 'azure-keyvaultsecret')).toBe(true);
  });

  it('does not know misspellings, and suggests the real name for them', () => {
    expect(isKnownPluginType('data', 'azure-keyvault-secret')).toBe(false);
    expect(suggestName('azure-keyvault-secret', PACKER_PLUGIN_TYPES.data)).toBe('azure-keyvaultsecret');
    expect(suggestName('oxide-instanse', PACKER_PLUGIN_TYPES.builder)).toBe('oxide-instance');
    expect(suggestName('googlecompute-secretmanager', PACKER_PLUGIN_TYPES.data)).toBe('googlecompute-secretsmanager');
    // A name is known only for its own kind.
    expect(isKnownPluginType('builder', 'azure-dtlartifact')).toBe(false);
  });

  it('rejects a malformed line with its number', () => {
    expect(() => parseCatalog('builder orphan\n')).toThrow(/line 1/);
    expect(() => parseCatalog('plugin x somewhere\nbuilder\n')).toThrow(/line 2/);
    expect(() => parseCatalog('plugin x somewhere\nbuilders x-y\n')).toThrow(/line 2/);
    expect(parseCatalog('plugin x somewhere # note\n\nbuilder x-y   # note\ndata x\n')).toEqual([
      { plugin: 'x', kind: 'builder', type: 'x-y' },
      { plugin: 'x', kind: 'data', type: 'x' },
    ]);
  });
});
