import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag/diagnostic.js';
import { pluginTable } from '../../src/plugins/table.js';
import type { BuildPlan } from '../../src/plugin/plan.js';
import { upgradeJsonTemplate } from '../../src/hcl2-upgrade/upgrade.js';
import { loadJsonTemplate } from '../../src/json-template/load.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { CORPUS } from '../support/shared.js';

const units = (JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8')) as { path: string }[])
  .map((u) => u.path)
  .filter((p) => p.startsWith('json/') && p.endsWith('.json'));

/**
 * Errors the upgraded template may add to the JSON template's, per file, and why. Everything else must be
 * the same on both sides: problems the template has whatever its format (scripts missing from the corpus
 * copy, settings the plugin rejects).
 */
const EXTRA_ERRORS: Record<string, { reason: string; pattern: RegExp }> = {
  'json/bento-2022/packer_templates/debian/debian-11.6-amd64.json': { reason: 'headless = "{{ user `headless` }}" with the variable "": JSON decodes "" as false, HCL2 wants a bool (Packer 1.6.6 fails the upgraded template the same way)', pattern: /^Inappropriate value for attribute "headless": a bool is required\.$/ },
  'json/bento-2022/packer_templates/freebsd/freebsd-13.1-amd64.json': { reason: 'headless = "{{ user `headless` }}" with the variable "": JSON decodes "" as false, HCL2 wants a bool (Packer 1.6.6 fails the upgraded template the same way)', pattern: /^Inappropriate value for attribute "headless": a bool is required\.$/ },
  'json/bento-2022/packer_templates/ubuntu/ubuntu-20.04-amd64.json': { reason: 'headless = "{{ user `headless` }}" with the variable "": JSON decodes "" as false, HCL2 wants a bool (Packer 1.6.6 fails the upgraded template the same way)', pattern: /^Inappropriate value for attribute "headless": a bool is required\.$/ },
  'json/packer-v1.6.6/builder/alicloud/examples/local/centos.json': { reason: 'headless = "{{ user `headless` }}" with the variable "": JSON decodes "" as false, HCL2 wants a bool (Packer 1.6.6 fails the upgraded template the same way)', pattern: /^Inappropriate value for attribute "headless": a bool is required\.$/ },
  'json/runner-images-2023/images/linux/ubuntu2004.json': { reason: 'private_virtual_network_with_public_ip = "{{user `private_virtual_network_with_public_ip`}}" with the variable "": JSON decodes "" as false, HCL2 wants a bool (Packer 1.6.6 fails the upgraded template the same way)', pattern: /^Inappropriate value for attribute "private_virtual_network_with_public_ip": a bool is required\.$/ },
};

/**
 * Files where both formats fail the same way with differently worded messages: the secret is read while
 * variables (JSON) or locals (HCL2) are evaluated, and there are no AWS credentials here.
 */
const SAME_FAILURE: Record<string, RegExp> = {
  'json/packer-v1.9.4/command/test-fixtures/hcl2_upgrade/complete/input.json': /aws_secretsmanager needs AWS_ACCESS_KEY_ID/,
  'json/packer-v1.9.4/command/test-fixtures/hcl2_upgrade/without-annotations/input.json': /aws_secretsmanager needs AWS_ACCESS_KEY_ID/,
};

/** Plugins tsbuild does not implement are reported as such in both formats; they are not the template's problems. */
const unavailable = (d: Diagnostic) => / is not available$/.test(d.summary) || /^There is no (builder|provisioner|post-processor) named /.test(d.detail);

const copy = mkdtempSync(join(tmpdir(), 'tsbuild-upgrade-corpus-'));
cpSync(join(CORPUS, 'json'), join(copy, 'json'), { recursive: true });

async function upgradeAndValidate(path: string) {
  const file = join(copy, path);
  const cwd = dirname(file);
  const json = await loadJsonTemplate(basename(file), { cwd, env: {}, inputs: [], mode: 'syntax' });
  expect(json.diagnostics).toEqual([]);
  const upgraded = upgradeJsonTemplate(json.template!, { plugins: pluginTable() });
  const out = `${file}.pkr.hcl`;
  writeFileSync(out, upgraded.text);
  // Required variables (declared without a default) are set as a user would.
  const inputs = upgraded.required.map((name) => ({ kind: 'var' as const, name, raw: 'value' }));
  const opts = { cwd, env: {}, inputs, mode: 'validate' as const, plugins: pluginTable() };
  const [hcl, jsonPlan] = await Promise.all([planTemplate(out, opts), planTemplate(file, opts)]);
  // JSON names files from the template's absolute folder, HCL2 from `path.root`: compare without it.
  // An unknown option or a value of the wrong type is worded by each format's decoder (as in Packer): compare the
  // option named.
  const norm = (d: Diagnostic) =>
    d.detail
      .split(`${cwd}/`)
      .join('')
      .replace(/^unknown configuration key: '"([^"]+)"' in .*$/, 'unknown option $1')
      .replace(/^An argument named "([^"]+)" is not expected here.*$/, 'unknown option $1')
      .replace(/^(Inappropriate value for attribute "[^"]+") in .*?: /, '$1: ');
  const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error' && !unavailable(d)).map(norm).sort();
  return { upgraded, hcl, json: jsonPlan, hclErrors: errors(hcl.diagnostics), jsonErrors: errors(jsonPlan.diagnostics) };
}

describe('hcl2_upgrade on every JSON template of the corpus', () => {
  it('has templates to upgrade', () => expect(units.length).toBeGreaterThan(30));

  it.each(units)('%s upgrades to a template that validates as the JSON one does', async (path) => {
    const r = await upgradeAndValidate(path);
    // Nothing was left untranslated: the only comment is the legacy_isotime advice.
    const comments = r.upgraded.text.split('\n').filter((l) => l.trimStart().startsWith('#'));
    expect(comments.filter((c) => !c.includes('"legacy_isotime"'))).toEqual([]);
    // `test` is a builder of Packer's own test suite: hcl2_upgrade says it does not know it, as Packer does.
    const testBuilder = path.endsWith('/build-prov-retry.json');
    expect(r.upgraded.warnings).toEqual(testBuilder ? ['unknown builder type "test": its source block was written as it is'] : []);

    const same = SAME_FAILURE[path];
    if (same) {
      expect(r.hclErrors.length).toBeGreaterThan(0);
      for (const e of [...r.hclErrors, ...r.jsonErrors]) expect(e).toMatch(same);
      return;
    }
    const extra = EXTRA_ERRORS[path];
    const hclErrors = extra ? r.hclErrors.filter((e) => !extra.pattern.test(e)) : r.hclErrors;
    if (extra) expect(hclErrors.length).toBeLessThan(r.hclErrors.length);
    expect(hclErrors).toEqual(r.jsonErrors);
    // Each build runs the same number of provisioners and post-processors (only/except were rewritten right).
    const shape = (plans: BuildPlan[]) => plans.map((p) => `${p.builderType} ${p.provisioners.length} [${p.postProcessorChains.map((c) => c.length)}]`).sort();
    if (r.hclErrors.length === 0 && !testBuilder) expect(shape(r.hcl.plans)).toEqual(shape(r.json.plans));
  });
});
