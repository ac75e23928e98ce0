import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declareConfig, opt, type ValidateContext } from '../../src/plugin/config.js';
import { ebs } from './sample-config.js';
import { decodePlainConfig } from '../../src/plugin/plain-config.js';
import { decodeJsonConfig } from '../../src/json-template/decode-config.js';
import { decodePluginConfig } from '../../src/template/plugin-config.js';
import { parseHCL } from '../../src/hcl/parser.js';
import { parseHCLJSON } from '../../src/hcl/json.js';
import { createScope } from '../../src/eval/scope.js';
import { functions } from '../../src/functions/index.js';
import type { Block, JsonObject } from '../../src/hcl/ast.js';

const here: ValidateContext = { cwd: process.cwd(), templateDir: process.cwd(), env: {} };
const details = (r: { diagnostics: { detail: string }[] }) => r.diagnostics.map((d) => d.detail);

describe('a configuration declaration', () => {
  it('applies defaults, in nested blocks too; defaultIfEmpty also replaces an empty value', () => {
    const r = decodePlainConfig(ebs, { region: 'eu-west-1', ami_name: '', source_ami_filter: { owners: ['self'] }, launch_block_device_mappings: [{ device_name: '/dev/sda1' }] }, here);
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toEqual({
      region: 'eu-west-1',
      instance_type: 't3.micro',
      ami_name: 'packer-ami',
      max_retries: 3,
      source_ami_filter: { owners: ['self'], most_recent: false },
      launch_block_device_mappings: [{ device_name: '/dev/sda1', delete_on_termination: true }],
    });
    expect(decodePlainConfig(ebs, { region: 'r', instance_type: '' }, here).config.instance_type).toBe('');
    expect(decodePlainConfig(ebs, { region: 'r' }, here).config.launch_block_device_mappings).toEqual([]);
  });

  it('reports missing required options, at every level, with the message templates already use', () => {
    const r = decodePlainConfig(ebs, { source_ami_filter: {}, launch_block_device_mappings: [{ volume_size: 8 }] }, here);
    expect(details(r)).toEqual([
      'The argument "owners" is required in source_ami_filter block, but no definition was found.',
      'The argument "device_name" is required in launch_block_device_mappings block, but no definition was found.',
      'The argument "region" is required in configuration, but no definition was found.',
    ]);
  });

  it('converts values to the declared types and reports what does not convert', () => {
    const r = decodePlainConfig(ebs, { region: 'r', max_retries: '5', encrypt_boot: 'yes', tags: { a: 1 } }, here);
    expect(r.config.max_retries).toBe(5);
    expect(r.config.tags).toEqual({ a: '1' });
    expect(details(r)).toEqual(['Inappropriate value for "encrypt_boot" in configuration: a bool is required.']);
  });

  it('allows one single block, and reports unknown names with a suggestion', () => {
    const r = decodePlainConfig(ebs, { region: 'r', source_ami_filter: [{ owners: ['a'] }, { owners: ['b'] }], instance_typ: 'x' }, here);
    expect(details(r)).toEqual(['Only one source_ami_filter block is allowed.', '"instance_typ" is not an option of configuration. Did you mean "instance_type"?']);
  });

  it('runs the checks across options only when everything else is right', () => {
    expect(details(decodePlainConfig(ebs, { region: 'r', encrypt_boot: true }, here))).toEqual(['encrypted AMIs need tags here']);
    expect(details(decodePlainConfig(ebs, { encrypt_boot: true }, here))).toEqual(['The argument "region" is required in configuration, but no definition was found.']);
  });

  it('collects the values of sensitive options, for the output to hide', () => {
    expect(decodePlainConfig(ebs, { region: 'r', secret_key: 'wJalrXUtnFEMI' }, here).sensitive).toEqual(['wJalrXUtnFEMI']);
  });

  it('gives the checks the run context: a relative path resolves against its working directory, not the process', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tsbuild-config-'));
    writeFileSync(join(folder, 'setup.sh'), 'true\n');
    const decl = declareConfig({ script: opt.string('A local script.').required() }, (c, ctx) => {
      try {
        statSync(resolve(ctx.cwd, c.script));
        return [];
      } catch {
        return [{ message: `Bad script '${c.script}'`, attribute: 'script' }];
      }
    });
    expect(details(decodePlainConfig(decl, { script: 'setup.sh' }, { cwd: folder, templateDir: folder, env: {} }))).toEqual([]);
    expect(details(decodePlainConfig(decl, { script: 'setup.sh' }, here))).toEqual(["Bad script 'setup.sh'"]);
  });
});

