import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';

describe('breakpoint provisioner', () => {
  it('says it is disabled, or pauses and goes on without a terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsbuild-breakpoint-'));
    writeFileSync(
      join(dir, 'b.pkr.hcl'),
      `source "null" "t" { communicator = "none" }
build {
  sources = ["source.null.t"]
  provisioner "breakpoint" {
    disable = true
    note    = "skipped"
  }
  provisioner "breakpoint" { note = "look around" }
  provisioner "shell-local" { inline = ["echo after"] }
}
`,
    );
    const r = await runCli(['build', '-color=false', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('==> null.t: Breakpoint provisioner with note "skipped" disabled; continuing...');
    expect(r.stdout).toContain('==> null.t: Pausing at breakpoint provisioner with note "look around".');
    expect(r.stdout).toContain('==> null.t: Not running interactively (stdin is not a terminal): continuing without waiting.');
    expect(r.stdout).toContain('    null.t: after');
  });
});
