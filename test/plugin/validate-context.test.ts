import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluginTable } from '../../src/plugins/table.js';
import { planTemplate } from '../../src/template/plan-template.js';
import { problemsOf } from '../support/config.js';
import { shellConfig } from '../../provisioners/shell/config.js';
import { ansibleConfig } from '../../provisioners/ansible/config.js';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-context-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const HCL = `source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "shell-local" { script = "setup.sh" }
}
`;
const JSON_TEMPLATE = JSON.stringify({ builders: [{ type: 'null', communicator: 'none' }], provisioners: [{ type: 'shell-local', script: 'setup.sh' }] });

async function validateIn(cwd: string, target: string): Promise<string[]> {
  const planned = await planTemplate(target, { cwd, env: {}, inputs: [], mode: 'validate', plugins: pluginTable() });
  return planned.diagnostics.map((d) => d.detail);
}

describe('the checks of a plugin configuration see the run, not the process', () => {
  it("finds a relative script in the run's working directory, wherever the process is (HCL2 and JSON)", async () => {
    const dir = folder({ 'main.pkr.hcl': HCL, 'legacy.json': JSON_TEMPLATE, 'setup.sh': 'true\n' });
    expect(process.cwd()).not.toBe(dir);
    expect(await validateIn(dir, 'main.pkr.hcl')).toEqual([]);
    expect(await validateIn(dir, 'legacy.json')).toEqual([]);
  });

  it('resolves it as Packer 1.6.6 does: against the working directory, not the folder of a template elsewhere', async () => {
    const dir = folder({ 'sub/main.pkr.hcl': HCL, 'sub/setup.sh': 'true\n' });
    expect(await validateIn(dir, 'sub/main.pkr.hcl')).toEqual(["Bad script 'setup.sh': stat setup.sh: no such file or directory"]);
    expect(await validateIn(join(dir, 'sub'), 'main.pkr.hcl')).toEqual([]);
  });

  it('checks the same path against the context given to the declaration', () => {
    const dir = folder({ 'setup.sh': 'true\n' });
    expect(problemsOf(shellConfig, { script: 'setup.sh' }, dir)).toEqual([]);
    expect(problemsOf(shellConfig, { script: 'setup.sh' }, join(dir, 'elsewhere'))).toEqual(["Bad script 'setup.sh': stat setup.sh: no such file or directory"]);
  });

  it("looks programs up in the run's PATH (ansible's command)", async () => {
    const dir = folder({ 'bin/my-playbook': '#!/bin/sh\n', 'play.yml': '[]\n', 'main.pkr.hcl': `source "null" "a" { communicator = "none" }
build {
  sources = ["source.null.a"]
  provisioner "ansible" {
    command       = "my-playbook"
    playbook_file = "play.yml"
  }
}
` });
    chmodSync(join(dir, 'bin/my-playbook'), 0o755);
    const plan = (path: string) => planTemplate('main.pkr.hcl', { cwd: dir, env: { PATH: path }, inputs: [], mode: 'validate', plugins: pluginTable() });
    expect((await plan(join(dir, 'bin'))).diagnostics).toEqual([]);
    expect((await plan('/nonexistent')).diagnostics.map((d) => d.detail)).toEqual([
      'Error: exec: "my-playbook": executable file not found in $PATH (install Ansible, e.g. "apt-get install ansible", or set command)',
    ]);
    expect(problemsOf(ansibleConfig, { command: 'bin/my-playbook', playbook_file: 'play.yml' }, dir)).toEqual([]);
  });
});
