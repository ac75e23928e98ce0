// What the cloud builders' test harnesses (amazon-ebs, azure-arm, googlecompute) share: an emulator with a real
// sshd standing in for its machines, folders for runs that close() removes, a harness per test file or a pool of
// them for the interrupt and kill tests, tsbuild runs through the CLI in an environment of their own, and what a
// run left behind (journal files, resources).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { runCli, type CliResult } from './cli.js';
import type { TestSshd } from './sshd.js';

export interface Closable {
  close(): Promise<void>;
}

export interface CloudHarness<E extends Closable> {
  emulator: E;
  sshd: TestSshd;
  /** A new folder for one run, removed by close(). */
  newDir(): string;
  /** Closes the emulator and the sshd, and removes the sshd's keys and every folder newDir() made. */
  close(): Promise<void>;
}

/** The parts of a harness every cloud shares, around a started emulator and sshd; `prefix` names the run folders. */
export function cloudHarness<E extends Closable>(prefix: string, emulator: E, sshd: TestSshd): CloudHarness<E> {
  const dirs: string[] = [];
  return {
    emulator,
    sshd,
    newDir: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      return dir;
    },
    close: async () => {
      await emulator.close();
      await sshd.stop();
      rmSync(sshd.keys.dir, { recursive: true, force: true });
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    },
  };
}

/** A harness for the test file: started before its tests, closed after them (reads fail before it has started). */
export function harnessForFile<H extends Closable>(builder: string, start: () => Promise<H>): H {
  let current: H | undefined;
  beforeAll(async () => {
    current = await start();
  });
  afterAll(async () => {
    await current?.close();
  });
  return new Proxy({} as H, {
    get: (_, key) => {
      if (!current) throw new Error(`the ${builder} harness starts in beforeAll`);
      return current[key as keyof H];
    },
  });
}

/**
 * Starts `count` harnesses before the file's tests and closes them after; gives a function that lends one to a case
 * while it runs (cases run side by side, each on a harness of its own, so that what the emulator has left can be
 * compared with what it had before the case), waiting for one to be free.
 */
export function harnessPool<H extends Closable>(count: number, start: () => Promise<H>): <T>(use: (h: H) => Promise<T>) => Promise<T> {
  const free: H[] = [];
  const waiting: ((h: H) => void)[] = [];
  beforeAll(async () => {
    await Promise.all(Array.from({ length: count }, async () => free.push(await start())));
  });
  afterAll(async () => {
    await Promise.all(free.splice(0).map((h) => h.close()));
  });
  return async (use) => {
    const h = free.pop() ?? (await new Promise<H>((give) => waiting.push(give)));
    try {
      return await use(h);
    } finally {
      const next = waiting.shift();
      if (next) next(h);
      else free.push(h);
    }
  };
}

/** A new folder of the harness with `template` as its build.pkr.hcl. */
export function projectDir(h: { newDir(): string }, template: string): string {
  const dir = h.newDir();
  writeFileSync(join(dir, 'build.pkr.hcl'), template);
  return dir;
}

/**
 * The environment of a tsbuild run in `dir`: none of the machine's variables whose names start with one of
 * `cleared`, then `vars`, HOME in `dir`, a journal folder and a TMPDIR of its own (in `dir`, which the harness
 * removes), and `extra` last.
 */
export function runEnv(dir: string, cleared: string[], vars: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const unset = Object.fromEntries(Object.keys(process.env).filter((k) => cleared.some((p) => k.startsWith(p))).map((k) => [k, '']));
  const tmp = join(dir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return { ...unset, ...vars, HOME: dir, TSBUILD_STATE_DIR: join(dir, 'state'), TMPDIR: tmp, ...extra };
}

/** Writes `template` as build.pkr.hcl in a new folder of the harness and builds it with tsbuild in the environment `env` gives for that folder. */
export async function buildInNewDir(
  h: { newDir(): string },
  template: string,
  env: (dir: string) => Record<string, string>,
  args: string[] = [],
): Promise<CliResult & { dir: string; output: string }> {
  const dir = projectDir(h, template);
  const r = await runCli(['build', '-color=false', ...args, 'build.pkr.hcl'], { cwd: dir, env: env(dir) });
  return { ...r, dir, output: r.stdout + r.stderr };
}

/** The journal files a run in `dir` left (none when the folder was never made). */
export function journalFiles(dir: string): string[] {
  const journal = join(dir, 'state', 'journal');
  return existsSync(journal) ? readdirSync(journal) : [];
}

/** What the emulator has that it did not have in `before`. */
export const madeSince = (h: { emulator: { leftovers(): string[] } }, before: Set<string>) => h.emulator.leftovers().filter((l) => !before.has(l));
