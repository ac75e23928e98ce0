// A null-over-SSH build whose shell provisioner's command prints a marker, then runs until the test releases it
// (at most 60 s), for tests that stop a build while the command runs: a folder on the target for the uploaded
// files, the run's TMPDIR and TSBUILD_STATE_DIR in test folders.

import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { makeTestKeys, startSshd, type TestKeys, type TestSshd } from './sshd.js';

/** Shell provisioner lines: upload to the project's target folder, with a variables file (two files there while the command runs). */
export const TO_TARGET_WITH_VAR_FILE = (remote: string) => `    remote_folder = "${remote}"\n    use_env_var_file = true\n    environment_vars = ["A=1"]`;

/** What the remote command prints first: `running <the uploaded script's path>`. */
export const RUNNING = 'null.t: running ';

export interface RemoteProject {
  dir: string;
  /** The run's TMPDIR. */
  tmp: string;
  /** TSBUILD_STATE_DIR. */
  state: string;
  /** The target's folder the provisioner uploads to (remote_folder). */
  remote: string;
  env: Record<string, string>;
  /** Ends the remote command (the build may be gone, the command still running). */
  release(): void;
  /** The journal files left. */
  journals(): string[];
}

/**
 * Writes the template: `source` holds the null source's connection settings (ssh_* lines), `provisioner` gives
 * more lines for the shell provisioner, given the target's folder.
 */
export function remoteProject(sshd: TestSshd, source: string, provisioner: (remote: string) => string = () => ''): RemoteProject {
  const dir = mkdtempSync(join(tmpdir(), 'tsbuild-remote-'));
  const tmp = mkdtempSync(join(tmpdir(), 'tsbuild-remote-tmp-'));
  const state = mkdtempSync(join(tmpdir(), 'tsbuild-remote-state-'));
  const remote = mkdtempSync(join(tmpdir(), 'tsbuild-remote-target-'));
  // The password test logs in as an ordinary user.
  chmodSync(remote, 0o777);
  const release = join(dir, 'release');
  writeFileSync(
    join(dir, 't.pkr.hcl'),
    `source "null" "t" {
  communicator = "ssh"
  ssh_host     = "${sshd.host}"
  ssh_port     = ${sshd.port}
  ssh_timeout  = "30s"
${source}
}
build {
  sources = ["source.null.t"]
  provisioner "shell" {
    inline = ["echo running $0", "i=0; while [ ! -e ${release} ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done"]
${provisioner(remote)}
  }
}
`,
  );
  return {
    dir,
    tmp,
    state,
    remote,
    env: { TMPDIR: tmp, TSBUILD_STATE_DIR: state },
    release: () => writeFileSync(release, ''),
    journals: () => {
      try {
        return readdirSync(join(state, 'journal'));
      } catch {
        return [];
      }
    },
  };
}

/** The uploaded script's path, as the remote command printed it. */
export function scriptPathIn(out: string): string | undefined {
  return new RegExp(`${RUNNING}(\\S+)`).exec(out)?.[1];
}

/** A test file's server and projects. */
export interface RemoteBench {
  keys: TestKeys;
  sshd: TestSshd;
  /** The null source's lines that log in as root with the test key. */
  rootLogin(): string;
  /** A project on `server` (the bench's unless given), released when the file's tests end. */
  project(source: string, provisioner?: (remote: string) => string, server?: TestSshd): RemoteProject;
}

/** Starts a server before the file's tests; afterwards, ends every project's remote command and stops it. */
export function useRemoteBench(): RemoteBench {
  const projects: RemoteProject[] = [];
  const bench = {
    rootLogin: () => `  ssh_username = "root"\n  ssh_private_key_file = "${bench.keys.key}"`,
    project: (source, provisioner, server) => {
      const p = remoteProject(server ?? bench.sshd, source, provisioner);
      projects.push(p);
      return p;
    },
  } as RemoteBench;
  beforeAll(async () => {
    bench.keys = makeTestKeys();
    bench.sshd = await startSshd(bench.keys);
  });
  afterAll(async () => {
    for (const p of projects) p.release();
    await bench.sshd?.stop();
  });
  return bench;
}