function jsonObject(text: string): JsonObject {
  return parseHCLJSON(text, 't.json').file.body.json!;
}

describe('the JSON template front end', () => {
  it("keeps Packer's weak typing: a single value for a list, words and numbers for bools, strings for numbers", () => {
    const obj = jsonObject('{"region": "r", "ami_regions": "us-east-1", "encrypt_boot": "t", "tags": {"a": "b"}, "max_retries": "7", "source_ami_filter": {"owners": "self", "most_recent": 1}}');
    const r = decodeJsonConfig([obj], ['type'], ebs, 'builder "x" (amazon-ebs)', here);
    expect(r.diagnostics).toEqual([]);
    expect(r.config).toMatchObject({ ami_regions: ['us-east-1'], encrypt_boot: true, max_retries: 7, source_ami_filter: { owners: ['self'], most_recent: true } });
  });

  it("words problems as Packer's JSON decoder, in key order; later objects (overrides) replace earlier keys", () => {
    const r = decodeJsonConfig([jsonObject('{"type": "amazon-ebs", "max_retries": [1], "regio": "r"}')], ['type'], ebs, 'builder "x"', here);
    expect(details(r)).toEqual([
      'Inappropriate value for attribute "max_retries" in builder "x": number required.',
      `unknown configuration key: '"regio"' in builder "x". Did you mean "region"?`,
      'The argument "region" is required in builder "x", but no definition was found.',
    ]);
    const o = decodeJsonConfig([jsonObject('{"region": "a"}'), jsonObject('{"region": "b"}')], [], ebs, 'x', here);
    expect(o.config.region).toBe('b');
  });
});

function sourceBlock(text: string): Block {
  const file = parseHCL(text, 't.pkr.hcl').file;
  return file.body.items[0] as Block;
}

describe('the HCL2 front end', () => {
  const scope = createScope({}, functions, { baseDir: '.', cwd: process.cwd(), env: {}, now: () => new Date(0) });

  it('decodes attributes and nested blocks through the same decoder, with HCL wording', () => {
    const b = sourceBlock(`source "amazon-ebs" "x" {
  region = "eu-west-1"
  ami_regions = ["a", "b"]
  launch_block_device_mappings {
    device_name = "/dev/sda1"
  }
  launch_block_device_mappings {
    device_name = "/dev/sdb"
    volume_size = 8
  }
  instance_typ = "x"
}`);
    const r = decodePluginConfig({ bodies: [b.body], reserved: ['name'] }, ebs, scope, 'source "amazon-ebs" "x"', here);
    expect(details(r)).toEqual(['An argument named "instance_typ" is not expected here. Did you mean "instance_type"?']);
    expect(r.config).toMatchObject({
      ami_regions: ['a', 'b'],
      launch_block_device_mappings: [
        { device_name: '/dev/sda1', delete_on_termination: true },
        { device_name: '/dev/sdb', volume_size: 8, delete_on_termination: true },
      ],
    });
  });

  it('lets a build-level source block add arguments, not change them', () => {
    const source = sourceBlock('source "amazon-ebs" "x" {\n  region = "a"\n}');
    const added = sourceBlock('source "amazon-ebs.x" {\n  region = "b"\n  instance_type = "m5.large"\n}');
    const r = decodePluginConfig({ bodies: [source.body, added.body], reserved: ['name'] }, ebs, scope, 'source "amazon-ebs" "x"', here);
    expect(r.diagnostics.map((d) => [d.summary, d.detail, d.range?.start.line])).toEqual([
      ['Argument "region" redefined', '"region" is already set by the source block at t.pkr.hcl:2; a build-level source block can add arguments, not change them.', 2],
    ]);
    expect(r.config).toMatchObject({ region: 'a', instance_type: 'm5.large' });
  });

  it('reports a type error at the value, and a duplicate single block at the second', () => {
    const b = sourceBlock(`source "amazon-ebs" "x" {
  region = ["r"]
  source_ami_filter {
    owners = ["self"]
  }
  source_ami_filter {
    owners = ["amazon"]
  }
}`);
    const r = decodePluginConfig({ bodies: [b.body], reserved: [] }, ebs, scope, 'source', here);
    expect(r.diagnostics.map((d) => `${d.range?.start.line}: ${d.summary}`)).toEqual(['2: Incorrect attribute value type', '6: Duplicate source_ami_filter block']);
  });
});
