// Packer's StepDownload for ISOs: tries each URL in turn; a local file is checked and used where it is; an
// http(s) one is downloaded under PACKER_CACHE_DIR (else ./packer_cache) as sha1(checksum or URL).<extension>, or
// to iso_target_path, under a lock so that parallel builds fetch it once; a cached file whose checksum matches is
// reused, a partial one resumed; a file whose checksum does not match is deleted and the build fails with both sums.

import { createHash } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { isCancellation } from '../../engine/cancel.js';
import type { Step } from '../../engine/steps.js';
import type { RunContext } from '../../plugin/context.js';
import type { BuildUi } from '../../plugin/ui.js';
import { describeProgress } from '../../ui/byte-progress.js';
import { errorMessage } from '../../plugin/errors.js';
import { withFileLock } from '../../util/file-lock/with-file-lock.js';
import { checksumText, hashFile, type Checksum } from './checksum.js';
import { isoUrlsOf, type IsoConfig } from './config.js';
import { fetchToFile } from './fetch.js';
import type { ProgressFn } from './progress.js';
import { localPathOf, resolveChecksum } from './resolve-checksum.js';

export interface IsoState {
  /** The ISO on this machine, once fetched and checked. */
  isoPath?: string;
  /** The URL it came from (Packer's SourceImageURL). */
  isoUrl?: string;
}

export interface DownloadOptions {
  /** Draws download progress; called with `done` when the download ends. The build UI's status line unless given. */
  progress?: (url: string) => (ProgressFn & { done(): void }) | undefined;
}

/**
 * Download progress as the UI's status line, redrawn in place on a terminal only: elsewhere (CI logs, pipes) nothing,
 * as Packer 1.6.6 shows its progress bar on a terminal only.
 */
function uiProgress(ui: BuildUi): DownloadOptions['progress'] {
  return () => {
    if (!ui.live || !ui.progress) return undefined;
    const start = performance.now();
    return Object.assign((received: number, total: number | undefined) => ui.progress!(describeProgress('Downloading ISO', received, total ?? received, performance.now() - start)), {
      done: () => undefined,
    });
  };
}

/** Where Packer 1.6.6 keeps downloads: PACKER_CACHE_DIR, else packer_cache in the working folder. */
export function cacheDir(ctx: Pick<RunContext, 'env' | 'cwd'>): string {
  return resolve(ctx.cwd, ctx.env.PACKER_CACHE_DIR || 'packer_cache');
}

/** The download's file: Packer's cache key is sha1 of the checksum (`sha256:<hex>`) or, without one, of the URL. */
export function targetPathOf(c: IsoConfig, source: string, checksum: Checksum | undefined, ctx: Pick<RunContext, 'env' | 'cwd'>): string {
  const key = createHash('sha1').update(checksum ? checksumText(checksum) : source).digest('hex');
  const ext = c.iso_target_extension.toLowerCase();
  if (!c.iso_target_path) return join(cacheDir(ctx), `${key}.${ext}`);
  const target = resolve(ctx.cwd, c.iso_target_path);
  return extname(target) === '' ? join(target, `${key}.${ext}`) : target;
}

/** The URL as Packer shows it: with the checksum as a `checksum` query parameter. */
function shownUrl(source: string, checksum: Checksum | undefined): string {
  if (!checksum) return source;
  return `${source}${source.includes('?') ? '&' : '?'}checksum=${encodeURIComponent(checksumText(checksum))}`;
}

async function verify(path: string, checksum: Checksum | undefined, signal: AbortSignal): Promise<string | undefined> {
  if (!checksum) return undefined;
  const got = await hashFile(path, checksum.type, signal);
  return got === checksum.hex ? undefined : `Checksums did not match for ${path}.\nExpected: ${checksum.hex}\nGot: ${got}`;
}

async function fetchOne(c: IsoConfig, source: string, checksum: Checksum | undefined, ctx: RunContext, o: DownloadOptions): Promise<string> {
  const shown = shownUrl(source, checksum);
  ctx.ui.say(`Trying ${shown}`);
  const local = localPathOf(source, ctx.cwd);
  if (local !== undefined) {
    const info = await stat(local).catch(() => undefined);
    if (!info?.isFile()) throw new Error(`source path error: stat ${local}: no such file or directory`);
    const mismatch = await verify(local, checksum, ctx.signal);
    if (mismatch) throw new Error(mismatch);
    ctx.ui.say(`${shown} => ${local}`);
    return local;
  }
  if (!/^https?:\/\//i.test(source)) throw new Error(`${source}: only http, https and file URLs (or paths) can be downloaded`);
  const target = targetPathOf(c, source, checksum, ctx);
  await mkdir(dirname(target), { recursive: true });
  await withFileLock(target, { what: 'ISO download', timeoutMs: 24 * 3_600_000, staleMs: 60_000, signal: ctx.signal }, async () => {
    const cached = checksum !== undefined && (await stat(target).catch(() => undefined))?.isFile() && (await verify(target, checksum, ctx.signal)) === undefined;
    if (cached) return;
    const progress = (o.progress ?? uiProgress(ctx.ui))?.(source);
    try {
      // Without a checksum, nothing tells a partial file from a complete one: fetched whole.
      await fetchToFile(source, target, { signal: ctx.signal, progress, resume: checksum !== undefined });
    } finally {
      progress?.done();
    }
    const mismatch = await verify(target, checksum, ctx.signal);
    if (mismatch) {
      ctx.ui.say(`Checksum did not match, removing ${target}`);
      await rm(target, { force: true }).catch(() => ctx.ui.error(`Failed to remove cache file. Please remove manually: ${target}`));
      throw new Error(mismatch);
    }
  });
  ctx.ui.say(`${shown} => ${target}`);
  return target;
}

export function stepDownloadIso<S extends IsoState>(configOf: (state: S) => IsoConfig, o: DownloadOptions = {}): Step<S> {
  return {
    name: 'StepDownload',
    run: async (state, ctx) => {
      const c = configOf(state);
      const urls = isoUrlsOf(c);
      ctx.ui.say('Retrieving ISO');
      const checksum = await resolveChecksum(c.iso_checksum ?? 'none', urls[0] ?? '', ctx.cwd, ctx.signal);
      const errors: string[] = [];
      for (const source of urls) {
        ctx.ui.say(`Trying ${source}`);
        try {
          state.isoPath = await fetchOne(c, source, checksum, ctx, o);
          state.isoUrl = source;
          return;
        } catch (e) {
          if (isCancellation(e) || ctx.signal.aborted) throw e;
          if (!errorMessage(e).startsWith('Checksums did not match')) ctx.ui.say(`Download failed ${errorMessage(e)}`);
          errors.push(errorMessage(e));
        }
      }
      throw new Error(`error downloading ISO: [${errors.join(' ')}]`);
    },
  };
}
