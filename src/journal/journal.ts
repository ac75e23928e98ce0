// The resource journal: every container, image, temporary folder, temporary remote file and EC2 resource a run
// creates is written down before it is created and crossed out after it is deleted, in one append-only file per
// run. A run that ends normally leaves no file; one killed (kill -9, a power cut) leaves what `tsbuild cleanup`
// needs to delete what it left behind.

import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export type ResourceKind =
  | 'temp-dir'
  | 'docker-container'
  | 'docker-image'
  | 'remote-file'
  | 'ec2-instance'
  | 'ec2-key-pair'
  | 'ec2-security-group'
  | 'ec2-image'
  | 'ec2-launch-template'
  | 'vm-process'
  | 'azure-resource'
  | 'gce-instance'
  | 'gce-disk'
  | 'gce-image'
  | 'gce-oslogin-key'
  | 'vmware-vm';

export interface ResourceRecord {
  id: string;
  kind: ResourceKind;
  /** What it is, for people: `container packer-null-1a2b3c4d`. */
  description: string;
  /** The build that made it. */
  build: string;
  /** What deleting it takes (a path, a container name, the daemon's address...); never a secret. */
  data: Record<string, string>;
}

/** The `build` of a resource that belongs to the whole run (its temporary folder). */
export const RUN_WIDE = '(run)';

/** The first line of a run's journal: whose it is. */
export interface RunHeader {
  run: string;
  pid: number;
  host: string;
  started: string;
}

type Line = ({ op: 'run' } & RunHeader) | ({ op: 'add' } & ResourceRecord) | { op: 'update'; id: string; data: Record<string, string> } | { op: 'done'; id: string };

export interface Journal {
  /** Writes `resource` down (synchronously: it is on disk before the resource exists); returns its id. */
  record(kind: ResourceKind, build: string, description: string, data: Record<string, string>): string;
  /** Adds what became known once the resource exists (an image's ID). */
  update(id: string, data: Record<string, string>): void;
  /** The resource is gone (deleted). */
  forget(id: string): void;
  /**
   * The builder of `build` is done and what the build still has written down is accounted for: its product (an
   * image) handed over to the user (and to the post-processors), or deleted as the artifact of a cancelled build.
   * (A builder that failed keeps what its cleanup could not delete: `tsbuild cleanup` tries again.)
   */
  settle(build: string): void;
  /** Ends the run's journal: the file is removed when nothing is outstanding. */
  close(): void;
}

/** Where journals live: $TSBUILD_STATE_DIR/journal, else $XDG_STATE_HOME/tsbuild/journal, else ~/.local/state/tsbuild/journal. */
export function journalDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.TSBUILD_STATE_DIR) return join(env.TSBUILD_STATE_DIR, 'journal');
  const state = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(state, 'tsbuild', 'journal');
}

/** Opens the journal of run `runUuid`; the file is created with the first record. */
export function openJournal(dir: string, runUuid: string, now: () => Date = () => new Date()): Journal {
  const file = join(dir, `${runUuid}.jsonl`);
  /** Outstanding records: id -> build. */
  const outstanding = new Map<string, string>();
  let created = false;
  const append = (line: Line) => {
    if (!created) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      appendFileSync(file, `${JSON.stringify({ op: 'run', run: runUuid, pid: process.pid, host: hostname(), started: now().toISOString() } satisfies Line)}\n`, { mode: 0o600 });
      created = true;
    }
    appendFileSync(file, `${JSON.stringify(line)}\n`);
  };
  return {
    record(kind, build, description, data) {
      const id = randomBytes(6).toString('hex');
      append({ op: 'add', id, kind, build, description, data });
      outstanding.set(id, build);
      return id;
    },
    update(id, data) {
      if (outstanding.has(id)) append({ op: 'update', id, data });
    },
    forget(id) {
      if (!outstanding.delete(id)) return;
      append({ op: 'done', id });
    },
    settle(build) {
      for (const [id, b] of [...outstanding]) if (b === build) this.forget(id);
    },
    close() {
      if (created && outstanding.size === 0) rmSync(file, { force: true });
    },
  };
}

/** A journal found on disk: its owner and what it still lists, oldest first. */
export interface FoundJournal {
  file: string;
  header?: RunHeader;
  outstanding: ResourceRecord[];
}

/** Reads one journal file; a torn last line (the run was killed while writing it) is ignored. */
export function readJournal(file: string): FoundJournal {
  let header: RunHeader | undefined;
  const records = new Map<string, ResourceRecord>();
  for (const text of readFileSync(file, 'utf8').split('\n')) {
    if (text.trim() === '') continue;
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      continue;
    }
    if (line.op === 'run') header = { run: line.run, pid: line.pid, host: line.host, started: line.started };
    else if (line.op === 'add') records.set(line.id, { id: line.id, kind: line.kind, build: line.build, description: line.description, data: line.data });
    else if (line.op === 'update') {
      const r = records.get(line.id);
      if (r) r.data = { ...r.data, ...line.data };
    } else if (line.op === 'done') records.delete(line.id);
  }
  return { file, header, outstanding: [...records.values()] };
}

/** Every journal in `dir`. */
export function findJournals(dir: string): FoundJournal[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    return [];
  }
  return names.map((n) => readJournal(join(dir, n)));
}

/** Writes that `ids` of a found journal are gone; removes the file when nothing is left. */
export function crossOut(found: FoundJournal, ids: string[]): void {
  const left = found.outstanding.filter((r) => !ids.includes(r.id));
  if (left.length === 0) rmSync(found.file, { force: true });
  // Each on a line of its own, after a last line a kill may have torn.
  else for (const id of ids) appendFileSync(found.file, `\n${JSON.stringify({ op: 'done', id } satisfies Line)}\n`);
}
